package org.allianceportal.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.allianceportal.core.shared.TimeKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMTP server goes away and comes back. Its own application instance and port (a test profile),
 * so that no other test shares a mail connection pool with a server that was stopped.
 */
@QuarkusTest
@TestProfile(SmtpDownTest.OwnPort.class)
class SmtpDownTest {

    static final int PORT = 3026;

    public static class OwnPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", String.valueOf(PORT));
        }
    }

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(false);

    @Inject
    Pact pact;

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Inject
    TimeKeeper time;

    @Test
    void while_smtp_is_down_nothing_is_lost_and_the_backoff_shows_in_the_row() throws Exception {
        Pact.Setup w = pact.withBruno();
        pact.raiseQuotesAreLate(w);
        fanout.fanOut(10_000);

        smtp.stop();
        Instant failedAt = time.now();
        dispatcher.dispatchAll();
        Delivery waiting = pact.concernMailTo(w.bruno());
        assertThat(waiting.status).isEqualTo(Delivery.Status.PENDING);
        assertThat(waiting.attempts).isEqualTo(1);
        assertThat(waiting.lastError).isNotBlank();
        assertThat(waiting.nextAttemptAt).isBetween(failedAt.plusSeconds(29), failedAt.plusSeconds(45));

        time.at(failedAt.plusSeconds(50), dispatcher::dispatchAll);
        assertThat(pact.concernMailTo(w.bruno()).attempts).as("second try, still down").isEqualTo(2);
        assertThat(pact.concernMailTo(w.bruno()).nextAttemptAt).as("waits twice as long").isAfter(failedAt.plusSeconds(50 + 59));

        smtp.start();
        time.at(failedAt.plus(Duration.ofMinutes(5)), dispatcher::dispatchAll);
        assertThat(pact.concernMailTo(w.bruno()).status).isEqualTo(Delivery.Status.SENT);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains("Quotes are late"))).hasSize(1);
    }

    static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
