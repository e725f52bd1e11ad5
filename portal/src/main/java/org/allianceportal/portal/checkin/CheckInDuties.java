package org.allianceportal.portal.checkin;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.portal.operations.OneReplicaAtATime;

/** Keeps the next check-ins in everyone's calendar and records the missed ones; the rules live in core. */
@ApplicationScoped
public class CheckInDuties {

    @Inject
    CheckInService checkIns;

    @Inject
    OneReplicaAtATime jobs;

    @Scheduled(every = "${alliance.checkins.every:1h}", delayed = "${alliance.jobs.first-run-after:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepCalendarsCurrent() {
        // two replicas would schedule the same check-in twice (a unique violation) or mark it missed twice
        jobs.run("keep-check-ins-current", () -> {
            checkIns.scheduleAheadForAll();
            checkIns.markMissed();
        });
    }
}
