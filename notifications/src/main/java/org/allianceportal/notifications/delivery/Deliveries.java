package org.allianceportal.notifications.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.notifications.calendar.Invite;
import org.allianceportal.notifications.preference.Mode;
import org.allianceportal.notifications.preference.NoticeKind;
import org.allianceportal.notifications.preference.Preferences;

/** Plans deliveries; a key that was planned before is silently kept as it is. */
@ApplicationScoped
public class Deliveries {

    /** What one notice says, whoever it goes to; {@code link} is where its button leads. */
    public record Notice(long allianceId, String kind, Words words, String link, Long outboxEventId,
            Invite.Meeting meeting) {

        public Notice(long allianceId, String kind, Words words, String link) {
            this(allianceId, kind, words, link, null, null);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Preferences preferences;

    @Inject
    NotificationSettings settings;

    /**
     * Plans the notice for one person: in-app always, e-mail as they chose (urgent kinds at once).
     * {@code key} names the occasion; the channel and person are added to make the idempotency key.
     */
    public void planFor(Membership person, String key, Notice notice, Instant now) {
        for (Delivery.Channel channel : Delivery.Channel.values()) {
            if (channel == Delivery.Channel.EMAIL && person.email == null) {
                continue;
            }
            Delivery d = new Delivery();
            d.idempotencyKey = key + ":" + person.userId + ":" + channel;
            d.outboxEventId = notice.outboxEventId();
            d.allianceId = notice.allianceId();
            d.kind = notice.kind();
            d.urgent = NoticeKind.isUrgent(notice.kind());
            d.recipientUserId = person.userId;
            d.recipientEmail = person.email;
            d.channel = channel;
            d.status = channel == Delivery.Channel.EMAIL ? emailStatus(person.userId, notice.kind(), now)
                    : Delivery.Status.PENDING;
            d.subject = notice.words().subject();
            d.body = notice.words().toBody();
            d.link = notice.link();
            if (channel == Delivery.Channel.EMAIL && notice.meeting() != null) {
                d.calendar = Invite.forMail(notice.meeting(), settings.organizer(), person.email, now);
            }
            d.nextAttemptAt = now;
            d.createdAt = now;
            plan(d);
        }
    }

    /** Inserts the delivery unless its idempotency key exists; true if it was new. */
    public boolean plan(Delivery d) {
        return em.createNativeQuery("""
                insert into delivery (idempotency_key, outbox_event_id, alliance_id, kind, urgent, recipient_user_id,
                    recipient_email, channel, status, subject, body, link, attempts, next_attempt_at, created_at, calendar)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14, ?15)
                on conflict (idempotency_key) do nothing""")
                .setParameter(1, d.idempotencyKey).setParameter(2, d.outboxEventId).setParameter(3, d.allianceId)
                .setParameter(4, d.kind).setParameter(5, d.urgent).setParameter(6, d.recipientUserId)
                .setParameter(7, d.recipientEmail).setParameter(8, d.channel.name()).setParameter(9, d.status.name())
                .setParameter(10, d.subject).setParameter(11, d.body).setParameter(12, d.link)
                .setParameter(13, d.nextAttemptAt).setParameter(14, d.createdAt).setParameter(15, d.calendar)
                .executeUpdate() == 1;
    }

    /** Urgent: now. Otherwise as the person chose, and held while they are away. */
    Delivery.Status emailStatus(String userId, String kind, Instant now) {
        if (NoticeKind.isUrgent(kind)) {
            return Delivery.Status.PENDING;
        }
        Mode mode = preferences.mode(userId, kind);
        if (mode == Mode.OFF) {
            return Delivery.Status.SKIPPED;
        }
        boolean away = preferences.absence(userId)
                .map(a -> a.covers(LocalDate.ofInstant(now, ZoneOffset.UTC))).orElse(false);
        return mode == Mode.DIGEST || away ? Delivery.Status.HELD : Delivery.Status.PENDING;
    }
}
