package org.allianceportal.notifications.centre;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.allianceportal.notifications.delivery.Delivery;

/** The in-app side of notifications: each person's notices from the same deliveries as the e-mails. */
@ApplicationScoped
public class NotificationCentre {

    @Inject
    EntityManager em;

    public long unread(String userId) {
        return Delivery.count("recipientUserId = ?1 and channel = ?2 and status = ?3", userId, Delivery.Channel.IN_APP,
                Delivery.Status.PENDING);
    }

    /** Newest first. */
    public List<Delivery> page(String userId, int pageIndex, int pageSize) {
        return Delivery.<Delivery>find("recipientUserId = ?1 and channel = ?2 order by createdAt desc, id desc", userId,
                Delivery.Channel.IN_APP).page(Page.of(pageIndex, pageSize)).list();
    }

    public long count(String userId) {
        return Delivery.count("recipientUserId = ?1 and channel = ?2", userId, Delivery.Channel.IN_APP);
    }

    @Transactional
    public int markAllRead(String userId) {
        return em.createQuery("update Delivery d set d.status = :read where d.recipientUserId = :user"
                + " and d.channel = :inApp and d.status = :unread")
                .setParameter("read", Delivery.Status.READ).setParameter("user", userId)
                .setParameter("inApp", Delivery.Channel.IN_APP).setParameter("unread", Delivery.Status.PENDING)
                .executeUpdate();
    }

    /** E-mails given up on, for administrators to follow up. */
    public List<Delivery> deadLetters(int pageIndex, int pageSize) {
        return Delivery.<Delivery>find("status = ?1 order by createdAt desc", Delivery.Status.DEAD)
                .page(Page.of(pageIndex, pageSize)).list();
    }
}
