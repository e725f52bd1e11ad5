package org.allianceportal.portal.log;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.core.log.CheckpointSigner;
import org.allianceportal.core.log.LogAudit;
import org.allianceportal.portal.operations.OneReplicaAtATime;
import org.allianceportal.portal.operations.OperationsMetrics;

/** The log's routine: sign the checkpoints the writers did not, and audit every stored log (new entries hourly, everything weekly). */
@ApplicationScoped
public class LogDuties {

    @Inject
    CheckpointSigner signer;

    @Inject
    LogAudit audit;

    @Inject
    OperationsMetrics metrics;

    @Inject
    OneReplicaAtATime jobs;

    @Scheduled(every = "${alliance.log.checkpoint-every:10m}", delayed = "${alliance.jobs.first-run-after:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishCheckpoints() {
        // only what the signers after commit missed: alliances whose log has grown past its latest checkpoint
        signer.signPending();
    }

    @Scheduled(every = "${alliance.log.audit-every:1h}", delayed = "${alliance.jobs.first-run-after:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void auditLogs() {
        // one audit of all logs per interval is enough, whichever replica runs it
        jobs.run("audit-logs", () -> metrics.audited(audit.auditAll()));
    }
}
