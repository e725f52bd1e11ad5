package org.allianceportal.core.log;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A signed tree head of one alliance's log, kept as the exact note that was published. Never changed. */
@Entity
@Table(name = "log_checkpoint")
public class Checkpoint extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alliance_id", nullable = false, updatable = false)
    public Long allianceId;

    @Column(name = "tree_size", nullable = false, updatable = false)
    public long treeSize;

    @Column(name = "root_hash", nullable = false, updatable = false)
    public byte[] rootHash;

    @Column(name = "signed_at", nullable = false, updatable = false)
    public Instant signedAt;

    @Column(name = "key_name", nullable = false, updatable = false)
    public String keyName;

    /** The C2SP signed note: origin, size, base64 root, time, blank line, signature line. */
    @Column(nullable = false, updatable = false)
    public String note;

    public static Optional<Checkpoint> latest(long allianceId) {
        return find("allianceId = ?1 order by treeSize desc", allianceId).firstResultOptional();
    }

    public static Optional<Checkpoint> ofSize(long allianceId, long size) {
        return find("allianceId = ?1 and treeSize = ?2", allianceId, size).firstResultOptional();
    }
}
