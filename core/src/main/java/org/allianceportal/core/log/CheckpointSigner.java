package org.allianceportal.core.log;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs checkpoints for the writers, so that readers never have to: an append asks for one after its
 * transaction commits, and requests for one alliance that arrive before its signing starts are served
 * by one checkpoint. A scheduled job catches up with whatever was missed (a crash between commit and
 * signing, a failure) through {@link #signPending()}.
 */
@ApplicationScoped
public class CheckpointSigner {

    @Inject
    Checkpoints checkpoints;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    EntityManager em;

    @Inject
    LogSigning config;

    private final Set<Long> requested = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService signing = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "checkpoint-signer");
        thread.setDaemon(true);
        return thread;
    });

    /** Asks for a checkpoint of the alliance once the current transaction has committed (once per transaction). */
    void afterCommit(long allianceId) {
        String key = CheckpointSigner.class.getName() + ":" + allianceId;
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    request(allianceId);
                }
            }
        });
    }

    private void request(long allianceId) {
        if (requested.add(allianceId) && !signing.isShutdown()) {
            signing.schedule(() -> sign(allianceId), config.checkpointAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sign(long allianceId) {
        // from here on, a new commit needs a new checkpoint: this one may have read the head before it
        requested.remove(allianceId);
        try {
            checkpoints.publish(allianceId);
        } catch (RuntimeException e) {
            Log.errorf(e, "Signing a checkpoint of alliance %d failed; the checkpoint job will try again", allianceId);
        }
    }

    /**
     * Signs a checkpoint for every alliance whose log has grown past its latest one (or that has none
     * yet), found with one query. Returns how many were signed.
     */
    public int signPending() {
        @SuppressWarnings("unchecked")
        List<Number> pending = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select h.alliance_id from log_head h
                where h.size > coalesce((select max(c.tree_size) from log_checkpoint c where c.alliance_id = h.alliance_id), -1)
                order by 1""").getResultList());
        int signed = 0;
        for (Number id : pending) {
            try {
                checkpoints.publish(id.longValue());
                signed++;
            } catch (Checkpoints.InconsistentLog e) {
                Log.error(e.getMessage());
            } catch (RuntimeException e) { // one alliance's failure does not stop the others' catching up
                Log.errorf(e, "Signing a checkpoint of alliance %d failed; the next run tries again", id.longValue());
            }
        }
        return signed;
    }

    @PreDestroy
    void stop() {
        signing.shutdownNow();
    }
}
