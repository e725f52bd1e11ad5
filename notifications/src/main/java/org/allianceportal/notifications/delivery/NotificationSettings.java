package org.allianceportal.notifications.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How notices are addressed and how hard the dispatcher tries. */
@ConfigMapping(prefix = "alliance.notifications")
public interface NotificationSettings {

    /** Where links in e-mails point. */
    @WithDefault("http://localhost:8080")
    String portalUrl();

    /** The organizer named in calendar invites (the address e-mail comes from). */
    @WithDefault("notifications@alliance-portal.local")
    String organizer();

    /** The right-hand side of every Message-ID. */
    @WithDefault("alliance-portal.local")
    String messageIdDomain();

    /** First retry after a failed send; each further retry waits twice as long, up to {@link #maxBackoff()}. */
    @WithDefault("30s")
    Duration firstBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /** How long one e-mail may take to hand to the SMTP server before it counts as a failed attempt. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** After this many failed attempts a delivery is dead-lettered. */
    @WithDefault("10")
    int maxAttempts();

    /** How many rows one dispatcher transaction claims. */
    @WithDefault("50")
    int batchSize();
}
