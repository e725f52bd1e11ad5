package org.allianceportal.notifications.reminder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInState;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.calendar.Meetings;
import org.allianceportal.notifications.delivery.Deliveries;
import org.allianceportal.notifications.delivery.NotificationSettings;
import org.allianceportal.notifications.delivery.When;
import org.allianceportal.notifications.delivery.Words;

/**
 * Plans reminders from the record itself: check-ins in 24 hours and in 1 hour, acknowledgement
 * deadlines half gone, commitments due within three days, commitments overdue. Each occasion (this
 * commitment overdue since this due date, this concern half-way to this deadline ...) is planned once:
 * the planner claims it in {@code reminder_occasion} in the transaction that plans its deliveries and
 * looks only at occasions not claimed yet, so a run costs what is new, and planning on several instances
 * at once plans nothing twice. The occasions of one stage that fall due together for the same people (one
 * organisation in one alliance) make one notice listing them, the most urgent first.
 */
@ApplicationScoped
public class Reminders {

    static final int DUE_SOON_DAYS = 3;
    /** The reminders a grouped notice lists by name; the rest are one link to the list. */
    static final int LISTED = 20;

    /** The time of the run (typed: a bound Instant alone does not take part in interval arithmetic). */
    private static final String NOW = "cast(:now as timestamptz)";
    /** The day of the run, in UTC, as due dates are. */
    private static final String TODAY = "cast(" + NOW + " at time zone 'UTC' as date)";
    /** An instant as the whole seconds since the epoch, as the delivery keys name it. */
    private static final String AT = "cast(cast(floor(extract(epoch from %s)) as bigint) as text)";

    /**
     * One kind of reminder: the rows of {@code table} (alias {@code c}) in one of {@code states} whose occasion is
     * due at :now ({@code due}), the occasion they are about, and the column naming the people to remind: an
     * organisation, or the check-in itself for everyone of every party.
     */
    private record Stage(String name, String table, Set<? extends Enum<?>> states, String due, String occasion,
            String people) {

        /** The rows whose occasion is due: the states as literals, as the column stores them. */
        String condition() {
            return "c.state in (" + states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "))
                    + ") and " + due;
        }

        /** The same states as a list's filter, so that a grouped notice links to just this kind of item. */
        String stateFilter() {
            return states.stream().map(s -> "&state=" + s.name()).collect(Collectors.joining());
        }
    }

    private static final Stage ACKNOWLEDGEMENT_HALF_GONE = new Stage("ack-half", "concern",
            where(ConcernState.class, ConcernState::awaitsAcknowledgement),
            "not c.deadline_breached and c.acknowledge_by > " + NOW + " and c.acknowledge_clock_started_at"
                    + " + (c.acknowledge_by - c.acknowledge_clock_started_at) / 2 <= " + NOW,
            AT.formatted("c.acknowledge_by"), "c.raised_to_id");
    /** Agreed (or disputed after a delivery) and due within the next days: a proposal has no due date to keep yet. */
    private static final Stage DUE_SOON = new Stage("due-soon", "commitment",
            EnumSet.of(CommitmentState.AGREED, CommitmentState.DISPUTED),
            "c.due_date >= " + TODAY + " and c.due_date <= " + TODAY + " + " + DUE_SOON_DAYS,
            "cast(c.due_date as text)", "c.owner_id");
    private static final Stage OVERDUE = new Stage("overdue", "commitment",
            where(CommitmentState.class, CommitmentState::isOutstanding), "c.due_date < " + TODAY,
            "cast(c.due_date as text)", "c.owner_id");
    private static final Stage CHECK_IN_24H = new Stage("checkin-24h", "checkin", EnumSet.of(CheckInState.SCHEDULED),
            "c.starts_at > " + NOW + " + interval '1 hour' and c.starts_at <= " + NOW + " + interval '24 hours'",
            AT.formatted("c.starts_at"), "c.id");
    private static final Stage CHECK_IN_1H = new Stage("checkin-1h", "checkin", EnumSet.of(CheckInState.SCHEDULED),
            "c.starts_at > " + NOW + " and c.starts_at <= " + NOW + " + interval '1 hour'",
            AT.formatted("c.starts_at"), "c.id");

    /** The constants of a lifecycle for which the domain's own rule holds. */
    private static <E extends Enum<E>> Set<E> where(Class<E> type, Predicate<E> rule) {
        return EnumSet.copyOf(Arrays.stream(type.getEnumConstants()).filter(rule).toList());
    }

    @Inject
    EntityManager em;

    @Inject
    Deliveries deliveries;

    @Inject
    NotificationSettings settings;

    @Inject
    TimeKeeper time;

    @Inject
    Meetings meetings;

    /**
     * Plans every reminder that fell due since the last run; returns how many occasions it planned. Each
     * group (one stage, the same people, one alliance) is its own transaction, so a backlog across many
     * alliances never makes one long transaction; a run with nothing new only reads.
     */
    public int plan() {
        Instant now = time.now();
        return plan(ACKNOWLEDGEMENT_HALF_GONE, now, (ids, people) -> acknowledgementsHalfGone(ids, people, now))
                + plan(DUE_SOON, now, (ids, people) -> remindOwners(ids, true, now))
                + plan(OVERDUE, now, (ids, people) -> remindOwners(ids, false, now))
                + plan(CHECK_IN_24H, now, (ids, people) -> checkInSoon(ids.get(0), false, now))
                + plan(CHECK_IN_1H, now, (ids, people) -> checkInSoon(ids.get(0), true, now));
    }

    /** Plans the reminders for the occasions just claimed, all for the same people. */
    private interface Remind {
        void remind(List<Long> ids, long people);
    }

    private int plan(Stage stage, Instant now, Remind remind) {
        String unclaimed = " and not exists (select 1 from reminder_occasion o where o.stage = '" + stage.name()
                + "' and o.subject_id = c.id and o.occasion = " + stage.occasion() + ")";
        List<Object[]> groups = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select distinct c.alliance_id, " + stage.people() + " from " + stage.table() + " c"
                        + " join alliance a on a.id = c.alliance_id where a.archived_at is null and " + stage.condition()
                        + unclaimed, Object[].class).setParameter("now", now).getResultList());
        int planned = 0;
        for (Object[] group : groups) {
            long alliance = ((Number) group[0]).longValue();
            long people = ((Number) group[1]).longValue();
            planned += QuarkusTransaction.requiringNew().call(() -> {
                // claimed here, planned in the same transaction: another instance that claims first leaves them out
                @SuppressWarnings("unchecked")
                List<Number> claimed = em.createNativeQuery("insert into reminder_occasion (stage, subject_id,"
                        + " occasion, planned_at) select '" + stage.name() + "', c.id, " + stage.occasion() + ", :now"
                        + " from " + stage.table() + " c where c.alliance_id = :alliance and " + stage.people()
                        + " = :people and " + stage.condition() + unclaimed + " on conflict do nothing returning subject_id")
                        .setParameter("now", now).setParameter("alliance", alliance).setParameter("people", people)
                        .getResultList();
                if (!claimed.isEmpty()) {
                    remind.remind(claimed.stream().map(Number::longValue).toList(), people);
                }
                return claimed.size();
            });
        }
        return planned;
    }

    /**
     * Everyone of every party, 24 hours and 1 hour before each check-in, with the invite attached. The
     * occasion is the start time, so a moved check-in is reminded of again.
     */
    void checkInSoon(long id, boolean lastHour, Instant now) {
        CheckIn c = em.find(CheckIn.class, id);
        String occasion = (lastHour ? "checkin-1h:" : "checkin-24h:") + c.id + ":" + c.startsAt.getEpochSecond();
        String link = settings.portalUrl() + "/alliances/" + c.alliance.id + "/check-ins/" + c.id;
        String name = c.alliance.name;
        Words words = new Words("Check-in " + (lastHour ? "within the hour" : "tomorrow") + ": " + name,
                "The " + name + " check-in starts " + When.at(c.startsAt) + " and lasts " + c.durationMinutes
                        + " minutes; the invite is attached. Please be there"
                        + (c.agenda == null ? " and add to the agenda before then." : " and read the agenda before then."),
                new Words.Facts().add("Alliance", name).add("Starts", When.at(c.startsAt))
                        .add("Lasts", c.durationMinutes + " minutes")
                        .add("Agenda", c.agenda == null ? "Not written yet: the portal suggests one" : c.agenda).list(),
                "Open the check-in");
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, "reminder.checkin", words, link, null,
                meetings.of(c));
        for (var party : c.alliance.parties) {
            for (Membership person : Membership.recipientsOf(party.id)) {
                deliveries.planFor(person, occasion, notice, now);
            }
        }
    }

    /** To the leads who must acknowledge, once per deadline; several at once in one notice, the nearest deadline first. */
    void acknowledgementsHalfGone(List<Long> ids, long raisedTo, Instant now) {
        List<Concern> all = Concern.<Concern>list("id in ?1", ids).stream()
                .sorted(Comparator.comparing((Concern c) -> c.acknowledgeBy).thenComparing(c -> c.id)).toList();
        Concern c = all.get(0);
        String key = "ack-half:" + c.id + ":" + c.acknowledgeBy.getEpochSecond();
        String kind = "reminder.acknowledgement_due";
        List<Membership> leads = Membership.leadsOf(raisedTo);
        if (all.size() > 1) {
            String name = c.alliance.name;
            String list = link(c.alliance.id, "/concerns?raisedTo=" + raisedTo + ACKNOWLEDGEMENT_HALF_GONE.stateFilter());
            remindOfAll(new Deliveries.Notice(c.alliance.id, kind, new Words(
                    "Half the time to acknowledge is gone for " + all.size() + " concerns in " + name,
                    all.size() + " concerns raised to " + c.raisedTo.name + " in " + name + " are not acknowledged yet"
                            + " and half their time is gone; the nearest deadline comes first. Please acknowledge each"
                            + " by its deadline, or it moves up a level.",
                    items(all, x -> "By " + When.at(x.acknowledgeBy), x -> x.title, x -> "/concerns/" + x.id,
                            c.alliance.id, list),
                    "Open the concerns"), list), all.size(), key, leads, now);
            return;
        }
        String up = c.level.next().map(l -> "it moves up to the " + l.label.toLowerCase())
                .orElse("the missed deadline goes on record");
        Words words = new Words("Half the time to acknowledge is gone: " + c.title,
                c.raisedBy.name + " raised “" + c.title + "” to " + c.raisedTo.name + " and it is not acknowledged yet."
                        + " Please acknowledge it by " + When.at(c.acknowledgeBy) + ", or " + up + ".",
                new Words.Facts().add("Alliance", c.alliance.name).add("Raised by", c.raisedBy.name)
                        .add("Severity", c.severity.name().charAt(0) + c.severity.name().substring(1).toLowerCase())
                        .add("Acknowledge by", When.at(c.acknowledgeBy)).list(),
                "Acknowledge the concern");
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, kind, words,
                link(c.alliance.id, "/concerns/" + c.id));
        for (Membership lead : leads) {
            deliveries.planFor(lead, key, notice, now);
        }
    }

    /**
     * Commitments due within three days ({@code dueSoon}) or overdue: the owner's people hear once per due
     * date; several at once in one notice, the longest overdue (or soonest due) first.
     */
    private void remindOwners(List<Long> ids, boolean dueSoon, Instant now) {
        List<Commitment> all = Commitment.<Commitment>list("id in ?1", ids).stream()
                .sorted(Comparator.comparing((Commitment c) -> c.dueDate).thenComparing(c -> c.id)).toList();
        Commitment c = all.get(0);
        String key = (dueSoon ? "due-soon:" : "overdue:") + c.id + ":" + c.dueDate;
        String kind = dueSoon ? "reminder.commitment_due" : "reminder.commitment_overdue";
        List<Membership> people = Membership.recipientsOf(c.owner.id);
        if (all.size() > 1) {
            String name = c.alliance.name;
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            // the list of what the stage selects: the same states and due dates (due soon is not overdue)
            String list = link(c.alliance.id, "/commitments?owner=" + c.owner.id + (dueSoon
                    ? "&dueFrom=" + today + "&dueBy=" + today.plusDays(DUE_SOON_DAYS) + DUE_SOON.stateFilter()
                    : "&dueBy=" + today.minusDays(1) + OVERDUE.stateFilter()));
            List<Words.Fact> items = items(all, x -> "Due " + When.on(x.dueDate), x -> x.title,
                    x -> "/commitments/" + x.id, c.alliance.id, list);
            Words words = dueSoon
                    ? new Words(all.size() + " commitments are due within " + DUE_SOON_DAYS + " days in " + name,
                            c.owner.name + " owes " + all.size() + " commitments in " + name + " within " + DUE_SOON_DAYS
                                    + " days; the soonest comes first. Please deliver each and claim delivery by its due"
                                    + " date, or propose a new due date now.", items, "Open the commitments")
                    : new Words(all.size() + " commitments are overdue in " + name,
                            all.size() + " commitments " + c.owner.name + " owes in " + name + " are past their due date"
                                    + " and not delivered; the longest overdue comes first. Please deliver each and claim"
                                    + " delivery, or agree a new due date with the other side, this week.",
                            items, "Open the commitments");
            remindOfAll(new Deliveries.Notice(c.alliance.id, kind, words, list), all.size(), key, people, now);
            return;
        }
        String due = When.on(c.dueDate);
        String title = "“" + c.title + "”";
        Words words = dueSoon
                ? new Words("Due on " + due + ": " + c.title,
                        c.owner.name + " owes " + c.beneficiary.name + " " + title + " by " + due + ". Please deliver it and"
                                + " claim delivery by then, or propose a new due date now.",
                        facts(c, due), "Claim delivery")
                : new Words("Overdue since " + due + ": " + c.title,
                        title + " was due on " + due + " and " + c.owner.name + " has not delivered it. Please deliver it and"
                                + " claim delivery, or agree a new due date with " + c.beneficiary.name + ", this week.",
                        facts(c, due), "Open the commitment");
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, kind, words,
                link(c.alliance.id, "/commitments/" + c.id));
        for (Membership person : people) {
            deliveries.planFor(person, key, notice, now);
        }
    }

    private static List<Words.Fact> facts(Commitment c, String due) {
        return new Words.Facts().add("Alliance", c.alliance.name).add("Owed by", c.owner.name)
                .add("Owed to", c.beneficiary.name).add("Due", due).list();
    }

    /**
     * One notice for several reminders: the key of its most urgent one (claimed once, so no other group
     * starts with it) marks it as a list.
     */
    private void remindOfAll(Deliveries.Notice notice, int count, String mostUrgentKey, List<Membership> people,
            Instant now) {
        for (Membership person : people) {
            deliveries.planFor(person, "list-of-" + count + ":" + mostUrgentKey, notice, now);
        }
    }

    /** The first {@value #LISTED} by name, each linking to itself, then how many more, linking to the whole list. */
    private <T> List<Words.Fact> items(List<T> all, Function<T, String> label, Function<T, String> title,
            Function<T, String> path, long allianceId, String list) {
        Words.Facts facts = new Words.Facts();
        all.stream().limit(LISTED).forEach(x -> facts.add(new Words.Fact(label.apply(x), title.apply(x),
                link(allianceId, path.apply(x)))));
        if (all.size() > LISTED) {
            facts.add(new Words.Fact("And " + (all.size() - LISTED) + " more", "All of them in the list", list));
        }
        return facts.list();
    }

    private String link(long allianceId, String path) {
        return settings.portalUrl() + "/alliances/" + allianceId + path;
    }
}
