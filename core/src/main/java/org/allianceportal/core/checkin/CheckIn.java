package org.allianceportal.core.checkin;

import static org.allianceportal.core.alliance.Parties.requireLeadOf;
import static org.allianceportal.core.alliance.Parties.requireMemberOf;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainEntity;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Recordable;
import org.allianceportal.core.shared.Text;
import org.hibernate.annotations.BatchSize;

/**
 * One joint meeting of an alliance. Rules live here, free of persistence; {@link CheckInService}
 * loads, records and saves around them. The one query here, {@link #inAlliance}, finds it.
 */
@Entity
@Table(name = "checkin")
public class CheckIn extends DomainEntity implements Recordable {

    /** How long after its end a check-in without any record counts as missed. */
    public static final Duration GRACE = Duration.ofHours(24);

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "alliance_id")
    public Alliance alliance;

    @Column(nullable = false)
    public int occurrence;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    /** The start its cadence gave it. It stays when the meeting moves, so the slot is never scheduled twice. */
    @Column(name = "slot_starts_at", nullable = false, updatable = false)
    public Instant slotStartsAt;

    /** The {@link Cadence#revision} whose slot it fills. */
    @Column(name = "cadence_revision", nullable = false, updatable = false)
    public int cadenceRevision;

    @Column(name = "duration_minutes", nullable = false)
    public int durationMinutes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CheckInState state;

    /** RFC 5545 SEQUENCE of its calendar invite. */
    @Column(name = "calendar_sequence", nullable = false)
    public int calendarSequence;

    public String agenda;

    public String minutes;

    public String decisions;

    /** Organisation id -> whether it attended. */
    @ElementCollection
    @CollectionTable(name = "checkin_attendance", joinColumns = @JoinColumn(name = "checkin_id"))
    @MapKeyColumn(name = "organisation_id")
    @Column(name = "present")
    public Map<Long, Boolean> attendance = new HashMap<>();

    /** Organisation id -> the lead's approval of the current minutes (loaded for a page of check-ins at once). */
    @ElementCollection
    @BatchSize(size = 50)
    @CollectionTable(name = "checkin_approval", joinColumns = @JoinColumn(name = "checkin_id"))
    @MapKeyColumn(name = "organisation_id")
    public Map<Long, Approval> approvals = new HashMap<>();

    @OneToMany(mappedBy = "checkIn", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<ActionItem> actionItems = new ArrayList<>();

    /** One check-in of an alliance already scoped to the actor ({@code Alliance.scopedTo}), else NotFound. */
    public static CheckIn inAlliance(Alliance alliance, long checkInId) {
        return CheckIn.<CheckIn>find("select c from CheckIn c where c.id = ?1 and c.alliance = ?2", checkInId, alliance)
                .firstResultOptional()
                .orElseThrow(() -> new NotFound("Check-in", checkInId));
    }

    @Override
    public Alliance alliance() {
        return alliance;
    }

    @Override
    public String subjectType() {
        return "checkin";
    }

    @Override
    public CheckInState state() {
        return state;
    }

    /** Every other party; when the portal acts, all of them. */
    @Override
    public List<Organisation> audience(Actor actor) {
        return alliance.partiesOtherThan(actor.organisationId());
    }

    public Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(durationMinutes));
    }

    /** A lead of a party moves it; the calendar invite's SEQUENCE goes up. */
    public void reschedule(Actor actor, Instant newStart, Instant now) {
        requireLeadOf(actor, alliance.parties.toArray(Organisation[]::new));
        requireState(CheckInState.SCHEDULED, "rescheduled");
        if (newStart == null || newStart.isBefore(now)) {
            throw new InvalidInput("startsAt", "Choose a time in the future.");
        }
        startsAt = newStart;
        calendarSequence++;
    }

    public void cancel(Actor actor) {
        requireLeadOf(actor, alliance.parties.toArray(Organisation[]::new));
        requireState(CheckInState.SCHEDULED, "cancelled");
        state = CheckInState.CANCELLED;
        calendarSequence++;
    }

    public void editAgenda(Actor actor, String text) {
        requireMemberOf(actor, alliance.parties.toArray(Organisation[]::new));
        if (state == CheckInState.CANCELLED || state == CheckInState.MISSED) {
            throw new IllegalTransition("The agenda of a " + state.name().toLowerCase() + " check-in is closed.");
        }
        agenda = Text.optional("agenda", text);
    }

    /** Once it has started: which organisations were there. Recording it means the check-in was held. */
    public void recordAttendance(Actor actor, Set<Long> present, Instant now) {
        requireMemberOf(actor, alliance.parties.toArray(Organisation[]::new));
        requireStarted(now);
        for (Organisation party : alliance.parties) {
            attendance.put(party.id, present.contains(party.id));
        }
        state = CheckInState.HELD;
    }

    /** Writing or changing the minutes withdraws earlier approvals: both sides approve what is final. */
    public void recordMinutes(Actor actor, String minutesText, String decisionsText, List<ActionItem> items, Instant now) {
        requireMemberOf(actor, alliance.parties.toArray(Organisation[]::new));
        requireStarted(now);
        if (approvedByAll()) {
            throw new IllegalTransition("The minutes were approved by every party; they are part of the record now.");
        }
        minutes = Text.required("minutes", minutesText, "Write the minutes.");
        decisions = Text.optional("decisions", decisionsText);
        for (ActionItem item : items) {
            if (item.owner == null || item.beneficiary == null || item.owner.id.equals(item.beneficiary.id)) {
                throw new InvalidInput("actionItems", "Each action item needs two different party organisations.");
            }
            if (item.dueDate == null) {
                throw new InvalidInput("actionItems", "Each action item needs a title and a due date.");
            }
            // an action item becomes a commitment: its title follows the commitment's rule
            item.title = Text.required("actionItems", item.title, Commitment.TITLE_MAX,
                    "Each action item needs a title and a due date.");
            item.checkIn = this;
        }
        actionItems.clear();
        actionItems.addAll(items);
        approvals.clear();
        state = CheckInState.HELD;
    }

    /** A lead approves the minutes for their organisation; returns whether every party has now approved. */
    public boolean approveMinutes(Actor actor, Instant now) {
        requireLeadOf(actor, alliance.parties.toArray(Organisation[]::new));
        if (minutes == null) {
            throw new IllegalTransition("There are no minutes to approve yet.");
        }
        if (approvals.containsKey(actor.organisationId())) {
            throw new IllegalTransition("Your organisation has approved these minutes already.");
        }
        approvals.put(actor.organisationId(), new Approval(actor.userId(), now));
        return approvedByAll();
    }

    public boolean approvedByAll() {
        return minutes != null && alliance.parties.stream().allMatch(p -> approvals.containsKey(p.id));
    }

    /** Still scheduled a day after its end, with nothing recorded: missed. Returns whether it changed. */
    public boolean markMissedIfLapsed(Instant now) {
        if (state != CheckInState.SCHEDULED || now.isBefore(endsAt().plus(GRACE))) {
            return false;
        }
        for (Organisation party : alliance.parties) {
            attendance.put(party.id, false);
        }
        state = CheckInState.MISSED;
        return true;
    }

    private void requireState(CheckInState expected, String what) {
        if (state != expected) {
            throw new IllegalTransition("A " + state.name().toLowerCase() + " check-in cannot be " + what + ".");
        }
    }

    private void requireStarted(Instant now) {
        if (state == CheckInState.CANCELLED || state == CheckInState.MISSED) {
            throw new IllegalTransition("A " + state.name().toLowerCase() + " check-in has no record to add to.");
        }
        if (now.isBefore(startsAt)) {
            throw new IllegalTransition("The check-in has not started yet.");
        }
    }
}
