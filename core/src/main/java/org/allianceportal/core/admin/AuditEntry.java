package org.allianceportal.core.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One administrative action: who did what to which organisation, alliance or person, when, before and after. */
@Entity
@Table(name = "admin_audit")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(name = "actor_id", nullable = false, updatable = false)
    public String actorId;

    @Column(name = "actor_name", nullable = false, updatable = false)
    public String actorName;

    /** E.g. "person.invited", "organisation.renamed", "alliance.party_removed". */
    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "target_type", nullable = false, updatable = false)
    public String targetType;

    @Column(name = "target_id", updatable = false)
    public Long targetId;

    @Column(name = "target_name", nullable = false, updatable = false)
    public String targetName;

    /** The organisation concerned, so that a lead sees the entries of their own. */
    @Column(name = "organisation_id", updatable = false)
    public Long organisationId;

    /** Canonical JSON of the fields that changed, as they were and as they are; null when created or gone. */
    @Column(name = "before_state", updatable = false)
    public String before;

    @Column(name = "after_state", updatable = false)
    public String after;
}
