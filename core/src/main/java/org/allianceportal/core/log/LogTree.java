package org.allianceportal.core.log;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.allianceportal.core.log.merkle.Merkle;

/**
 * An alliance's Merkle tree as stored in {@code log_node}: appends, roots and proofs, each with a
 * bounded number of SQL statements (one read, one write) whatever the size of the log.
 */
@ApplicationScoped
public class LogTree {

    private static final byte[] PLACEHOLDER = new byte[Merkle.HASH_SIZE];

    @Inject
    EntityManager em;

    /** The number of leaves as of the last committed append, from the alliance's log head. */
    public long size(long allianceId) {
        List<?> sizes = em.createNativeQuery("select size from log_head where alliance_id = ?1")
                .setParameter(1, allianceId).getResultList();
        return sizes.isEmpty() ? 0 : ((Number) sizes.get(0)).longValue();
    }

    public byte[] root(long allianceId, long size) {
        return withNodes(allianceId, subtrees -> Merkle.root(size, subtrees));
    }

    public List<byte[]> inclusionProof(long allianceId, long index, long size) {
        return withNodes(allianceId, subtrees -> Merkle.inclusionProof(index, size, subtrees));
    }

    public List<byte[]> consistencyProof(long allianceId, long first, long second) {
        return withNodes(allianceId, subtrees -> Merkle.consistencyProof(first, second, subtrees));
    }

    /**
     * Runs a tree computation twice: first to learn which stored subtrees it reads, then, after one
     * query fetched exactly those, for real.
     */
    private <T> T withNodes(long allianceId, Function<Merkle.Subtrees, T> computation) {
        Set<String> wanted = new LinkedHashSet<>();
        computation.apply((level, index) -> {
            wanted.add("(" + level + ", " + index + ")");
            return PLACEHOLDER;
        });
        Map<String, byte[]> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            // the pairs are numbers computed here, never user input
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select level, idx, hash from log_node where alliance_id = ?1"
                    + " and (level, idx) in (" + String.join(", ", wanted) + ")")
                    .setParameter(1, allianceId)
                    .getResultList();
            for (Object[] row : rows) {
                found.put("(" + ((Number) row[0]).intValue() + ", " + ((Number) row[1]).longValue() + ")", (byte[]) row[2]);
            }
        }
        return computation.apply((level, index) -> {
            byte[] hash = found.get("(" + level + ", " + index + ")");
            if (hash == null) {
                throw new IllegalStateException("alliance " + allianceId + "'s log has no subtree at level " + level
                        + ", index " + index);
            }
            return hash;
        });
    }
}
