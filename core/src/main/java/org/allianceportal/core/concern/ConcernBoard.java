package org.allianceportal.core.concern;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.shared.Keyset;
import org.allianceportal.core.shared.Text;

/**
 * The concerns of an alliance as pages show them, whatever their number: the open ones (oldest first,
 * bounded), the ones waiting for an organisation, counts per state, and the full list one page at a
 * time with keyset pagination, filters, text search and a choice of order. A fixed number of SQL
 * statements per call.
 */
@ApplicationScoped
public class ConcernBoard {

    /**
     * The open concerns, oldest first, at most {@code limit}. The state is a literal, so the index concern_open (V20)
     * serves it in order whatever the plan.
     */
    public List<Concern> open(Alliance alliance, int limit) {
        return Concern.<Concern>find("""
                select c from Concern c join fetch c.raisedBy join fetch c.raisedTo left join fetch c.commitment
                where c.alliance = ?1 and c.state <> %s.RESOLVED order by c.raisedAt, c.id"""
                .formatted(ConcernState.class.getName()), alliance).range(0, limit - 1).list();
    }

    /**
     * What waits for a lead of this organisation: acknowledging a concern raised to it, confirming a resolution. The
     * states are literals, so the index concern_awaiting (V19) serves it in order whatever the plan.
     */
    public List<Concern> awaiting(Alliance alliance, long organisationId, int limit) {
        return Concern.<Concern>find("""
                select c from Concern c join fetch c.raisedBy rb join fetch c.raisedTo rt left join fetch c.commitment
                where c.alliance = ?1 and c.state in (%1$s.RAISED, %1$s.ESCALATED, %1$s.RESOLUTION_PROPOSED)
                  and ((c.state in (%1$s.RAISED, %1$s.ESCALATED) and rt.id = ?2) or (c.state = %1$s.RESOLUTION_PROPOSED and rb.id = ?2))
                order by c.acknowledgeBy, c.id""".formatted(ConcernState.class.getName()), alliance, organisationId)
                .range(0, limit - 1).list();
    }

    /**
     * Narrowing the full list; null fields do not filter. {@code states}: any of them (none: any state);
     * {@code text} is searched in titles and descriptions.
     */
    public record Filter(Set<ConcernState> states, Severity severity, Long raisedToId, String text) {
        public static final Filter NONE = new Filter(Set.of(), null, null, null);
    }

    /** The list's orders, the first the default: newest first, by lifecycle state, by severity, by title. */
    public static final List<Keyset.Sort> SORTS = List.of(
            Keyset.byTime("newest", "Newest first", "t.raised_at", true),
            Keyset.byOrder("state", "By state", "t.state", ConcernState.values()),
            Keyset.byOrder("severity", "Most severe first", "t.severity", Severity.values()), Keyset.byTitle("t.title"));

    /** A page of the list, and the token of the next page (null on the last). */
    public record Page(List<Concern> items, String next) {
    }

    /**
     * One page of the list in the given order, continuing after the page whose token is {@code after}
     * (keyset, not OFFSET): two statements whatever the alliance's size, the ids of the page, then its rows.
     */
    public Page page(Alliance alliance, Filter filter, Keyset.Sort sort, String after, int size) {
        Keyset.Where where = Keyset.ofAlliance(alliance.id)
                .in("t.state", "states", filter.states())
                .and("t.severity = :severity", "severity", filter.severity() == null ? null : filter.severity().name())
                .and("t.raised_to_id = :raisedTo", "raisedTo", filter.raisedToId())
                .and("t.search @@ to_tsquery('simple', :text)", "text", Text.prefixQuery(filter.text()));
        Keyset.Page ids = Keyset.ids(Concern.getEntityManager(), "concern t", where, sort, after, size);
        return new Page(Keyset.rows(ids, page -> Concern.<Concern>list("select c from Concern c join fetch c.raisedBy "
                + "join fetch c.raisedTo left join fetch c.commitment where c.id in ?1", page), c -> c.id), ids.next());
    }
}
