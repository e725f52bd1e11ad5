package org.allianceportal.core.overview;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.log.ByLogSize;

/** How many commitments and how many concerns of an alliance are in each state, as its dashboard shows them. */
@ApplicationScoped
public class StateCounts {

    /** Every state of each, those with none at 0. */
    public record Counts(Map<CommitmentState, Long> commitments, Map<ConcernState, Long> concerns) {
    }

    @Inject
    ByLogSize record;

    @Inject
    EntityManager em;

    /**
     * Both in one statement (the dashboard's first visit after a change reads everything again, and stays within
     * its statements so); the same until the record changes, so worked out once per log size.
     */
    public Counts of(Alliance alliance) {
        return record.of("states", alliance.id, () -> {
            Map<CommitmentState, Long> commitments = zeros(CommitmentState.class);
            Map<ConcernState, Long> concerns = zeros(ConcernState.class);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select 'commitment', state, count(*) from commitment where alliance_id = ?1 group by state
                    union all
                    select 'concern', state, count(*) from concern where alliance_id = ?1 group by state""")
                    .setParameter(1, alliance.id).getResultList();
            for (Object[] row : rows) {
                long count = ((Number) row[2]).longValue();
                if ("commitment".equals(row[0])) {
                    commitments.put(CommitmentState.valueOf((String) row[1]), count);
                } else {
                    concerns.put(ConcernState.valueOf((String) row[1]), count);
                }
            }
            return new Counts(Collections.unmodifiableMap(commitments), Collections.unmodifiableMap(concerns));
        });
    }

    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> states) {
        Map<E, Long> counts = new EnumMap<>(states);
        for (E state : states.getEnumConstants()) {
            counts.put(state, 0L);
        }
        return counts;
    }
}
