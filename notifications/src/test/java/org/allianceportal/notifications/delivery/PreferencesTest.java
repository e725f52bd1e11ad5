package org.allianceportal.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.preference.Mode;
import org.allianceportal.notifications.preference.Preferences;
import org.allianceportal.notifications.preference.Preferences.Absence;
import org.allianceportal.notifications.preference.Unsubscribe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Humane delivery: digests, opting out, urgent notices that get through, absences, one-click unsubscribe. */
@QuarkusTest
class PreferencesTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

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
    Digests digests;

    @Inject
    Preferences preferences;

    @Inject
    Unsubscribe unsubscribe;

    @Inject
    TimeKeeper time;

    String tag;
    String bruno;
    long alliance;
    Organisation globex;
    Actor alice;
    Actor brunoLead;

    @BeforeEach
    void setUp() throws Exception {
        fanout.fanOut(10_000);
        dispatcher.dispatchAll();
        tag = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        Organisation acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        alliance = alliances.create(admin, "Pact " + tag, null, List.of(acme.id, globex.id)).id;
        bruno = "bruno-" + tag;
        memberships.enrol("alice-" + tag, "alice", "Alice", "alice-" + tag + "@acme.example", acme, Role.LEAD);
        memberships.enrol(bruno, "bruno", "Bruno", bruno + "@globex.example", globex, Role.LEAD);
        alice = new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD);
        brunoLead = new Actor(bruno, "Bruno", globex.id, Role.LEAD);
        fanout.fanOut(10_000);
        dispatcher.dispatchAll();
        smtp.purgeEmailFromAllMailboxes(); // purge, not reset: a restart would leave the mailer with dead pooled connections
    }

    @Test
    void a_digest_preference_holds_mail_and_sends_one_digest_a_day() {
        preferences.set(bruno, "concern.raised", Mode.DIGEST);
        raise("First worry");
        raise("Second worry");
        deliver();
        assertThat(mailsTo(bruno)).as("nothing one by one").isEmpty();
        assertThat(digests.planDue()).isEqualTo(1);
        dispatcher.dispatchAll();
        List<MimeMessage> mails = mailsTo(bruno);
        assertThat(mails).hasSize(1);
        assertThat(GreenMailUtil.getBody(mails.get(0))).contains("First worry", "Second worry");
        assertThat(digests.planDue()).as("the same day, nothing more").isZero();
        assertThat(inApp("concern.raised")).as("in-app notices still appear one by one").isEqualTo(2);
    }

    @Test
    void switched_off_mail_is_skipped_but_urgent_notices_always_get_through() {
        preferences.set(bruno, "concern.raised", Mode.OFF);
        Concern c = raise("Ignored by mail");
        deliver();
        assertThat(mailsTo(bruno)).isEmpty();
        assertThat(inApp("concern.raised")).isEqualTo(1);
        assertThatThrownBy(() -> preferences.set(bruno, "concern.escalated", Mode.OFF)).isInstanceOf(InvalidInput.class);

        concerns.escalate(alice, new Ref(alliance, c.id, c.version), "No answer");
        deliver();
        assertThat(mailsTo(bruno)).extracting(PreferencesTest::subject).singleElement().asString()
                .contains("Concern escalated");
    }

    @Test
    void the_preferences_form_is_saved_all_or_nothing() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThatThrownBy(() -> preferences.save(bruno, Map.of("concern.raised", Mode.DIGEST, "commitment.proposed",
                Mode.OFF), today.plusDays(9), today)).isInstanceOf(InvalidInput.class);
        assertThat(preferences.modes(bruno)).as("a refused absence leaves the modes as they were")
                .containsEntry("concern.raised", Mode.IMMEDIATE).containsEntry("commitment.proposed", Mode.IMMEDIATE);

        preferences.setAbsence(bruno, today, today.plusDays(2));
        assertThatThrownBy(() -> preferences.save(bruno, Map.of("concern.raised", Mode.DIGEST, "concern.escalated",
                Mode.OFF), null, null)).isInstanceOf(InvalidInput.class);
        assertThat(preferences.mode(bruno, "concern.raised")).isEqualTo(Mode.IMMEDIATE);
        assertThat(preferences.absence(bruno)).as("a refused mode leaves the absence as it was")
                .contains(new Absence(today, today.plusDays(2)));

        // PostgreSQL has no year 9999999: the absence fails as it is written, after the modes, and takes them back
        assertThatThrownBy(() -> preferences.save(bruno, Map.of("concern.raised", Mode.DIGEST), today,
                LocalDate.of(9_999_999, 1, 1))).isNotNull();
        assertThat(preferences.mode(bruno, "concern.raised")).as("one transaction").isEqualTo(Mode.IMMEDIATE);

        preferences.save(bruno, Map.of("concern.raised", Mode.DIGEST), null, null);
        assertThat(preferences.mode(bruno, "concern.raised")).isEqualTo(Mode.DIGEST);
        assertThat(preferences.absence(bruno)).as("both days empty: not away").isEmpty();
    }

    @Test
    void while_away_mail_is_held_urgent_mail_is_not_and_the_rest_comes_as_one_digest_afterwards() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        preferences.setAbsence(bruno, today, today.plusDays(6));
        Concern c = raise("While you were away");
        deliver();
        assertThat(mailsTo(bruno)).isEmpty();
        assertThat(digests.planDue()).as("nothing is released during the absence").isZero();

        concerns.escalate(alice, new Ref(alliance, c.id, c.version), "Urgent");
        deliver();
        assertThat(mailsTo(bruno)).as("urgent bypasses the absence").hasSize(1);

        Instant back = today.plusDays(7).atTime(7, 0).toInstant(ZoneOffset.UTC);
        time.at(back, digests::planDue);
        time.at(back, dispatcher::dispatchAll);
        assertThat(mailsTo(bruno)).hasSize(2);
        assertThat(GreenMailUtil.getBody(mailsTo(bruno).get(1))).contains("While you were away");
    }

    @Test
    void the_unsubscribe_link_in_a_mail_switches_that_kind_off_without_logging_in() {
        raise("With a link");
        deliver();
        String body = GreenMailUtil.getBody(mailsTo(bruno).get(0));
        Matcher link = Pattern.compile("/unsubscribe\\?token=([A-Za-z0-9_.=-]+)").matcher(body.replace("=\r\n", "").replace("=3D", "=")); // quoted-printable
        assertThat(link.find()).as(body).isTrue();
        assertThat(unsubscribe.apply(link.group(1))).contains(new Unsubscribe.Request(bruno, "concern.raised"));
        assertThat(preferences.mode(bruno, "concern.raised")).isEqualTo(Mode.OFF);

        String forged = link.group(1).substring(0, link.group(1).length() - 2) + "AA";
        assertThat(unsubscribe.read(forged)).isEmpty();
        String urgent = unsubscribe.link(bruno, "concern.escalated").replaceAll(".*token=", "");
        assertThat(unsubscribe.apply(urgent)).as("urgent kinds stay on").isEmpty();
    }

    Concern raise(String title) {
        return concerns.raise(alice, alliance, new ConcernService.Draft(globex.id, Severity.LOW, title, "Details", null));
    }

    void deliver() {
        fanout.fanOut(1000);
        dispatcher.dispatchAll();
    }

    long inApp(String kind) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count(
                "recipientUserId = ?1 and kind = ?2 and channel = ?3", bruno, kind, Delivery.Channel.IN_APP));
    }

    List<MimeMessage> mailsTo(String userId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().startsWith(userId + "@");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
