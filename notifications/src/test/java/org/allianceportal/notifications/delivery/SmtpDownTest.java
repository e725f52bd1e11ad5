package org.allianceportal.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
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
    AllianceService alliances;

    @Inject
    MembershipService memberships;

    @Inject
    ConcernService concerns;

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Inject
    TimeKeeper time;

    @Test
    void while_smtp_is_down_nothing_is_lost_and_the_backoff_shows_in_the_row() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        Organisation acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        Organisation globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        long alliance = alliances.create(admin, "Pact " + tag, null, List.of(acme.id, globex.id)).id;
        memberships.enrol("bruno-" + tag, "bruno", "Bruno", "bruno-" + tag + "@globex.example", globex, Role.LEAD);
        Actor alice = new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD);
        concerns.raise(alice, alliance, new ConcernService.Draft(globex.id, Severity.HIGH, "Quotes are late", "Late", null));
        fanout.fanOut(10_000);

        smtp.stop();
        Instant failedAt = time.now();
        dispatcher.dispatchAll();
        Delivery waiting = mailTo("bruno-" + tag);
        assertThat(waiting.status).isEqualTo(Delivery.Status.PENDING);
        assertThat(waiting.attempts).isEqualTo(1);
        assertThat(waiting.lastError).isNotBlank();
        assertThat(waiting.nextAttemptAt).isBetween(failedAt.plusSeconds(29), failedAt.plusSeconds(45));

        time.at(failedAt.plusSeconds(50), dispatcher::dispatchAll);
        assertThat(mailTo("bruno-" + tag).attempts).as("second try, still down").isEqualTo(2);
        assertThat(mailTo("bruno-" + tag).nextAttemptAt).as("waits twice as long").isAfter(failedAt.plusSeconds(50 + 59));

        smtp.start();
        time.at(failedAt.plus(Duration.ofMinutes(5)), dispatcher::dispatchAll);
        assertThat(mailTo("bruno-" + tag).status).isEqualTo(Delivery.Status.SENT);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains("Quotes are late"))).hasSize(1);
    }

    Delivery mailTo(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "kind = 'concern.raised' and recipientUserId = ?1 and channel = ?2", userId, Delivery.Channel.EMAIL)
                .singleResult());
    }

    static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
