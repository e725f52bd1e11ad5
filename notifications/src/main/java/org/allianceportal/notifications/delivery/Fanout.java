package org.allianceportal.notifications.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.log.CanonicalJson;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.preference.Mode;
import org.allianceportal.notifications.preference.NoticeKind;
import org.allianceportal.notifications.preference.Preferences;
import org.allianceportal.notifications.preference.Unsubscribe;

/**
 * Turns outbox events into deliveries: one e-mail and one in-app notice for each person of the
 * audience organisation. Claims events with FOR UPDATE SKIP LOCKED, so several instances share the
 * work; the idempotency key (event, recipient, channel) keeps each delivery single.
 */
@ApplicationScoped
public class Fanout {

    @Inject
    EntityManager em;

    @Inject
    Deliveries deliveries;

    @Inject
    NotificationSettings settings;

    @Inject
    TimeKeeper time;

    @Inject
    Preferences preferences;

    @Inject
    Unsubscribe unsubscribe;

    /** Fans out up to {@code batch} events; returns how many were handled. */
    @Transactional
    public int fanOut(int batch) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from outbox_event where fanned_out_at is null"
                + " order by id limit ?1 for update skip locked").setParameter(1, batch).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        Instant now = time.now();
        List<OutboxEvent> events = OutboxEvent.list("id in ?1 order by id", ids.stream().map(Number::longValue).toList());
        for (OutboxEvent event : events) {
            Alliance alliance = em.find(Alliance.class, event.allianceId);
            Map<String, Object> payload = CanonicalJson.read(event.payload);
            String subject = "[" + alliance.name + "] " + Notices.headline(event.kind, payload);
            String link = settings.portalUrl() + Notices.path(event);
            for (Membership person : Membership.<Membership>list("organisation.id", event.audienceOrganisationId)) {
                for (Delivery.Channel channel : Delivery.Channel.values()) {
                    if (channel == Delivery.Channel.EMAIL && person.email == null) {
                        continue;
                    }
                    Delivery d = new Delivery();
                    d.idempotencyKey = "event:" + event.id + ":" + person.userId + ":" + channel;
                    d.outboxEventId = event.id;
                    d.allianceId = event.allianceId;
                    d.kind = event.kind;
                    d.urgent = NoticeKind.isUrgent(event.kind);
                    d.recipientUserId = person.userId;
                    d.recipientEmail = person.email;
                    d.channel = channel;
                    d.status = channel == Delivery.Channel.EMAIL ? emailStatus(person.userId, event.kind, now)
                            : Delivery.Status.PENDING;
                    d.subject = subject;
                    d.body = Notices.body(event.kind, payload, alliance.name, link)
                            + (channel == Delivery.Channel.EMAIL && !d.urgent
                                    ? "\nStop e-mails of this kind: " + unsubscribe.link(person.userId, event.kind) + "\n" : "");
                    d.link = link;
                    d.nextAttemptAt = now;
                    d.createdAt = now;
                    deliveries.plan(d);
                }
            }
            em.createNativeQuery("update outbox_event set fanned_out_at = ?1 where id = ?2")
                    .setParameter(1, now).setParameter(2, event.id).executeUpdate();
        }
        return events.size();
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
