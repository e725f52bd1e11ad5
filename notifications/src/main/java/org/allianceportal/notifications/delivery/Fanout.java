package org.allianceportal.notifications.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.notifications.calendar.Meetings;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * Turns outbox events into deliveries: one e-mail and one in-app notice for each person of the
 * audience organisation (its leads only, for news meant for them). Claims events with FOR UPDATE SKIP LOCKED, so several instances share the
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
    Meetings meetings;

    @Inject
    Notices notices;

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
            Deliveries.Notice notice = new Deliveries.Notice(event.allianceId, event.kind, notices.words(event, alliance),
                    settings.portalUrl() + Notices.path(event), event.id,
                    event.subjectType.equals("checkin") ? meetings.of(em.find(CheckIn.class, event.subjectId)) : null);
            List<Membership> people = event.leadsOnly ? Membership.leadsOf(event.audienceOrganisationId)
                    : Membership.recipientsOf(event.audienceOrganisationId);
            for (Membership person : people) {
                deliveries.planFor(person, "event:" + event.id, notice, now);
            }
            em.createNativeQuery("update outbox_event set fanned_out_at = ?1 where id = ?2")
                    .setParameter(1, now).setParameter(2, event.id).executeUpdate();
        }
        return events.size();
    }
}
