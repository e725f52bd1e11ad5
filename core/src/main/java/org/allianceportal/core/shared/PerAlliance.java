package org.allianceportal.core.shared;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.jboss.logging.Logger;

/**
 * How a job walks the alliances: ids found a batch at a time after a cursor, each alliance's step in a
 * transaction of its own. One alliance that fails (say, a log that no longer verifies refuses appends) is
 * logged and skipped, so it neither rolls back nor blocks the others, and the walk always ends.
 */
public final class PerAlliance {

    private static final Logger LOG = Logger.getLogger(PerAlliance.class);

    private PerAlliance() {
    }

    /**
     * @param job  names the job in the log
     * @param next the ids after the given one, ascending, at most a batch (empty when done)
     * @param step one alliance's work; returns whether it did something
     * @return how many steps did something
     */
    public static int walk(String job, LongFunction<List<Long>> next, LongPredicate step) {
        int done = 0;
        long after = 0;
        while (true) {
            long cursor = after;
            List<Long> batch = QuarkusTransaction.requiringNew().call(() -> next.apply(cursor));
            if (batch.isEmpty()) {
                return done;
            }
            for (long id : batch) {
                try {
                    if (QuarkusTransaction.requiringNew().call(() -> step.test(id))) {
                        done++;
                    }
                } catch (RuntimeException e) {
                    LOG.warnf(e, "%s: alliance %d skipped this time", job, id);
                }
            }
            after = batch.get(batch.size() - 1);
        }
    }
}
