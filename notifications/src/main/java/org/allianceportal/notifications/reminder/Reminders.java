package org.allianceportal.notifications.reminder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInState;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.calendar.Meetings;
import org.allianceportal.notifications.delivery.Deliveries;
import org.allianceportal.notifications.delivery.NotificationSettings;
import org.allianceportal.notifications.delivery.When;
import org.allianceportal.notifications.delivery.Words;

/**
 * Plans reminders from the record itself: check-ins in 24 hours and in 1 hour, acknowledgement
 * deadlines half gone, commitments due within three days, commitments overdue. Each reminder's key names its occasion (e.g. the deadline it is
 * about), so planning again, or on several instances at once, plans nothing twice.
 */
@ApplicationScoped
public class Reminders {

    static final int DUE_SOON_DAYS = 3;
    static final int BATCH = 100;

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
     * Plans every reminder that is due now; returns how many occasions it looked at. Each batch of
     * occasions is its own short transaction, so a large backlog never outlives a transaction timeout.
     */
    public int plan() {
        Instant now = time.now();
        return inBatches(() -> acknowledgementsHalfGoneIds(now), id -> acknowledgementHalfGone(id, now))
                + inBatches(() -> commitmentIds(now, true), id -> remindOwner(id, true, now))
                + inBatches(() -> commitmentIds(now, false), id -> remindOwner(id, false, now))
                + inBatches(() -> checkInIds(now), id -> checkInSoon(id, now));
    }

    private static int inBatches(Supplier<List<Long>> ids, LongConsumer remind) {
        List<Long> all = QuarkusTransaction.requiringNew().call(ids::get);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(remind::accept));
        }
        return all.size();
    }

    /**
     * Everyone of every party, 24 hours and 1 hour before each check-in, with the invite attached. The
     * key names the start time, so a moved check-in is reminded of again.
     */
    List<Long> checkInIds(Instant now) {
        return em.createQuery("select c.id from CheckIn c where c.state = :state and c.startsAt > :now"
                + " and c.startsAt <= :until and c.alliance.archivedAt is null", Long.class)
                .setParameter("state", CheckInState.SCHEDULED).setParameter("now", now)
                .setParameter("until", now.plus(Duration.ofHours(24))).getResultList();
    }

    void checkInSoon(long id, Instant now) {
        CheckIn c = em.find(CheckIn.class, id);
        boolean lastHour = !c.startsAt.isAfter(now.plus(Duration.ofHours(1)));
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

    @SuppressWarnings("unchecked")
    List<Long> acknowledgementsHalfGoneIds(Instant now) {
        return ((List<Number>) em.createNativeQuery("""
                select c.id from concern c join alliance a on a.id = c.alliance_id
                where c.state in ('RAISED', 'ESCALATED') and not c.deadline_breached and c.acknowledge_by > ?1
                  and a.archived_at is null
                  and c.acknowledge_clock_started_at + (c.acknowledge_by - c.acknowledge_clock_started_at) / 2 <= ?1""")
                .setParameter(1, now).getResultList()).stream().map(Number::longValue).toList();
    }

    /** To the leads who must acknowledge, once per deadline. */
    void acknowledgementHalfGone(long id, Instant now) {
        Concern c = em.find(Concern.class, id);
        String link = settings.portalUrl() + "/alliances/" + c.alliance.id + "/concerns/" + c.id;
        String up = c.level.next().map(l -> "it moves up to the " + l.label.toLowerCase())
                .orElse("the missed deadline goes on record");
        Words words = new Words("Half the time to acknowledge is gone: " + c.title,
                c.raisedBy.name + " raised “" + c.title + "” to " + c.raisedTo.name + " and it is not acknowledged yet."
                        + " Please acknowledge it by " + When.at(c.acknowledgeBy) + ", or " + up + ".",
                new Words.Facts().add("Alliance", c.alliance.name).add("Raised by", c.raisedBy.name)
                        .add("Severity", c.severity.name().charAt(0) + c.severity.name().substring(1).toLowerCase())
                        .add("Acknowledge by", When.at(c.acknowledgeBy)).list(),
                "Acknowledge the concern");
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, "reminder.acknowledgement_due", words, link);
        for (Membership lead : Membership.leadsOf(c.raisedTo.id)) {
            deliveries.planFor(lead, "ack-half:" + c.id + ":" + c.acknowledgeBy.getEpochSecond(), notice, now);
        }
    }

    /** Commitments due within three days ({@code dueSoon}) or overdue: the owner's people hear once per due date. */
    List<Long> commitmentIds(Instant now, boolean dueSoon) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return dueSoon
                ? em.createQuery("select c.id from Commitment c where c.state in :states and c.dueDate >= :today"
                        + " and c.dueDate <= :soon and c.alliance.archivedAt is null", Long.class)
                        .setParameter("states", List.of(CommitmentState.AGREED, CommitmentState.DISPUTED))
                        .setParameter("today", today).setParameter("soon", today.plusDays(DUE_SOON_DAYS)).getResultList()
                : em.createQuery("select c.id from Commitment c where c.state in :states and c.dueDate < :today"
                        + " and c.alliance.archivedAt is null", Long.class)
                        .setParameter("states", List.of(CommitmentState.PROPOSED, CommitmentState.AGREED,
                                CommitmentState.DISPUTED))
                        .setParameter("today", today).getResultList();
    }

    private void remindOwner(long id, boolean dueSoon, Instant now) {
        Commitment c = em.find(Commitment.class, id);
        String due = When.on(c.dueDate);
        String title = "“" + c.title + "”";
        if (dueSoon) {
            remindOwner(c, "reminder.commitment_due", "due-soon", new Words("Due on " + due + ": " + c.title,
                    c.owner.name + " owes " + c.beneficiary.name + " " + title + " by " + due + ". Please deliver it and"
                            + " claim delivery by then, or propose a new due date now.",
                    facts(c, due), "Claim delivery"), now);
        } else {
            remindOwner(c, "reminder.commitment_overdue", "overdue", new Words("Overdue since " + due + ": " + c.title,
                    title + " was due on " + due + " and " + c.owner.name + " has not delivered it. Please deliver it and"
                            + " claim delivery, or agree a new due date with " + c.beneficiary.name + ", this week.",
                    facts(c, due), "Open the commitment"), now);
        }
    }

    private static List<Words.Fact> facts(Commitment c, String due) {
        return new Words.Facts().add("Alliance", c.alliance.name).add("Owed by", c.owner.name)
                .add("Owed to", c.beneficiary.name).add("Due", due).list();
    }

    private void remindOwner(Commitment c, String kind, String occasion, Words words, Instant now) {
        String link = settings.portalUrl() + "/alliances/" + c.alliance.id + "/commitments/" + c.id;
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, kind, words, link);
        for (Membership person : Membership.recipientsOf(c.owner.id)) {
            deliveries.planFor(person, occasion + ":" + c.id + ":" + c.dueDate, notice, now);
        }
    }
}
