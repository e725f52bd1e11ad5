package org.allianceportal.core.log;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One entry of an alliance's transparency log: who did what to which subject, when. Append-only:
 * it has no version and no setters are ever called after insert.
 */
@Entity
@Table(name = "log_entry")
public class LogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alliance_id", nullable = false, updatable = false)
    public Long allianceId;

    /** Position in the alliance's log, 0, 1, 2, ... without gaps. */
    @Column(nullable = false, updatable = false)
    public long seq;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(name = "actor_user_id", nullable = false, updatable = false)
    public String actorUserId;

    @Column(name = "actor_name", nullable = false, updatable = false)
    public String actorName;

    /** Null for the portal itself (automatic escalation) and for platform administrators. */
    @Column(name = "actor_organisation", updatable = false)
    public String actorOrganisation;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "subject_type", nullable = false, updatable = false)
    public String subjectType;

    @Column(name = "subject_id", nullable = false, updatable = false)
    public long subjectId;

    /** Canonical JSON (sorted keys, no white space) of what changed; kept as the exact text written. */
    @Column(nullable = false, updatable = false)
    public String payload;
}
