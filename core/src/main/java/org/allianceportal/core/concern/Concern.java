package org.allianceportal.core.concern;

import static org.allianceportal.core.alliance.Parties.requireLeadOf;
import static org.allianceportal.core.alliance.Parties.requireMemberOf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainEntity;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Recordable;
import org.allianceportal.core.shared.Text;

/**
 * A concern one party organisation raises to another. It must be acknowledged by a lead of the
 * other side within a deadline set by its severity; it ends only when the raising side confirms a
 * resolution, and otherwise climbs the escalation ladder. Rules live here, free of persistence;
 * {@link ConcernService} loads, records and saves around them. The one query here, {@link #inAlliance}, finds it.
 */
@Entity
@Table(name = "concern")
public class Concern extends DomainEntity implements Recordable {

    public static final int TITLE_MAX = 200;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "alliance_id")
    public Alliance alliance;

    /** The commitment the concern is about, if any. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "commitment_id")
    public Commitment commitment;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConcernState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EscalationLevel level;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "raised_by_id")
    public Organisation raisedBy;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "raised_to_id")
    public Organisation raisedTo;

    @Column(name = "raised_by_user_id", nullable = false)
    public String raisedByUserId;

    @Column(name = "raised_by_name", nullable = false)
    public String raisedByName;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    /** When the current acknowledgement clock started (raise, escalation, reopening): for half-time reminders. */
    @Column(name = "acknowledge_clock_started_at", nullable = false)
    public Instant acknowledgeClockStartedAt;

    /** When the current acknowledgement is due (set on raise, escalation and reopening). */
    @Column(name = "acknowledge_by", nullable = false)
    public Instant acknowledgeBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** The current acknowledgement deadline has passed unmet (recorded once per deadline). */
    @Column(name = "deadline_breached", nullable = false)
    public boolean deadlineBreached;

    /** How many acknowledgement deadlines were missed over the concern's life: a trust signal. */
    @Column(name = "breach_count", nullable = false)
    public int breachCount;

    public String response;

    public String resolution;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "resolution_proposed_by_id")
    public Organisation resolutionProposedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    @Column(name = "escalation_count", nullable = false)
    public int escalationCount;

    /** One concern of an alliance already scoped to the actor ({@code Alliance.scopedTo}), else NotFound. */
    public static Concern inAlliance(Alliance alliance, long concernId) {
        return Concern.<Concern>find("""
                select c from Concern c join fetch c.raisedBy join fetch c.raisedTo left join fetch c.commitment
                where c.id = ?1 and c.alliance = ?2""", concernId, alliance)
                .firstResultOptional()
                .orElseThrow(() -> new NotFound("Concern", concernId));
    }

    /** Builds a new concern after checking the input field by field. */
    public static Concern raise(Actor actor, Alliance alliance, Long raisedToId, Severity severity, String title,
            String description, Commitment about, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanTitle = Text.check(errors, "title", title, TITLE_MAX, "Name the concern in a few words.");
        String cleanDescription = Text.check(errors, "description", description, Text.LONG_MAX,
                "Describe what worries you, so the other side can act on it.");
        if (severity == null) {
            errors.put("severity", "Choose a severity.");
        }
        if (raisedToId == null || !alliance.hasParty(raisedToId)) {
            errors.put("raisedToId", "Choose the party organisation you raise it to.");
        } else if (actor.belongsTo(raisedToId)) {
            errors.put("raisedToId", "Raise it to another organisation than your own.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!alliance.hasParty(actor.organisationId())) {
            throw new Forbidden("Only people of a party organisation can raise a concern.");
        }
        Concern c = new Concern();
        c.alliance = alliance;
        c.commitment = about;
        c.title = cleanTitle;
        c.description = cleanDescription;
        c.severity = severity;
        c.state = ConcernState.RAISED;
        c.level = EscalationLevel.WORKING_TEAM;
        c.raisedBy = alliance.parties.stream().filter(o -> actor.belongsTo(o.id)).findFirst().orElseThrow();
        c.raisedTo = alliance.parties.stream().filter(o -> o.id.equals(raisedToId)).findFirst().orElseThrow();
        c.raisedByUserId = actor.userId();
        c.raisedByName = actor.name();
        c.raisedAt = now;
        c.restartAcknowledgementClock(now);
        return c;
    }

    public void acknowledge(Actor actor, Instant now) {
        guard(ConcernAction.ACKNOWLEDGE, actor);
        noteBreachIfLate(now);
        acknowledgedAt = now;
        state = ConcernState.ACKNOWLEDGED;
    }

    public void respond(Actor actor, String text) {
        guard(ConcernAction.RESPOND, actor);
        response = Text.required("response", text, "Write your response.");
        state = ConcernState.RESPONDED;
    }

    public void proposeResolution(Actor actor, String text) {
        guard(ConcernAction.PROPOSE_RESOLUTION, actor);
        resolution = Text.required("resolution", text, "Describe the proposed resolution.");
        resolutionProposedBy = sideOf(actor);
        state = ConcernState.RESOLUTION_PROPOSED;
    }

    /** Only the raising side can close its own concern: no silent closure by the other side. */
    public void confirmResolution(Actor actor, Instant now) {
        guard(ConcernAction.CONFIRM_RESOLUTION, actor);
        resolvedAt = now;
        state = ConcernState.RESOLVED;
    }

    /** The raising side finds the proposal insufficient: back to work, the proposal stays on record. */
    public void rejectResolution(Actor actor) {
        guard(ConcernAction.REJECT_RESOLUTION, actor);
        state = ConcernState.ACKNOWLEDGED;
    }

    /** One rung up the ladder; the other side must acknowledge again at the new level. */
    public void escalate(Actor actor, Instant now) {
        guard(ConcernAction.ESCALATE, actor);
        noteBreachIfLate(now);
        level = level.next().orElseThrow();
        escalationCount++;
        state = ConcernState.ESCALATED;
        restartAcknowledgementClock(now);
    }

    /**
     * Called when the acknowledgement deadline may have passed: records the breach once and moves the
     * concern up the ladder, unless it is already at the top. Returns whether anything changed.
     */
    public boolean breachIfOverdue(Instant now) {
        if (!state.awaitsAcknowledgement() || !now.isAfter(acknowledgeBy) || deadlineBreached) {
            return false;
        }
        noteBreachIfLate(now);
        if (level.next().isPresent()) {
            level = level.next().get();
            escalationCount++;
            state = ConcernState.ESCALATED;
            restartAcknowledgementClock(now);
        }
        return true;
    }

    public void reopen(Actor actor, Instant now) {
        guard(ConcernAction.REOPEN, actor);
        reopenCount++;
        resolvedAt = null;
        acknowledgedAt = null;
        state = ConcernState.RAISED;
        restartAcknowledgementClock(now);
    }

    public void checkCanComment(Actor actor) {
        guard(ConcernAction.COMMENT, actor);
    }

    @Override
    public Alliance alliance() {
        return alliance;
    }

    @Override
    public String subjectType() {
        return "concern";
    }

    @Override
    public ConcernState state() {
        return state;
    }

    /** The raising and the receiving side, less the actor's: the portal acting tells both. */
    @Override
    public List<Organisation> audience(Actor actor) {
        return Stream.of(raisedBy, raisedTo).filter(o -> !actor.belongsTo(o.id)).toList();
    }

    /** Time left to acknowledge (negative once past), or null when nothing waits for acknowledgement. */
    public Duration timeToAcknowledge(Instant now) {
        return state.awaitsAcknowledgement() ? Duration.between(now, acknowledgeBy) : null;
    }

    public boolean isAcknowledgementOverdue(Instant now) {
        return state.awaitsAcknowledgement() && now.isAfter(acknowledgeBy);
    }

    /** The commands this actor may issue now: the page shows exactly these. */
    public Set<ConcernAction> availableTo(Actor actor) {
        Set<ConcernAction> available = EnumSet.noneOf(ConcernAction.class);
        for (ConcernAction action : ConcernAction.values()) {
            try {
                guard(action, actor);
                available.add(action);
            } catch (IllegalTransition | Forbidden e) {
                // not for this actor now
            }
        }
        return available;
    }

    /** The state table first, then who may do it. */
    void guard(ConcernAction action, Actor actor) {
        if (!action.allowedFrom(state)) {
            throw new IllegalTransition("A concern that is " + state.name().toLowerCase().replace('_', ' ')
                    + " cannot take '" + action.name().toLowerCase().replace('_', ' ') + "'.");
        }
        switch (action) {
            case ACKNOWLEDGE -> requireLeadOf(actor, raisedTo);
            case RESPOND -> requireMemberOf(actor, raisedTo);
            case PROPOSE_RESOLUTION, COMMENT -> requireMemberOf(actor, raisedBy, raisedTo);
            case CONFIRM_RESOLUTION, REJECT_RESOLUTION -> requireLeadOf(actor, raisedBy);
            case ESCALATE -> {
                requireLeadOf(actor, raisedBy, raisedTo);
                if (level.next().isEmpty()) {
                    throw new IllegalTransition("The concern is already with the steering committee, the top of the ladder.");
                }
            }
            case REOPEN -> requireMemberOf(actor, raisedBy);
        }
    }

    private void noteBreachIfLate(Instant now) {
        if (state.awaitsAcknowledgement() && now.isAfter(acknowledgeBy) && !deadlineBreached) {
            deadlineBreached = true;
            breachCount++;
        }
    }

    private void restartAcknowledgementClock(Instant now) {
        acknowledgeClockStartedAt = now;
        acknowledgeBy = BusinessDays.add(now, alliance.acknowledgementDays(severity));
        deadlineBreached = false;
    }

    private Organisation sideOf(Actor actor) {
        return actor.belongsTo(raisedBy.id) ? raisedBy : raisedTo;
    }
}
