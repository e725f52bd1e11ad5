package org.allianceportal.core.shared;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;

/** Identity, creation time and optimistic-lock version shared by every mutable aggregate. */
@MappedSuperclass
public abstract class DomainEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** Rejects a command issued against a version the user no longer sees (stale form, lost update). */
    public void checkVersion(long expected) {
        if (expected != version) {
            throw new DomainException.Conflict(getClass().getSimpleName(), id);
        }
    }
}
