package org.allianceportal.portal.concern;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.portal.operations.OneReplicaAtATime;

/** Escalates concerns whose acknowledgement deadline has passed; the rule itself lives in core. */
@ApplicationScoped
public class AcknowledgementDeadlines {

    @Inject
    ConcernService concerns;

    @Inject
    OneReplicaAtATime jobs;

    @Scheduled(every = "${alliance.deadline-check:1m}", delayed = "${alliance.jobs.first-run-after:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void escalateOverdue() {
        // two replicas escalating the same concern would collide on its version
        jobs.run("escalate-overdue-acknowledgements", concerns::escalateOverdueAcknowledgements);
    }
}
