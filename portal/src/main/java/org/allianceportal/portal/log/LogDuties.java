package org.allianceportal.portal.log;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.log.Checkpoints;
import org.allianceportal.core.log.LogAudit;
import org.allianceportal.portal.operations.OneReplicaAtATime;
import org.allianceportal.portal.operations.OperationsMetrics;

/** The log's routine: sign fresh checkpoints, and re-verify every stored log against what was signed. */
@ApplicationScoped
public class LogDuties {

    @Inject
    Checkpoints checkpoints;

    @Inject
    LogAudit audit;

    @Inject
    OperationsMetrics metrics;

    @Inject
    OneReplicaAtATime jobs;

    @Scheduled(every = "${alliance.log.checkpoint-every:10m}", delayed = "${alliance.jobs.first-run-after:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishCheckpoints() {
        List<Long> ids = QuarkusTransaction.requiringNew().call(() ->
                Alliance.<Alliance>listAll().stream().map(a -> a.id).toList());
        ids.forEach(checkpoints::current);
    }

    @Scheduled(every = "${alliance.log.audit-every:1h}", delayed = "${alliance.jobs.first-run-after:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void auditLogs() {
        // one audit of all logs per interval is enough, whichever replica runs it
        jobs.run("audit-logs", () -> metrics.audited(audit.auditAll()));
    }
}
