package org.allianceportal.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.allianceportal.core.commitment.CommitmentBoard;
import org.allianceportal.core.concern.ConcernBoard;
import org.junit.jupiter.api.Test;

/**
 * Every order of the long lists is an index range of one alliance, so that a page costs the same on the first
 * page and the hundredth of a years-old alliance: with sorting priced out, the planner reads each order from an
 * index, or the plan still sorts. A new order, or a changed lifecycle (the orders by state are expressions of
 * the enums' constants), needs its index (V18–V21).
 */
@QuarkusTest
class ListOrderIndexTest {

    @Inject
    EntityManager em;

    @Test
    void every_order_of_the_commitment_and_concern_lists_is_read_from_an_index() {
        assertIndexed("commitment", CommitmentBoard.SORTS);
        assertIndexed("concern", ConcernBoard.SORTS);
    }

    private void assertIndexed(String table, List<Keyset.Sort> sorts) {
        for (Keyset.Sort sort : sorts) {
            String direction = sort.descending() ? " desc" : "";
            for (String after : List.of("", " and (" + sort.order() + ", t.id) " + (sort.descending() ? "<" : ">")
                    + " (" + sort.order().replace("t.", "k.") + ", k.id)")) {
                String page = "select t.id, " + sort.text() + " from " + table + " t"
                        + (after.isEmpty() ? "" : ", " + table + " k") + " where t.alliance_id = 1"
                        + (after.isEmpty() ? "" : " and k.id = 1") + after + " order by " + sort.order() + direction
                        + ", t.id" + direction + " limit 51";
                List<String> plan = QuarkusTransaction.requiringNew().call(() -> {
                    em.createNativeQuery("set local enable_sort = off").executeUpdate();
                    em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
                    @SuppressWarnings("unchecked")
                    List<String> lines = em.createNativeQuery("explain " + page).getResultList();
                    return lines;
                });
                assertThat(plan).as(table + " by " + sort.name() + (after.isEmpty() ? "" : ", a later page") + ":\n"
                        + String.join("\n", plan)).noneMatch(line -> line.contains("Sort"));
            }
        }
    }
}
