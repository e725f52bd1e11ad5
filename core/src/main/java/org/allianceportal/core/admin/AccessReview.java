package org.allianceportal.core.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Forbidden;

/**
 * Who can see which alliance: per alliance and party, each person of the party (removed people have
 * no access and are left out), with role, invitation, last login and status. Administrators see every
 * alliance; a lead sees the rows of their own organisation.
 */
@ApplicationScoped
public class AccessReview {

    public static final int PAGE_SIZE = 100;

    /** Optional filters; null means any. */
    public record Filter(Long allianceId, Long organisationId, MembershipStatus status) {
        public static final Filter NONE = new Filter(null, null, null);
    }

    public List<AccessRow> page(Actor actor, Filter filter, int page) {
        return query(actor, filter).setFirstResult(Math.max(page, 0) * PAGE_SIZE).setMaxResults(PAGE_SIZE + 1)
                .getResultList();
    }

    /** Every row, read as it is written out (the CSV export): memory stays flat however many there are. */
    public Stream<AccessRow> stream(Actor actor, Filter filter) {
        return query(actor, filter).setHint("org.hibernate.fetchSize", 500).getResultStream();
    }

    private TypedQuery<AccessRow> query(Actor actor, Filter filter) {
        Long ownOrganisation = null;
        if (!actor.isAdmin()) {
            if (!actor.isLead() || actor.organisationId() == null) {
                throw new Forbidden("Only administrators and leads see who has access.");
            }
            ownOrganisation = actor.organisationId();
        }
        List<String> where = new ArrayList<>(List.of("m.status <> :removed"));
        if (ownOrganisation != null) {
            where.add("p.id = :own");
        }
        if (filter.allianceId() != null) {
            where.add("a.id = :alliance");
        }
        if (filter.organisationId() != null) {
            where.add("p.id = :organisation");
        }
        if (filter.status() != null) {
            where.add("m.status = :status");
        }
        TypedQuery<AccessRow> query = Panache.getEntityManager().createQuery("""
                select new org.allianceportal.core.admin.AccessRow(a.id, a.name, a.archivedAt is not null, p.id, p.name,
                    m.id, m.displayName, m.email, m.role, m.status, m.invitedAt, m.invitedByName, m.lastLoginAt)
                from Alliance a join a.parties p join Membership m on m.organisation = p
                where %s
                order by a.name, a.id, p.name, m.displayName, m.id""".formatted(String.join(" and ", where)),
                AccessRow.class);
        query.setParameter("removed", MembershipStatus.REMOVED);
        if (ownOrganisation != null) {
            query.setParameter("own", ownOrganisation);
        }
        if (filter.allianceId() != null) {
            query.setParameter("alliance", filter.allianceId());
        }
        if (filter.organisationId() != null) {
            query.setParameter("organisation", filter.organisationId());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status());
        }
        return query;
    }
}
