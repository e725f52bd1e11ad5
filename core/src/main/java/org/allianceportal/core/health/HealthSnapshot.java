package org.allianceportal.core.health;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.allianceportal.core.log.CanonicalJson;

/** An alliance's index in one ISO week (keyed by its Monday), kept for the trend; written once. */
@Entity
@Table(name = "health_snapshot")
@IdClass(HealthSnapshot.Key.class)
public class HealthSnapshot extends PanacheEntityBase {

    public record Key(Long allianceId, LocalDate week) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "alliance_id")
    public Long allianceId;

    @Id
    public LocalDate week;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;

    /** Null while the alliance had no record to read. */
    @Column(name = "index_value")
    public Integer index;

    /** The headline figures then, canonical JSON. */
    @Column(nullable = false)
    public String figures;

    public Map<String, Object> figures() {
        return CanonicalJson.read(figures);
    }
}
