package org.allianceportal.portal.health;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.core.health.TrustHealth;

/**
 * Trust health's routine: look for warnings where the record changed (and daily everywhere, for silence),
 * and take each week's snapshots. Each walks the alliances one transaction each; safe on N instances.
 */
@ApplicationScoped
public class HealthDuties {

    @Inject
    TrustHealth health;

    @Scheduled(every = "${alliance.health.check-every:15m}", delayed = "${alliance.jobs.first-run-after:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkWarnings() {
        health.checkWarnings();
    }

    @Scheduled(every = "${alliance.health.snapshot-every:1h}", delayed = "${alliance.jobs.first-run-after:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void takeSnapshots() {
        health.takeWeeklySnapshots();
    }
}
