package org.allianceportal.core.checkin;

import static org.allianceportal.core.alliance.Parties.requireLeadOf;
import static org.allianceportal.core.log.ChangeRecorder.payload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Keyset;
import org.allianceportal.core.shared.Commands;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Text;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * One method per user intention on check-ins. Each runs in one transaction along the one command path
 * ({@link Commands}): a query scoped to the actor's organisation, the rule, the log entry and the outbox
 * events (every party hears of it).
 */
@ApplicationScoped
public class CheckInService {

    /** How many future occurrences are kept scheduled, so they are in everyone's calendar. */
    static final int AHEAD = 4;

    /** Bounds the walk through a cadence's dates (ten years of weekly meetings and more). */
    static final int MAX_OCCURRENCES = 2_000;

    public record CadenceDraft(Frequency frequency, LocalDate firstDate, LocalTime localTime, String zone,
            Integer durationMinutes) {
    }

    public record ActionItemDraft(String title, Long ownerId, Long beneficiaryId, LocalDate dueDate) {
    }

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentService commitments;

    @Inject
    Commands commands;

    @Inject
    ChangeRecorder recorder;

    @Inject
    TimeKeeper time;

    /** Sets (or replaces) the alliance's rhythm and schedules the next occurrences. Leads only. */
    @Transactional
    public Cadence setCadence(Actor actor, long allianceId, CadenceDraft draft) {
        Alliance alliance = commands.load(actor, allianceId);
        requireLeadOf(actor, alliance.parties.toArray(Organisation[]::new));
        return applyCadence(actor, alliance, draft);
    }

    /** The platform administrator sets the rhythm of an alliance they are not party to (AllianceAdministration). */
    @Transactional
    public Cadence setCadenceAsAdministrator(Actor actor, Alliance alliance, CadenceDraft draft) {
        if (!actor.isAdmin()) {
            throw new Forbidden("Only a platform administrator can do this.");
        }
        alliance.requireOpen();
        return applyCadence(actor, alliance, draft);
    }

    private Cadence applyCadence(Actor actor, Alliance alliance, CadenceDraft draft) {
        long allianceId = alliance.id;
        Map<String, String> errors = new LinkedHashMap<>();
        if (draft.frequency() == null) {
            errors.put("frequency", "Choose how often you meet.");
        }
        if (draft.firstDate() == null || draft.firstDate().isBefore(time.today())) {
            errors.put("firstDate", "Give the date of the first check-in, today or later.");
        }
        if (draft.localTime() == null) {
            errors.put("localTime", "Give the time of day.");
        }
        try {
            ZoneId.of(draft.zone() == null ? "" : draft.zone());
        } catch (DateTimeException e) {
            errors.put("zone", "Give a time zone such as Europe/Berlin.");
        }
        if (draft.durationMinutes() == null || draft.durationMinutes() < 5 || draft.durationMinutes() > 480) {
            errors.put("durationMinutes", "A check-in lasts between 5 minutes and 8 hours.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Cadence cadence = Cadence.<Cadence>findByIdOptional(allianceId).orElseGet(Cadence::new);
        boolean replacing = cadence.allianceId != null;
        if (replacing) {
            // the old rhythm's future meetings go out of everyone's calendar
            for (CheckIn old : CheckIn.<CheckIn>list("alliance = ?1 and state = ?2 and startsAt > ?3", alliance,
                    CheckInState.SCHEDULED, time.now())) {
                old.cancel(actor);
                commands.record(actor, old, "checkin.cancelled", payload("reason", "The cadence changed"));
            }
        }
        if (replacing) {
            cadence.revision++;
        }
        cadence.allianceId = allianceId;
        cadence.frequency = draft.frequency();
        cadence.firstDate = draft.firstDate();
        cadence.localTime = draft.localTime();
        cadence.zone = draft.zone();
        cadence.durationMinutes = draft.durationMinutes();
        if (!replacing) {
            cadence.createdAt = time.now();
            cadence.persist();
        }
        recorder.record(actor, alliance, "checkin.cadence_set", "alliance", allianceId,
                payload("frequency", cadence.frequency, "firstDate", cadence.firstDate, "localTime",
                        cadence.localTime.toString(), "zone", cadence.zone, "durationMinutes", cadence.durationMinutes),
                alliance.partiesOtherThan(actor.organisationId()));
        scheduleAhead(actor, alliance, cadence);
        return cadence;
    }

    /** Keeps the next occurrences scheduled for every alliance with a cadence (the portal's hourly job). */
    @Transactional
    public int scheduleAheadForAll() {
        int created = 0;
        for (Cadence cadence : Cadence.<Cadence>listAll()) {
            Alliance alliance = Alliance.findById(cadence.allianceId);
            if (alliance.isArchived()) {
                continue; // an archived alliance meets no more
            }
            created += scheduleAhead(Actor.system(), alliance, cadence);
        }
        return created;
    }

    /** Check-ins of an alliance the actor's organisation is party to, soonest first. */
    public List<CheckIn> ofAlliance(Actor actor, long allianceId) {
        return ofAlliance(alliances.get(actor, allianceId));
    }

    /** Check-ins of an alliance already scoped to the actor ({@link AllianceService#get}), soonest first. */
    public List<CheckIn> ofAlliance(Alliance alliance) {
        return CheckIn.list("alliance = ?1 order by startsAt", alliance);
    }

    /** The check-ins still to come, soonest first, at most {@code limit} (the cadence schedules only a few ahead). */
    public List<CheckIn> upcoming(Alliance alliance, Instant now, int limit) {
        return CheckIn.<CheckIn>find("alliance = ?1 and startsAt >= ?2 order by startsAt, id", alliance, now)
                .range(0, limit - 1).list();
    }

    /** The past check-ins, newest first: a page of them and the token of the next. */
    public record Past(List<CheckIn> items, String next) {
    }

    private static final Keyset.Sort PAST = Keyset.byTime("newest", "Newest first", "t.starts_at", true);

    /**
     * One page of the past check-ins of an alliance already scoped to the actor, newest first, continuing
     * after the page whose token is {@code after} (keyset, not OFFSET: years of meetings cost the same).
     */
    public Past past(Alliance alliance, Instant now, String after, int size) {
        Keyset.Page ids = Keyset.ids(CheckIn.getEntityManager(), "checkin t",
                Keyset.ofAlliance(alliance.id).and("t.starts_at < :now", "now", now), PAST, after, size);
        return new Past(Keyset.rows(ids, page -> CheckIn.<CheckIn>list("id in ?1", page), c -> c.id), ids.next());
    }

    public CheckIn get(Actor actor, long allianceId, long checkInId) {
        return CheckIn.inAlliance(alliances.get(actor, allianceId), checkInId);
    }

    /**
     * What the meeting should look at: open concerns, those late for acknowledgement first, then the
     * oldest; and the commitments falling due before the following check-in.
     */
    public String suggestedAgenda(Actor actor, long allianceId, long checkInId) {
        return suggestedAgenda(get(actor, allianceId, checkInId));
    }

    /** The most open concerns and due commitments a suggested agenda lists: a meeting cannot take more. */
    static final int AGENDA_ITEMS = 25;

    /**
     * The suggested agenda of a check-in already loaded through {@link #get}: open concerns (late
     * acknowledgements first, then oldest) and commitments still owed by the next check-in, each at most
     * {@link #AGENDA_ITEMS}, chosen and ordered in SQL so a years-old alliance costs the same.
     */
    public String suggestedAgenda(CheckIn checkIn) {
        Instant now = time.now();
        List<Concern> open = Concern.<Concern>find("""
                select c from Concern c join fetch c.raisedBy join fetch c.raisedTo
                where c.alliance = ?1 and c.state <> ?2
                order by case when c.state in ?3 and c.acknowledgeBy < ?4 then 0 else 1 end, c.raisedAt, c.id""",
                checkIn.alliance, ConcernState.RESOLVED, List.of(ConcernState.RAISED, ConcernState.ESCALATED), now)
                .range(0, AGENDA_ITEMS).list();
        LocalDate until = CheckIn.<CheckIn>find("alliance = ?1 and startsAt > ?2 and state = ?3 order by startsAt",
                checkIn.alliance, checkIn.startsAt, CheckInState.SCHEDULED).firstResultOptional()
                .map(next -> LocalDate.ofInstant(next.startsAt, ZoneOffset.UTC))
                .orElse(LocalDate.ofInstant(checkIn.startsAt, ZoneOffset.UTC).plusDays(31));
        List<Commitment> due = Commitment.<Commitment>find("""
                select c from Commitment c join fetch c.owner join fetch c.beneficiary
                where c.alliance = ?1 and c.state in ?2 and c.dueDate <= ?3 order by c.dueDate, c.id""",
                checkIn.alliance, List.of(CommitmentState.PROPOSED, CommitmentState.AGREED, CommitmentState.DISPUTED),
                until).range(0, AGENDA_ITEMS).list();
        StringBuilder agenda = new StringBuilder("Open concerns\n");
        open.stream().limit(AGENDA_ITEMS).forEach(c -> agenda.append("- ").append(c.title).append(" (")
                .append(c.raisedBy.name).append(" → ").append(c.raisedTo.name).append(", ")
                .append(c.state.name().toLowerCase().replace('_', ' '))
                .append(c.isAcknowledgementOverdue(now) ? ", acknowledgement overdue" : "").append(")\n"));
        if (open.size() > AGENDA_ITEMS) {
            agenda.append("- and more: see the concerns list\n");
        }
        agenda.append("\nCommitments due by ").append(until).append('\n');
        due.stream().limit(AGENDA_ITEMS).forEach(c -> agenda.append("- ").append(c.title).append(" (")
                .append(c.owner.name).append(" → ").append(c.beneficiary.name).append(", due ").append(c.dueDate)
                .append(c.isOverdue(time.today()) ? ", overdue" : "").append(")\n"));
        if (due.size() > AGENDA_ITEMS) {
            agenda.append("- and more: see the commitments list\n");
        }
        return agenda.toString();
    }

    @Transactional
    public CheckIn reschedule(Actor actor, Ref ref, Instant newStart) {
        return commands.change(actor, ref, CheckIn::inAlliance, "checkin.rescheduled",
                c -> c.reschedule(actor, newStart, time.now()),
                c -> payload("startsAt", c.startsAt, "calendarSequence", c.calendarSequence));
    }

    @Transactional
    public CheckIn cancel(Actor actor, Ref ref, String reason) {
        String cleanReason = Text.optional("reason", reason);
        return commands.change(actor, ref, CheckIn::inAlliance, "checkin.cancelled",
                c -> c.cancel(actor),
                c -> payload("reason", cleanReason, "calendarSequence", c.calendarSequence));
    }

    @Transactional
    public CheckIn editAgenda(Actor actor, Ref ref, String agenda) {
        return commands.change(actor, ref, CheckIn::inAlliance, "checkin.agenda_edited",
                c -> c.editAgenda(actor, agenda),
                c -> payload("agenda", c.agenda));
    }

    @Transactional
    public CheckIn recordAttendance(Actor actor, Ref ref, Set<Long> present) {
        return commands.change(actor, ref, CheckIn::inAlliance, "checkin.attendance_recorded",
                c -> c.recordAttendance(actor, present, time.now()),
                c -> payload("attendance", names(c)));
    }

    @Transactional
    public CheckIn recordMinutes(Actor actor, Ref ref, String minutes, String decisions, List<ActionItemDraft> items) {
        return commands.change(actor, ref, CheckIn::inAlliance, "checkin.minutes_recorded",
                c -> c.recordMinutes(actor, minutes, decisions,
                        items.stream().map(d -> actionItem(c.alliance, d)).toList(), time.now()),
                c -> payload("minutes", c.minutes, "decisions", c.decisions, "actionItems",
                        c.actionItems.stream().map(i -> i.title).toList()));
    }

    /** When the last party approves, the minutes join the record and each action item becomes a proposed commitment. */
    @Transactional
    public CheckIn approveMinutes(Actor actor, Ref ref) {
        CheckIn checkIn = commands.change(actor, ref, CheckIn::inAlliance, "checkin.minutes_approved_by",
                c -> c.approveMinutes(actor, time.now()),
                c -> payload("approvedBy", c.approvals.size()));
        if (checkIn.approvedByAll()) {
            commands.record(actor, checkIn, "checkin.minutes_approved", payload("minutes", checkIn.minutes,
                    "decisions", checkIn.decisions));
            for (ActionItem item : checkIn.actionItems) {
                item.commitment = commitments.propose(actor, ref.allianceId(), new CommitmentTerms(item.title,
                        "Action item of the check-in of " + checkIn.startsAt + ".", item.owner.id, item.beneficiary.id,
                        item.dueDate));
            }
        }
        return checkIn;
    }

    /** Records every check-in that lapsed without a record as missed (the portal's job). */
    @Transactional
    public int markMissed() {
        Instant now = time.now();
        List<CheckIn> lapsed = CheckIn.list("state = ?1 and startsAt < ?2 and alliance.archivedAt is null", CheckInState.SCHEDULED,
                now.minus(CheckIn.GRACE));
        int missed = 0;
        for (CheckIn c : lapsed) {
            if (c.markMissedIfLapsed(now)) {
                commands.record(Actor.system(), c, "checkin.missed", payload("startsAt", c.startsAt));
                missed++;
            }
        }
        return missed;
    }

    /**
     * Schedules occurrences of the cadence until {@link #AHEAD} lie in the future. A slot of the rhythm is
     * filled once: a check-in that was cancelled, moved, held or missed keeps it, so it never comes back.
     */
    private int scheduleAhead(Actor actor, Alliance alliance, Cadence cadence) {
        Instant now = time.now();
        long upcoming = CheckIn.count("alliance = ?1 and state = ?2 and startsAt > ?3", alliance,
                CheckInState.SCHEDULED, now);
        if (upcoming >= AHEAD) {
            return 0;
        }
        Set<Instant> filled = new HashSet<>(CheckIn.getEntityManager().createQuery("""
                select c.slotStartsAt from CheckIn c
                where c.alliance = :a and c.cadenceRevision = :revision and c.slotStartsAt > :now""", Instant.class)
                .setParameter("a", alliance).setParameter("revision", cadence.revision).setParameter("now", now)
                .getResultList());
        Integer last = CheckIn.getEntityManager()
                .createQuery("select max(c.occurrence) from CheckIn c where c.alliance = :a", Integer.class)
                .setParameter("a", alliance).getSingleResult();
        int next = last == null ? 0 : last + 1;
        int created = 0;
        for (int n = 0; upcoming < AHEAD && n < MAX_OCCURRENCES; n++) {
            Instant start = cadence.startOf(n);
            if (!start.isAfter(now) || filled.contains(start)) {
                continue;
            }
            CheckIn c = new CheckIn();
            c.alliance = alliance;
            c.occurrence = next++;
            c.startsAt = start;
            c.slotStartsAt = start;
            c.cadenceRevision = cadence.revision;
            c.durationMinutes = cadence.durationMinutes;
            c.state = CheckInState.SCHEDULED;
            c.createdAt = now;
            c.persist();
            commands.record(actor, c, "checkin.scheduled", payload("startsAt", start,
                    "durationMinutes", c.durationMinutes, "calendarSequence", 0));
            upcoming++;
            created++;
        }
        return created;
    }

    private ActionItem actionItem(Alliance alliance, ActionItemDraft draft) {
        ActionItem item = new ActionItem();
        item.title = draft.title();
        item.owner = party(alliance, draft.ownerId());
        item.beneficiary = party(alliance, draft.beneficiaryId());
        item.dueDate = draft.dueDate();
        return item;
    }

    private static Organisation party(Alliance alliance, Long id) {
        return alliance.parties.stream().filter(o -> o.id.equals(id)).findFirst().orElse(null);
    }

    private static Map<String, Boolean> names(CheckIn c) {
        Map<String, Boolean> byName = new LinkedHashMap<>();
        c.alliance.parties.forEach(p -> byName.put(p.name, Boolean.TRUE.equals(c.attendance.get(p.id))));
        return byName;
    }
}
