package org.allianceportal.portal.operations;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Lets the scheduled jobs run only while the application is up. The scheduler starts halted
 * ({@code quarkus.scheduler.start-mode=halted}) and is resumed by the last start-up observer: otherwise a job
 * whose first run comes early (or a slow start) runs beside the rest of the start-up: it marked a check-in of the
 * half-written demo world missed, failing the start, and read the metrics before they were registered. It is
 * paused as soon as the shutdown begins: otherwise a job that fires meanwhile starts in a container being torn
 * down and logs an error at every stop of a replica (a rolling deployment, a scale-down).
 */
@ApplicationScoped
public class JobsAfterStart {

    @Inject
    Scheduler scheduler;

    void resume(@Observes @Priority(Integer.MAX_VALUE) StartupEvent started) {
        if (scheduler.isStarted()) { // not where the scheduler is switched off (the page tests)
            scheduler.resume();
        }
    }

    void pause(@Observes @Priority(Integer.MIN_VALUE) ShutdownEvent stopping) {
        if (scheduler.isStarted()) {
            scheduler.pause();
        }
    }
}
