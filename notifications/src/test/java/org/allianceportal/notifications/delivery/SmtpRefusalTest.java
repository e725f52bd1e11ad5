package org.allianceportal.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mail server that refuses the recipient (550): the delivery is dead-lettered after one attempt.
 * Its own application instance and port (a test profile), talking only to the refusing server.
 */
@QuarkusTest
@TestProfile(SmtpRefusalTest.OwnPort.class)
class SmtpRefusalTest {

    static final int PORT = 3027;

    public static class OwnPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", String.valueOf(PORT));
        }
    }

    static RefusingSmtpServer refusing;

    @BeforeAll
    static void startRefusingServer() throws Exception {
        refusing = new RefusingSmtpServer(PORT);
    }

    @AfterAll
    static void stopRefusingServer() throws Exception {
        refusing.close();
    }

    @Inject
    Pact pact;

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Test
    void a_message_the_server_refuses_is_dead_lettered_at_once_and_not_retried() {
        Pact.Setup w = pact.withBruno();
        pact.raiseQuotesAreLate(w);
        fanout.fanOut(10_000);
        dispatcher.dispatchAll();

        Delivery dead = pact.concernMailTo(w.bruno());
        assertThat(dead.status).as(dead.lastError).isEqualTo(Delivery.Status.DEAD);
        assertThat(dead.attempts).isEqualTo(1);
        assertThat(dead.lastError).contains("550");
        dispatcher.dispatchAll();
        assertThat(pact.concernMailTo(w.bruno()).attempts).as("a dead letter is not retried").isEqualTo(1);
    }

}
