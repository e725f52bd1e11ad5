package org.allianceportal.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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
    AllianceService alliances;

    @Inject
    MembershipService memberships;

    @Inject
    ConcernService concerns;

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Test
    void a_message_the_server_refuses_is_dead_lettered_at_once_and_not_retried() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        Organisation acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        Organisation globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        long alliance = alliances.create(admin, "Pact " + tag, null, List.of(acme.id, globex.id)).id;
        memberships.enrol("bruno-" + tag, "bruno", "Bruno", "bruno-" + tag + "@globex.example", globex, Role.LEAD);
        concerns.raise(new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD), alliance,
                new ConcernService.Draft(globex.id, Severity.HIGH, "Quotes are late", "Late", null));
        fanout.fanOut(10_000);
        dispatcher.dispatchAll();

        Delivery dead = mailTo("bruno-" + tag);
        assertThat(dead.status).as(dead.lastError).isEqualTo(Delivery.Status.DEAD);
        assertThat(dead.attempts).isEqualTo(1);
        assertThat(dead.lastError).contains("550");
        dispatcher.dispatchAll();
        assertThat(mailTo("bruno-" + tag).attempts).as("a dead letter is not retried").isEqualTo(1);
    }

    Delivery mailTo(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "kind = 'concern.raised' and recipientUserId = ?1 and channel = ?2", userId, Delivery.Channel.EMAIL)
                .singleResult());
    }
}
