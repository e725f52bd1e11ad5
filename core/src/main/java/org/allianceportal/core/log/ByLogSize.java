package org.allianceportal.core.log;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * Figures of an alliance that pages show on every visit and that only change with its record, worked out once
 * per size of its log and kept in memory: every change to the record appends to the log in the same transaction,
 * so the same size is the same record. A visit then costs one look at the log head (once per request,
 * however many figures it shows) instead of the aggregates. Figures that depend on the time too are kept per
 * minute as well. Each replica keeps its own; nothing is written.
 */
@ApplicationScoped
public class ByLogSize {

    /** A figure as worked out for a log size (and a minute, or {@link #ANY_MINUTE}). */
    private record Kept(long logSize, long minute, Object value) {
    }

    private static final long ANY_MINUTE = Long.MIN_VALUE;

    /** The transaction's mark that it appended to an alliance's log (with the alliance's id). */
    private static final String WROTE = ByLogSize.class.getName() + ":wrote:";

    @Inject
    LogTree tree;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Sizes sizes;

    @Inject
    TimeKeeper time;

    /**
     * The latest of each figure of each alliance: it replaces the one before, so this stays one per figure and alliance;
     * a figure of a past minute is let go when the minute turns (it would be worked out again anyway), so those kept per
     * minute (a dashboard's lists, per party) are only of the alliances visited in the last minute.
     */
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /** The minute in which figures of past minutes were last let go. */
    private final AtomicLong sweptAt = new AtomicLong(Long.MIN_VALUE);

    /** {@code figure} of the alliance's record as it stands, worked out again only when its log has grown. */
    @Transactional
    public <T> T of(String figure, long allianceId, Supplier<T> work) {
        return kept(figure, allianceId, ANY_MINUTE, work);
    }

    /** {@code figure} of the alliance's record as it stands this minute (of the TimeKeeper's clock). */
    @Transactional
    public <T> T thisMinute(String figure, long allianceId, Supplier<T> work) {
        long minute = Math.floorDiv(time.now().getEpochSecond(), 60);
        if (sweptAt.getAndSet(minute) != minute) { // once a minute, by the first visit in it
            kept.values().removeIf(k -> k.minute() != ANY_MINUTE && k.minute() < minute);
        }
        return kept(figure, allianceId, minute, work);
    }

    /** Whether the figure of the alliance is kept (for tests). */
    boolean keeps(String figure, long allianceId) {
        return kept.containsKey(figure + ":" + allianceId);
    }

    @SuppressWarnings("unchecked")
    private <T> T kept(String figure, long allianceId, long minute, Supplier<T> work) {
        if (transactions.getResource(WROTE + allianceId) != null) {
            return work.get(); // this transaction's own, uncommitted record: for it alone, not to be kept
        }
        long size = logSize(allianceId);
        String key = figure + ":" + allianceId;
        Kept last = kept.get(key);
        if (last == null || last.logSize() != size || last.minute() != minute) {
            // worked out outside the map (its lock is not held over queries); visitors at the same moment may each
            // work it out once, the last one kept
            last = new Kept(size, minute, work.get());
            kept.put(key, last);
        }
        return (T) last.value();
    }

    /**
     * The log's size, read once per request (a page that shows several figures reads it once), else once per call.
     * Read before the figures, so a figure worked out after it is at least as new as the record of that size; a later
     * visit that finds the log grown works it out again. An append forgets it ({@link #moved}).
     */
    private long logSize(long allianceId) {
        boolean request = Arc.container().requestContext().isActive();
        Long size = request ? sizes.of(allianceId) : null;
        if (size == null) {
            size = tree.size(allianceId);
            if (request) {
                sizes.read(allianceId, size);
            }
        }
        return size;
    }

    /**
     * The head moved in this transaction (an append): its figures of that alliance are worked out afresh and not
     * kept, since the transaction may still roll back and another change take the same size; and the request
     * reads the size again.
     */
    void moved(long allianceId) {
        transactions.putResource(WROTE + allianceId, Boolean.TRUE);
        if (Arc.container().requestContext().isActive()) {
            sizes.forget(allianceId);
        }
    }

    /** The log sizes one request has read (methods, not fields: it is reached through a client proxy). */
    @RequestScoped
    static class Sizes {
        private final Map<Long, Long> read = new HashMap<>();

        Long of(long allianceId) {
            return read.get(allianceId);
        }

        void read(long allianceId, long size) {
            read.put(allianceId, size);
        }

        void forget(long allianceId) {
            read.remove(allianceId);
        }
    }
}
