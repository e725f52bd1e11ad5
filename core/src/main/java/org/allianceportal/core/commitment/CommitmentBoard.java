package org.allianceportal.core.commitment;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.shared.Text;

/**
 * The commitments of an alliance as pages show them, whatever their number: bounded slices (the open
 * ones soonest due, the ones waiting for an organisation), counts per state, and the full list one
 * page at a time with keyset pagination and filters. One SQL statement per call.
 */
@ApplicationScoped
public class CommitmentBoard {

    public static final List<CommitmentState> OPEN = List.of(CommitmentState.PROPOSED, CommitmentState.AGREED,
            CommitmentState.DELIVERED, CommitmentState.DISPUTED);

    /**
     * What a dashboard lists, at most {@code limit}: the open commitments soonest due first, then the
     * settled ones, latest due first (so what was just accepted still shows).
     */
    public List<Commitment> current(Alliance alliance, int limit) {
        return Commitment.<Commitment>find("""
                select c from Commitment c join fetch c.owner join fetch c.beneficiary
                where c.alliance = ?1
                order by case when c.state in ?2 then 0 else 1 end,
                         case when c.state in ?2 then c.dueDate end, c.dueDate desc, c.id""", alliance, OPEN)
                .range(0, limit - 1).list();
    }

    /**
     * What waits for a lead of this organisation: agreeing (proposed, their side has not agreed),
     * accepting or disputing a delivery to them, and due dates or closures the other side proposed.
     */
    public List<Commitment> awaiting(Alliance alliance, long organisationId, int limit) {
        return Commitment.<Commitment>find("""
                select c from Commitment c join fetch c.owner o join fetch c.beneficiary b
                left join c.dueDateProposedBy dp left join c.closureProposedBy cp
                where c.alliance = ?1 and (
                    (c.state = ?3 and ((o.id = ?2 and c.agreedByOwner = false) or (b.id = ?2 and c.agreedByBeneficiary = false)))
                    or (c.state = ?4 and b.id = ?2)
                    or (c.proposedDueDate is not null and dp.id <> ?2 and (o.id = ?2 or b.id = ?2))
                    or (c.closureKind is not null and cp.id <> ?2 and (o.id = ?2 or b.id = ?2)))
                order by c.dueDate, c.id""", alliance, organisationId, CommitmentState.PROPOSED,
                CommitmentState.DELIVERED).range(0, limit - 1).list();
    }

    /** How many commitments are in each state. */
    public Map<CommitmentState, Long> countsByState(Alliance alliance) {
        Map<CommitmentState, Long> counts = new EnumMap<>(CommitmentState.class);
        for (CommitmentState state : CommitmentState.values()) {
            counts.put(state, 0L);
        }
        Commitment.getEntityManager().createQuery(
                "select c.state, count(c) from Commitment c where c.alliance = ?1 group by c.state", Object[].class)
                .setParameter(1, alliance).getResultList()
                .forEach(row -> counts.put((CommitmentState) row[0], (Long) row[1]));
        return counts;
    }

    /** Narrowing the full list; null fields do not filter. {@code text} is searched in titles. */
    public record Filter(CommitmentState state, Long ownerId, Long beneficiaryId, LocalDate dueBy, String text) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /** Where a page of the list continues: after this due date and id. */
    public record Cursor(LocalDate dueDate, long id) {
        public String token() {
            return dueDate + "_" + id;
        }

        /** A cursor from its token; null when absent or not one (the list starts at the top). */
        public static Cursor of(String token) {
            try {
                String[] parts = token.split("_", 2);
                return new Cursor(LocalDate.parse(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    public record Page(List<Commitment> items, Cursor next) {
    }

    /** One page of the list, soonest due first, continuing after {@code after} (keyset, not OFFSET). */
    public Page page(Alliance alliance, Filter filter, Cursor after, int size) {
        List<String> where = new ArrayList<>(List.of("c.alliance = :alliance"));
        Map<String, Object> params = new HashMap<>(Map.of("alliance", alliance));
        if (filter.state() != null) {
            where.add("c.state = :state");
            params.put("state", filter.state());
        }
        if (filter.ownerId() != null) {
            where.add("o.id = :owner");
            params.put("owner", filter.ownerId());
        }
        if (filter.beneficiaryId() != null) {
            where.add("b.id = :beneficiary");
            params.put("beneficiary", filter.beneficiaryId());
        }
        if (filter.dueBy() != null) {
            where.add("c.dueDate <= :dueBy");
            params.put("dueBy", filter.dueBy());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.add("lower(c.title) like :text");
            params.put("text", Text.likeContaining(filter.text()));
        }
        if (after != null) {
            where.add("(c.dueDate > :afterDue or (c.dueDate = :afterDue and c.id > :afterId))");
            params.put("afterDue", after.dueDate());
            params.put("afterId", after.id());
        }
        List<Commitment> rows = Commitment.<Commitment>find("select c from Commitment c join fetch c.owner o "
                + "join fetch c.beneficiary b where " + String.join(" and ", where) + " order by c.dueDate, c.id", params)
                .range(0, size).list();
        if (rows.size() <= size) {
            return new Page(rows, null);
        }
        List<Commitment> items = rows.subList(0, size);
        Commitment last = items.get(size - 1);
        return new Page(items, new Cursor(last.dueDate, last.id));
    }
}
