package org.allianceportal.portal.notification;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.notifications.delivery.Digests;
import org.allianceportal.notifications.delivery.Dispatcher;
import org.allianceportal.notifications.delivery.Fanout;
import org.allianceportal.notifications.reminder.Reminders;
import org.allianceportal.portal.operations.OneReplicaAtATime;
import org.allianceportal.portal.operations.OperationsMetrics;

/** Moves notices along: reminders and outbox events into deliveries, due e-mails to the SMTP server. Safe on N instances. */
@ApplicationScoped
public class NotificationDuties {

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Reminders reminders;

    @Inject
    Digests digests;

    @Inject
    OperationsMetrics metrics;

    @Inject
    OneReplicaAtATime jobs;

    @Scheduled(every = "${alliance.notifications.reminders-every:1m}", delayed = "${alliance.jobs.first-run-after:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void planReminders() {
        metrics.timed(OperationsMetrics.REMINDER_PLANNING, reminders::plan);
    }

    /** Held e-mail (digest preference, absences) goes out once a day. */
    @Scheduled(cron = "${alliance.notifications.digest-cron:0 0 7 * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDigests() {
        jobs.run("plan-digests", digests::planDue);
    }

    @Scheduled(every = "${alliance.notifications.every:10s}", delayed = "${alliance.jobs.first-run-after:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        metrics.timed(OperationsMetrics.DISPATCH, () -> {
            while (fanout.fanOut(100) > 0) {
                // until the outbox is drained
            }
            return dispatcher.dispatchAll();
        });
    }
}
