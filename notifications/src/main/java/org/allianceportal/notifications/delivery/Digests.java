package org.allianceportal.notifications.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.preference.Preferences;

/**
 * Gathers each person's held e-mails (digest preference, or mail held while away) into one digest
 * e-mail, once a day; nothing is released while the person is still away.
 */
@ApplicationScoped
public class Digests {

    /** The kind of a digest e-mail itself. */
    static final String KIND = "digest";

    @Inject
    EntityManager em;

    @Inject
    Deliveries deliveries;

    @Inject
    Preferences preferences;

    @Inject
    NotificationSettings settings;

    @Inject
    TimeKeeper time;

    /** Plans today's digests; returns how many. Running it again the same day plans nothing new. */
    @Transactional
    public int planDue() {
        Instant now = time.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        @SuppressWarnings("unchecked")
        List<String> people = em.createNativeQuery("select distinct recipient_user_id from delivery"
                + " where status = 'HELD' and channel = 'EMAIL' order by 1").getResultList();
        int planned = 0;
        for (String userId : people) {
            if (!Membership.findByUserId(userId).filter(Membership::isActive).isPresent()) {
                // disabled or removed while their mail was held: it is never sent
                em.createNativeQuery("update delivery set status = 'SKIPPED' where recipient_user_id = ?1"
                        + " and status = 'HELD' and channel = 'EMAIL'").setParameter(1, userId).executeUpdate();
                continue;
            }
            if (preferences.absence(userId).map(a -> a.covers(today)).orElse(false)) {
                continue;
            }
            List<Delivery> held = Delivery.list("recipientUserId = ?1 and channel = ?2 and status = ?3 order by createdAt",
                    userId, Delivery.Channel.EMAIL, Delivery.Status.HELD);
            Delivery digest = new Delivery();
            digest.idempotencyKey = "digest:" + userId + ":" + today + ":EMAIL";
            digest.allianceId = held.get(0).allianceId;
            digest.kind = KIND;
            digest.recipientUserId = userId;
            digest.recipientEmail = held.get(held.size() - 1).recipientEmail;
            digest.channel = Delivery.Channel.EMAIL;
            digest.status = Delivery.Status.PENDING;
            Words.Facts items = new Words.Facts();
            held.forEach(d -> items.add(new Words.Fact(em.find(Alliance.class, d.allianceId).name, d.subject, d.link)));
            Words words = new Words(held.size() + (held.size() == 1 ? " notice" : " notices") + " from Alliance Portal",
                    "Here is what happened since your e-mail was last sent, gathered into one digest. Please open each"
                            + " notice to see what it asks of you.", items.list(), "Open your notices");
            digest.subject = words.subject();
            digest.body = words.toBody();
            digest.link = settings.portalUrl() + "/notifications";
            digest.nextAttemptAt = now;
            digest.createdAt = now;
            if (deliveries.plan(digest)) {
                long digestId = ((Number) em.createNativeQuery("select id from delivery where idempotency_key = ?1")
                        .setParameter(1, digest.idempotencyKey).getSingleResult()).longValue();
                held.forEach(d -> {
                    d.status = Delivery.Status.SENT;
                    d.sentAt = now;
                    d.digestId = digestId;
                });
                planned++;
            }
        }
        return planned;
    }
}
