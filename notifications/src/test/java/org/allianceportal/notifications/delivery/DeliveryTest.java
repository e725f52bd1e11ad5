package org.allianceportal.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Outbox to inbox through a real SMTP server (GreenMail) and the real PostgreSQL. */
@QuarkusTest
class DeliveryTest {

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
    CommitmentService commitments;

    @Inject
    TrustHealth health;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Deliveries deliveries;

    @Inject
    TimeKeeper time;

    String tag;
    Alliance alliance;
    Organisation acme;
    Organisation globex;
    Actor alice;

    @BeforeEach
    void twoPartiesWithPeople() throws Exception {
        // earlier tests may leave events behind: hand them out first, so each test sees only its own
        fanout.fanOut(10_000);
        dispatcher.dispatchAll();
        smtp.purgeEmailFromAllMailboxes(); // purge, not reset: a restart would leave the mailer with dead pooled connections
        tag = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        alliance = alliances.create(admin, "Pact " + tag, null, List.of(acme.id, globex.id));
        memberships.enrol("alice-" + tag, "alice", "Alice", "alice-" + tag + "@acme.example", acme, Role.LEAD);
        memberships.enrol("bruno-" + tag, "bruno", "Bruno", "bruno-" + tag + "@globex.example", globex, Role.LEAD);
        memberships.enrol("bella-" + tag, "bella", "Bella", "bella-" + tag + "@globex.example", globex, Role.MEMBER);
        alice = new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD);
    }

    @Test
    void a_raised_concern_reaches_each_person_of_the_other_side_once_by_mail_and_in_app() throws Exception {
        raise();
        fanout.fanOut(100);
        dispatcher.dispatchAll();

        MimeMessage[] received = smtp.getReceivedMessages();
        // the founding of the alliance told both sides as well; look at the concern only
        List<MimeMessage> concernMails = Arrays.stream(received).filter(m -> subject(m).startsWith("Concern raised")).toList();
        assertThat(concernMails).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("bruno-" + tag + "@globex.example", "bella-" + tag + "@globex.example");
        MimeMessage mail = concernMails.get(0);
        assertThat(mail.getSubject()).isEqualTo("Concern raised: Quotes are late");
        assertThat(mail.getHeader("Message-ID")[0]).matches("<[0-9a-f]{40}@alliance-portal\\.local>");
        String content = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
        assertThat(content).contains("Quotes are late", "/alliances/" + alliance.id + "/concerns/");
        assertThat(content).as("an HTML part as well, from the Qute template").contains("text/html", "Open the concern");
        assertThat(content).as("the footer").contains("Stop e-mails like this one");

        assertThat(Delivery.count("allianceId = ?1 and kind = 'concern.raised' and channel = ?2", alliance.id,
                Delivery.Channel.IN_APP)).isEqualTo(2);

        fanout.fanOut(100);
        dispatcher.dispatchAll();
        assertThat(smtp.getReceivedMessages()).as("nothing twice").hasSize(received.length);
    }

    @Test
    void a_dispatcher_dying_between_send_and_commit_repeats_only_that_message_with_the_same_message_id() {
        raise();
        fanout.fanOut(100);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                dispatcher.dispatchBatch(); // sends, marks...
                throw new IllegalStateException("killed before commit");
            });
        } catch (IllegalStateException expected) {
            // the marks are rolled back, as if the process had died
        }
        int afterCrash = smtp.getReceivedMessages().length;
        dispatcher.dispatchAll();
        List<String> ids = Arrays.stream(smtp.getReceivedMessages()).map(DeliveryTest::messageId).toList();
        assertThat(ids).hasSize(afterCrash * 2);
        assertThat(ids.stream().distinct()).as("the repeats carry the same Message-ID").hasSize(afterCrash);
        dispatcher.dispatchAll();
        assertThat(smtp.getReceivedMessages()).hasSize(afterCrash * 2);
    }

    @Test
    void two_dispatchers_deliver_ten_thousand_reminders_exactly_once() throws Exception {
        int count = 10_000;
        Instant now = time.now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                Delivery d = new Delivery();
                d.idempotencyKey = "load:" + tag + ":" + i + ":EMAIL";
                d.allianceId = alliance.id;
                d.kind = "reminder.load";
                d.recipientUserId = "bruno-" + tag;
                // a mailbox per message: the count is of messages at the server, not of one mailbox's appends
                d.recipientEmail = "r" + i + "-" + tag + "@globex.example";
                d.channel = Delivery.Channel.EMAIL;
                d.status = Delivery.Status.PENDING;
                d.subject = "Reminder " + i;
                d.body = "Reminder number " + i;
                d.nextAttemptAt = now;
                d.createdAt = now;
                deliveries.plan(d);
            }
        });
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> dispatchers = List.of(dispatcher::dispatchAll, dispatcher::dispatchAll);
        List<Integer> handled = new ArrayList<>();
        for (Future<Integer> f : two.invokeAll(dispatchers)) {
            handled.add(f.get());
        }
        two.shutdown();
        assertThat(handled).allMatch(n -> n > 0).as("both took part");
        // a send that failed (e.g. timed out) is retried after its backoff, as in production
        time.at(now.plus(Duration.ofMinutes(10)), dispatcher::dispatchAll);
        long retried = QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("kind = 'reminder.load' and recipientUserId = ?1 and attempts > 1", "bruno-" + tag));
        // the server may still be storing the last message it acknowledged: give it a moment
        List<String> ids = List.of();
        for (int i = 0; i < 50 && ids.stream().distinct().count() < count; i++) {
            ids = Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).startsWith("Reminder "))
                    .map(DeliveryTest::messageId).toList();
            if (ids.stream().distinct().count() < count) {
                Thread.sleep(100);
            }
        }
        assertThat(ids.stream().distinct()).as("every reminder arrived").hasSize(count);
        assertThat(ids.size() - count).as("repeats: at most one per retried row (" + retried + " retried)")
                .isLessThanOrEqualTo((int) retried);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Delivery.count(
                "kind = 'reminder.load' and recipientUserId = ?1 and status = ?2", "bruno-" + tag, Delivery.Status.SENT)))
                .isEqualTo(count);
    }

    @Test
    void an_address_no_server_could_take_is_dead_lettered_at_once() {
        Instant now = time.now();
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery d = new Delivery();
            d.idempotencyKey = "refused:" + tag + ":EMAIL";
            d.allianceId = alliance.id;
            d.kind = "reminder.refused";
            d.recipientUserId = "bruno-" + tag;
            d.recipientEmail = "bruno at globex";
            d.channel = Delivery.Channel.EMAIL;
            d.status = Delivery.Status.PENDING;
            d.subject = "Refused";
            d.body = "This address is refused";
            d.nextAttemptAt = now;
            d.createdAt = now;
            deliveries.plan(d);
        });
        dispatcher.dispatchAll();
        Delivery dead = QuarkusTransaction.requiringNew().call(() ->
                Delivery.<Delivery>find("idempotencyKey", "refused:" + tag + ":EMAIL").singleResult());
        assertThat(dead.status).as(dead.lastError).isEqualTo(Delivery.Status.DEAD);
        assertThat(dead.attempts).isEqualTo(1);
        assertThat(dead.lastError).isNotBlank();
    }

    @Test
    void a_disabled_or_removed_person_hears_nothing_more_not_even_what_was_planned_before() throws Exception {
        setStatus("bella", MembershipStatus.DISABLED);
        raise();
        fanout.fanOut(100);
        dispatcher.dispatchAll();
        assertThat(recipientsOfConcernMail()).containsExactly("bruno-" + tag + "@globex.example");
        assertThat(Delivery.count("recipientUserId = ?1", "bella-" + tag)).as("no in-app notice either").isZero();

        // planned while bruno was active, then he is removed before the dispatcher runs: it is never sent
        setStatus("bella", MembershipStatus.ACTIVE);
        smtp.purgeEmailFromAllMailboxes();
        concerns.raise(alice, alliance.id, new ConcernService.Draft(globex.id, Severity.LOW, "Invoices are late",
                "Two invoices", null));
        fanout.fanOut(100);
        setStatus("bruno", MembershipStatus.REMOVED);
        dispatcher.dispatchAll();
        assertThat(recipientsOfConcernMail()).containsExactly("bella-" + tag + "@globex.example");
        assertThat(Delivery.<Delivery>list("recipientUserId = ?1 and channel = ?2 and subject like '%Invoices%'",
                "bruno-" + tag, Delivery.Channel.EMAIL)).extracting(d -> d.status)
                .containsExactly(Delivery.Status.SKIPPED);
    }

    @Test
    void a_trust_health_warning_reaches_the_leads_of_every_party_and_no_member() throws Exception {
        Actor bruno = new Actor("bruno-" + tag, "Bruno", globex.id, Role.LEAD);
        Commitment c = commitments.propose(alice, alliance.id, new CommitmentTerms("Sandbox", null, acme.id, globex.id,
                time.today().plusDays(10)));
        c = commitments.agree(alice, new Ref(alliance.id, c.id, c.version));
        c = commitments.agree(bruno, new Ref(alliance.id, c.id, c.version));
        c = commitments.claimDelivery(alice, new Ref(alliance.id, c.id, c.version), "Done");
        commitments.dispute(bruno, new Ref(alliance.id, c.id, c.version), "Every order fails");
        health.check(alliance.id);
        fanout.fanOut(100);
        dispatcher.dispatchAll();

        List<String> to = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (subject(m).contains("Trust health warning")) {
                to.add(m.getAllRecipients()[0].toString());
                assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(m))
                        .contains("was disputed", "/alliances/" + alliance.id + "/health");
            }
        }
        assertThat(to).containsExactlyInAnyOrder("alice-" + tag + "@acme.example", "bruno-" + tag + "@globex.example");
        assertThat(Delivery.count("allianceId = ?1 and kind = 'health.warning' and recipientUserId = ?2", alliance.id,
                "bella-" + tag)).as("members hear nothing of it").isZero();
    }

    void setStatus(String who, MembershipStatus status) {
        QuarkusTransaction.requiringNew().run(() -> Membership.<Membership>findByUserId(who + "-" + tag).orElseThrow()
                .status = status);
    }

    List<String> recipientsOfConcernMail() throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (subject(m).startsWith("Concern raised")) {
                to.add(m.getAllRecipients()[0].toString());
            }
        }
        return to;
    }

    void raise() {
        concerns.raise(alice, alliance.id, new ConcernService.Draft(globex.id, Severity.HIGH, "Quotes are late",
                "Three quotes waited a week", null));
    }

    Delivery concernMailTo(String who) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "kind = 'concern.raised' and recipientUserId = ?1 and channel = ?2", who + "-" + tag,
                Delivery.Channel.EMAIL).singleResult());
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId(MimeMessage m) {
        try {
            return m.getHeader("Message-ID")[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
