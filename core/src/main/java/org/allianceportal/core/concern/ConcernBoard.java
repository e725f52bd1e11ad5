package org.allianceportal.core.concern;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.shared.Text;

/**
 * The concerns of an alliance as pages show them, whatever their number: the open ones (oldest first,
 * bounded), the ones waiting for an organisation, counts per state, and the full list one page at a
 * time with keyset pagination and filters. One SQL statement per call.
 */
@ApplicationScoped
public class ConcernBoard {

    /** The open concerns, oldest first, at most {@code limit}. */
    public List<Concern> open(Alliance alliance, int limit) {
        return Concern.<Concern>find("""
                select c from Concern c join fetch c.raisedBy join fetch c.raisedTo left join fetch c.commitment
                where c.alliance = ?1 and c.state <> ?2 order by c.raisedAt, c.id""", alliance, ConcernState.RESOLVED)
                .range(0, limit - 1).list();
    }

    /** What waits for a lead of this organisation: acknowledging a concern raised to it, confirming a resolution. */
    public List<Concern> awaiting(Alliance alliance, long organisationId, int limit) {
        return Concern.<Concern>find("""
                select c from Concern c join fetch c.raisedBy rb join fetch c.raisedTo rt left join fetch c.commitment
                where c.alliance = ?1 and ((c.state in ?3 and rt.id = ?2) or (c.state = ?4 and rb.id = ?2))
                order by c.acknowledgeBy, c.id""", alliance, organisationId,
                List.of(ConcernState.RAISED, ConcernState.ESCALATED), ConcernState.RESOLUTION_PROPOSED)
                .range(0, limit - 1).list();
    }

    public Map<ConcernState, Long> countsByState(Alliance alliance) {
        Map<ConcernState, Long> counts = new EnumMap<>(ConcernState.class);
        for (ConcernState state : ConcernState.values()) {
            counts.put(state, 0L);
        }
        Concern.getEntityManager().createQuery(
                "select c.state, count(c) from Concern c where c.alliance = ?1 group by c.state", Object[].class)
                .setParameter(1, alliance).getResultList()
                .forEach(row -> counts.put((ConcernState) row[0], (Long) row[1]));
        return counts;
    }

    /** Narrowing the full list; null fields do not filter. {@code text} is searched in titles. */
    public record Filter(ConcernState state, Severity severity, Long raisedToId, String text) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    /** Where a page of the list continues: before this time and id (newest first). */
    public record Cursor(Instant raisedAt, long id) {
        public String token() {
            return raisedAt.toEpochMilli() * 1000 + raisedAt.getNano() / 1000 % 1000 + "_" + id;
        }

        public static Cursor of(String token) {
            try {
                String[] parts = token.split("_", 2);
                long micros = Long.parseLong(parts[0]);
                return new Cursor(Instant.EPOCH.plusNanos(micros * 1000), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    public record Page(List<Concern> items, Cursor next) {
    }

    /** One page of the list, newest first, continuing after {@code after} (keyset, not OFFSET). */
    public Page page(Alliance alliance, Filter filter, Cursor after, int size) {
        List<String> where = new ArrayList<>(List.of("c.alliance = :alliance"));
        Map<String, Object> params = new HashMap<>(Map.of("alliance", alliance));
        if (filter.state() != null) {
            where.add("c.state = :state");
            params.put("state", filter.state());
        }
        if (filter.severity() != null) {
            where.add("c.severity = :severity");
            params.put("severity", filter.severity());
        }
        if (filter.raisedToId() != null) {
            where.add("rt.id = :raisedTo");
            params.put("raisedTo", filter.raisedToId());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.add("lower(c.title) like :text");
            params.put("text", Text.likeContaining(filter.text()));
        }
        if (after != null) {
            where.add("(c.raisedAt < :afterAt or (c.raisedAt = :afterAt and c.id < :afterId))");
            params.put("afterAt", after.raisedAt());
            params.put("afterId", after.id());
        }
        List<Concern> rows = Concern.<Concern>find("select c from Concern c join fetch c.raisedBy join fetch c.raisedTo rt "
                + "left join fetch c.commitment where " + String.join(" and ", where)
                + " order by c.raisedAt desc, c.id desc", params).range(0, size).list();
        if (rows.size() <= size) {
            return new Page(rows, null);
        }
        List<Concern> items = rows.subList(0, size);
        Concern last = items.get(size - 1);
        return new Page(items, new Cursor(last.raisedAt, last.id));
    }
}
