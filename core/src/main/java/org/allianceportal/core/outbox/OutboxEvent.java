package org.allianceportal.core.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A domain event someone must hear of, written in the same transaction as the change. The
 * notifications module turns it into e-mails and in-app notices for the audience organisation.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alliance_id", nullable = false)
    public Long allianceId;

    /** Same name as the log action, e.g. {@code concern.raised}. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "subject_type", nullable = false)
    public String subjectType;

    @Column(name = "subject_id", nullable = false)
    public long subjectId;

    /** The organisation whose people must hear of it. */
    @Column(name = "audience_organisation_id", nullable = false)
    public Long audienceOrganisationId;

    /** The log entry this event reports (its sequence number in the alliance's log); null for alarms about the log. */
    @Column(name = "log_seq")
    public Long logSeq;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Only the leads of the audience organisation hear of it (Membership.leadsOf), not all its people. */
    @Column(name = "leads_only", nullable = false)
    public boolean leadsOnly;
}
