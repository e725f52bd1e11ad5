package org.allianceportal.notifications.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.Actor;

/**
 * The in-app side of notifications: what the outbox holds for the actor's organisation, newest
 * first. Events are addressed to organisations only for alliances they are party to, so the
 * audience filter is also the access filter.
 */
@ApplicationScoped
public class Inbox {

    /** One line of the feed: what happened, in which alliance, to which subject, when. */
    public record Notice(String kind, String allianceName, long allianceId, String subjectType, long subjectId,
            Instant at) {
    }

    public List<Notice> recent(Actor actor, int limit) {
        if (actor.organisationId() == null) {
            return List.of();
        }
        return OutboxEvent.getEntityManager().createQuery("""
                select e.kind, a.name, a.id, e.subjectType, e.subjectId, e.createdAt
                from OutboxEvent e, Alliance a
                where a.id = e.allianceId and e.audienceOrganisationId = :org
                order by e.createdAt desc, e.id desc""", Notice.class)
                .setParameter("org", actor.organisationId())
                .setMaxResults(limit)
                .getResultList();
    }
}
