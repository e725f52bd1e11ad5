package org.allianceportal.portal.notification;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.notifications.delivery.Dispatcher;
import org.allianceportal.notifications.delivery.Fanout;

/** Moves notices along: outbox events into deliveries, due e-mails to the SMTP server. Safe on N instances. */
@ApplicationScoped
public class NotificationDuties {

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Scheduled(every = "${alliance.notifications.every:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        while (fanout.fanOut(100) > 0) {
            // until the outbox is drained
        }
        dispatcher.dispatchAll();
    }
}
