package org.allianceportal.notifications.reminder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInState;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.shared.Role;
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

    /** Plans every reminder that is due now; returns how many occasions it looked at. */
    @Transactional
    public int plan() {
        Instant now = time.now();
        return acknowledgementsHalfGone(now) + commitmentsDueSoon(now) + commitmentsOverdue(now) + checkInsSoon(now);
    }

    /**
     * Everyone of every party, 24 hours and 1 hour before each check-in, with the invite attached. The
     * key names the start time, so a moved check-in is reminded of again.
     */
    int checkInsSoon(Instant now) {
        List<CheckIn> soon = CheckIn.list("state = ?1 and startsAt > ?2 and startsAt <= ?3", CheckInState.SCHEDULED, now,
                now.plus(Duration.ofHours(24)));
        for (CheckIn c : soon) {
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
                for (Membership person : Membership.<Membership>list("organisation.id", party.id)) {
                    deliveries.planFor(person, occasion, notice, now);
                }
            }
        }
        return soon.size();
    }

    /** To the leads who must acknowledge, once per deadline. */
    int acknowledgementsHalfGone(Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                select id from concern
                where state in ('RAISED', 'ESCALATED') and not deadline_breached and acknowledge_by > ?1
                  and acknowledge_clock_started_at + (acknowledge_by - acknowledge_clock_started_at) / 2 <= ?1""")
                .setParameter(1, now).getResultList();
        for (Number id : ids) {
            Concern c = em.find(Concern.class, id.longValue());
            String link = settings.portalUrl() + "/alliances/" + c.alliance.id + "/concerns/" + c.id;
            Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, "reminder.acknowledgement_due",
                    "[" + c.alliance.name + "] Half the time to acknowledge is gone: " + c.title,
                    c.raisedBy.name + " raised \"" + c.title + "\" (" + c.severity.name().toLowerCase() + ").\n"
                            + "It must be acknowledged by " + c.acknowledgeBy + " (UTC), or it escalates to the next level.\n\n"
                            + "Open it: " + link + "\n", link, null);
            for (Membership lead : Membership.<Membership>list("organisation.id = ?1 and role = ?2", c.raisedTo.id, Role.LEAD)) {
                deliveries.planFor(lead, "ack-half:" + c.id + ":" + c.acknowledgeBy.getEpochSecond(), notice, now);
            }
        }
        return ids.size();
    }

    /** To the owner's people, once per due date. */
    int commitmentsDueSoon(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Commitment> due = Commitment.list("state in ?1 and dueDate >= ?2 and dueDate <= ?3",
                List.of(CommitmentState.AGREED, CommitmentState.DISPUTED), today, today.plusDays(DUE_SOON_DAYS));
        for (Commitment c : due) {
            remindOwner(c, "reminder.commitment_due", "due-soon", "falls due on " + c.dueDate, now);
        }
        return due.size();
    }

    /** To the owner's people, once per due date that passed. */
    int commitmentsOverdue(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Commitment> overdue = Commitment.list("state in ?1 and dueDate < ?2",
                List.of(CommitmentState.PROPOSED, CommitmentState.AGREED, CommitmentState.DISPUTED), today);
        for (Commitment c : overdue) {
            remindOwner(c, "reminder.commitment_overdue", "overdue", "was due on " + c.dueDate + " and is overdue", now);
        }
        return overdue.size();
    }

    private void remindOwner(Commitment c, String kind, String occasion, String when, Instant now) {
        String link = settings.portalUrl() + "/alliances/" + c.alliance.id + "/commitments/" + c.id;
        Deliveries.Notice notice = new Deliveries.Notice(c.alliance.id, kind,
                "[" + c.alliance.name + "] " + c.title + " " + when,
                c.owner.name + " owes " + c.beneficiary.name + ": " + c.title + ".\nIt " + when + ".\n\nOpen it: " + link + "\n",
                link, null);
        for (Membership person : Membership.<Membership>list("organisation.id", c.owner.id)) {
            deliveries.planFor(person, occasion + ":" + c.id + ":" + c.dueDate, notice, now);
        }
    }
}
