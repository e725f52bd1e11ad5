package org.allianceportal.core.alliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainEntity;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.NotFound;

/** A strategic alliance between two or more party organisations. */
@Entity
@Table(name = "alliance")
public class Alliance extends DomainEntity {

    @Column(nullable = false)
    public String name;

    public String description;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "alliance_party",
            joinColumns = @JoinColumn(name = "alliance_id"),
            inverseJoinColumns = @JoinColumn(name = "organisation_id"))
    @OrderBy("name")
    public Set<Organisation> parties = new LinkedHashSet<>();

    /** When it was archived: it stays readable and verifiable, takes no change and sends no reminder. */
    @Column(name = "archived_at")
    public Instant archivedAt;

    /** Business days to acknowledge a concern, per severity; null keeps the product's default. */
    @Column(name = "acknowledge_days_high")
    public Integer acknowledgeDaysHigh;

    @Column(name = "acknowledge_days_medium")
    public Integer acknowledgeDaysMedium;

    @Column(name = "acknowledge_days_low")
    public Integer acknowledgeDaysLow;

    /**
     * The alliance, if the actor's organisation is party to it (checked in the query); otherwise it does
     * not exist for them. Every scoped read and command starts here.
     */
    public static Alliance scopedTo(Actor actor, long allianceId) {
        return Alliance.<Alliance>find("""
                select a from Alliance a left join fetch a.parties
                where a.id = ?1
                and exists (select 1 from Alliance x join x.parties p where x = a and p.id = ?2)""",
                allianceId, actor.organisationId())
                .singleResultOptional()
                .orElseThrow(() -> new NotFound("Alliance", allianceId));
    }

    public boolean isArchived() {
        return archivedAt != null;
    }

    /** Every change to an alliance's record passes here first: an archived alliance takes none. */
    public void requireOpen() {
        if (isArchived()) {
            throw new IllegalTransition("The alliance \"" + name + "\" is archived: its record can be read and verified, not changed.");
        }
    }

    /** How many business days the other side has to acknowledge a concern of this severity here. */
    public int acknowledgementDays(Severity severity) {
        Integer own = switch (severity) {
            case HIGH -> acknowledgeDaysHigh;
            case MEDIUM -> acknowledgeDaysMedium;
            case LOW -> acknowledgeDaysLow;
        };
        return own != null ? own : severity.acknowledgementBusinessDays;
    }

    public boolean hasParty(Long organisationId) {
        return parties.stream().anyMatch(o -> o.id.equals(organisationId));
    }

    /** The parties other than {@code organisationId}: "them" from that organisation's point of view. */
    public List<Organisation> partiesOtherThan(Long organisationId) {
        return parties.stream().filter(o -> !o.id.equals(organisationId)).toList();
    }
}
