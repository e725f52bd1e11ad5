package org.allianceportal.core.commitment;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.shared.Keyset;
import org.allianceportal.core.shared.Text;

/**
 * The commitments of an alliance as pages show them, whatever their number: bounded slices (the open
 * ones soonest due, the ones waiting for an organisation), counts per state, and the full list one
 * page at a time with keyset pagination, filters, text search and a choice of order. A fixed number of
 * SQL statements per call.
 */
@ApplicationScoped
public class CommitmentBoard {

    public static final List<CommitmentState> OPEN = List.of(CommitmentState.PROPOSED, CommitmentState.AGREED,
            CommitmentState.DELIVERED, CommitmentState.DISPUTED);

    /** The open states written into queries as literals, so that they match the indexes of V19 (whatever the plan). */
    private static final String OPEN_LITERALS = OPEN.stream().map(s -> CommitmentState.class.getName() + "." + s.name())
            .collect(Collectors.joining(", "));

    /**
     * What a dashboard lists, at most {@code limit}: the open commitments soonest due first, then the
     * settled ones, latest due first (so what was just accepted still shows).
     */
    public List<Commitment> current(Alliance alliance, int limit) {
        return Commitment.<Commitment>find("""
                select c from Commitment c join fetch c.owner join fetch c.beneficiary
                where c.alliance = ?1
                order by case when c.state in (%1$s) then 0 else 1 end,
                         case when c.state in (%1$s) then c.dueDate end, c.dueDate desc, c.id""".formatted(OPEN_LITERALS),
                alliance).range(0, limit - 1).list();
    }

    /**
     * What waits for a lead of this organisation: agreeing (proposed, their side has not agreed),
     * accepting or disputing a delivery to them, and due dates or closures the other side proposed on
     * a commitment still open (a closed one keeps its closure kind as a record, but waits for no one). On the
     * commitment's own columns, with the states as literals, so that the conditions imply those of the index
     * commitment_awaits (V20): it reads only commitments waiting for someone, not every open one.
     */
    public List<Commitment> awaiting(Alliance alliance, long organisationId, int limit) {
        return Commitment.<Commitment>find("""
                select c from Commitment c join fetch c.owner join fetch c.beneficiary
                where c.alliance = ?1 and c.state in (%1$s) and (
                    (c.state = %2$s.PROPOSED and ((c.owner.id = ?2 and c.agreedByOwner = false)
                                                  or (c.beneficiary.id = ?2 and c.agreedByBeneficiary = false)))
                    or (c.state = %2$s.DELIVERED and c.beneficiary.id = ?2)
                    or ((c.owner.id = ?2 or c.beneficiary.id = ?2) and (
                        (c.proposedDueDate is not null and c.dueDateProposedBy.id <> ?2)
                        or (c.closureKind is not null and c.closureProposedBy.id <> ?2))))
                order by c.dueDate, c.id""".formatted(OPEN_LITERALS, CommitmentState.class.getName()), alliance,
                organisationId).range(0, limit - 1).list();
    }

    /**
     * Narrowing the full list; null fields do not filter. {@code states}: any of them (none: any state);
     * {@code dueFrom} and {@code dueBy} both inclusive; {@code text} is searched in titles and descriptions.
     */
    public record Filter(Set<CommitmentState> states, Long ownerId, Long beneficiaryId, LocalDate dueFrom,
            LocalDate dueBy, String text) {
        public static final Filter NONE = new Filter(Set.of(), null, null, null, null, null);
    }

    /** The list's orders, the first the default: soonest due, newest first, by lifecycle state, by title. */
    public static final List<Keyset.Sort> SORTS = List.of(
            new Keyset.Sort("due", "Soonest due", "t.due_date", "t.due_date", LocalDate::parse, false),
            new Keyset.Sort("newest", "Newest first", "t.id", "t.id", Long::valueOf, true),
            Keyset.byOrder("state", "By state", "t.state", CommitmentState.values()), Keyset.byTitle("t.title"));

    /** A page of the list, and the token of the next page (null on the last). */
    public record Page(List<Commitment> items, String next) {
    }

    /**
     * One page of the list in the given order, continuing after the page whose token is {@code after}
     * (keyset, not OFFSET): two statements whatever the alliance's size, the ids of the page, then its rows.
     */
    public Page page(Alliance alliance, Filter filter, Keyset.Sort sort, String after, int size) {
        Keyset.Where where = Keyset.ofAlliance(alliance.id)
                .in("t.state", "states", filter.states())
                .and("t.owner_id = :owner", "owner", filter.ownerId())
                .and("t.beneficiary_id = :beneficiary", "beneficiary", filter.beneficiaryId())
                .and("t.due_date >= :dueFrom", "dueFrom", filter.dueFrom())
                .and("t.due_date <= :dueBy", "dueBy", filter.dueBy())
                .and("t.search @@ to_tsquery('simple', :text)", "text", Text.prefixQuery(filter.text()));
        Keyset.Page ids = Keyset.ids(Commitment.getEntityManager(), "commitment t", where, sort, after, size);
        return new Page(Keyset.rows(ids, page -> Commitment.<Commitment>list("select c from Commitment c "
                + "join fetch c.owner join fetch c.beneficiary where c.id in ?1", page), c -> c.id), ids.next());
    }
}
