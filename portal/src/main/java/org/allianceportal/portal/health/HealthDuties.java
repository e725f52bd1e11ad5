package org.allianceportal.portal.health;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.core.health.TrustHealth;

/**
 * Trust health's routine: look for warnings where the record changed (and daily everywhere, for silence),
 * and take each week's snapshots. Each call takes a batch; both carry on where they stopped, on N instances.
 */
@ApplicationScoped
public class HealthDuties {

    @Inject
    TrustHealth health;

    @Scheduled(every = "${alliance.health.check-every:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkWarnings() {
        while (health.checkWarnings() > 0) {
            // until every alliance that needs a look had one
        }
    }

    @Scheduled(every = "${alliance.health.snapshot-every:1h}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void takeSnapshots() {
        while (health.takeWeeklySnapshots() > 0) {
            // until every alliance has this week's
        }
    }
}
