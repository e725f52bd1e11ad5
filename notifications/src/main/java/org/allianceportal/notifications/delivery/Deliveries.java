package org.allianceportal.notifications.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Plans deliveries; a key that was planned before is silently kept as it is. */
@ApplicationScoped
public class Deliveries {

    @Inject
    EntityManager em;

    /** Inserts the delivery unless its idempotency key exists; true if it was new. */
    public boolean plan(Delivery d) {
        return em.createNativeQuery("""
                insert into delivery (idempotency_key, outbox_event_id, alliance_id, kind, urgent, recipient_user_id,
                    recipient_email, channel, status, subject, body, link, attempts, next_attempt_at, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14)
                on conflict (idempotency_key) do nothing""")
                .setParameter(1, d.idempotencyKey).setParameter(2, d.outboxEventId).setParameter(3, d.allianceId)
                .setParameter(4, d.kind).setParameter(5, d.urgent).setParameter(6, d.recipientUserId)
                .setParameter(7, d.recipientEmail).setParameter(8, d.channel.name()).setParameter(9, d.status.name())
                .setParameter(10, d.subject).setParameter(11, d.body).setParameter(12, d.link)
                .setParameter(13, d.nextAttemptAt).setParameter(14, d.createdAt)
                .executeUpdate() == 1;
    }
}
