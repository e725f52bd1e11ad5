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
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, "reminder.checkin",
                "[" + c.alliance.name + "] Check-in " + (lastHour ? "within the hour" : "tomorrow") + ": "
                        + c.startsAt + " (UTC)",
                "The " + c.alliance.name + " check-in starts at " + c.startsAt + " (UTC) and lasts "
                        + c.durationMinutes + " minutes.\n\nAgenda:\n"
                        + (c.agenda == null ? "(not written yet: see the suggestion in the portal)" : c.agenda)
                        + "\n\nOpen it: " + link + "\n",
                link, null, meetings.of(c));
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
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, "reminder.acknowledgement_due",
                "[" + c.alliance.name + "] Half the time to acknowledge is gone: " + c.title,
                c.raisedBy.name + " raised \"" + c.title + "\" (" + c.severity.name().toLowerCase() + ").\n"
                        + "It must be acknowledged by " + c.acknowledgeBy + " (UTC), or it escalates to the next level.\n\n"
                        + "Open it: " + link + "\n", link, null);
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
        if (dueSoon) {
            remindOwner(c, "reminder.commitment_due", "due-soon", "falls due on " + c.dueDate, now);
        } else {
            remindOwner(c, "reminder.commitment_overdue", "overdue", "was due on " + c.dueDate + " and is overdue", now);
        }
    }

    private void remindOwner(Commitment c, String kind, String occasion, String when, Instant now) {
        String link = settings.portalUrl() + "/alliances/" + c.alliance.id + "/commitments/" + c.id;
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, kind,
                "[" + c.alliance.name + "] " + c.title + " " + when,
                c.owner.name + " owes " + c.beneficiary.name + ": " + c.title + ".\nIt " + when + ".\n\nOpen it: " + link + "\n",
                link, null);
        for (Membership person : Membership.recipientsOf(c.owner.id)) {
            deliveries.planFor(person, occasion + ":" + c.id + ":" + c.dueDate, notice, now);
        }
    }
}
