package org.allianceportal.portal.concern;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.core.concern.ConcernService;

/** Escalates concerns whose acknowledgement deadline has passed; the rule itself lives in core. */
@ApplicationScoped
public class AcknowledgementDeadlines {

    @Inject
    ConcernService concerns;

    @Scheduled(every = "${alliance.deadline-check:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void escalateOverdue() {
        concerns.escalateOverdueAcknowledgements();
    }
}
