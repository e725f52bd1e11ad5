package org.allianceportal.notifications.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentBoard;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernBoard;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.delivery.Delivery;
import org.allianceportal.notifications.delivery.Dispatcher;
import org.allianceportal.notifications.delivery.Fanout;
import org.allianceportal.notifications.delivery.When;
import org.allianceportal.notifications.preference.Mode;
import org.allianceportal.notifications.preference.Preferences;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reminders planned from the record, each once, delivered through a real SMTP server. */
@QuarkusTest
class RemindersTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Inject
    AllianceService alliances;

    @Inject
    MembershipService memberships;

    @Inject
    ConcernService concerns;

    @Inject
    CommitmentService commitments;

    @Inject
    Reminders reminders;

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Inject
    TimeKeeper time;

    @Inject
    Preferences preferences;

    @Inject
    CommitmentBoard commitmentBoard;

    @Inject
    ConcernBoard concernBoard;

    String tag;
    long alliance;
    Organisation acme;
    Organisation globex;
    Actor alice;
    Actor bruno;

    @BeforeEach
    void setUp() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        alliance = alliances.create(admin, "Pact " + tag, null, List.of(acme.id, globex.id)).id;
        memberships.enrol("alice-" + tag, "alice", "Alice", "alice-" + tag + "@acme.example", acme, Role.LEAD);
        memberships.enrol("anna-" + tag, "anna", "Anna", "anna-" + tag + "@acme.example", acme, Role.MEMBER);
        memberships.enrol("bruno-" + tag, "bruno", "Bruno", "bruno-" + tag + "@globex.example", globex, Role.LEAD);
        memberships.enrol("bella-" + tag, "bella", "Bella", "bella-" + tag + "@globex.example", globex, Role.MEMBER);
        alice = new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD);
        bruno = new Actor("bruno-" + tag, "Bruno", globex.id, Role.LEAD);
    }

    @Test
    void the_leads_who_must_acknowledge_hear_once_when_half_the_time_is_gone_even_with_two_planners()
            throws Exception {
        Instant raisedAt = Instant.parse("2030-01-09T10:00:00Z"); // a Wednesday: due Thursday 10:00
        Concern c = time.at(raisedAt, () -> concerns.raise(alice, alliance,
                new ConcernService.Draft(globex.id, Severity.HIGH, "Quotes are late", "A week late", null)));
        time.at(raisedAt.plus(Duration.ofHours(11)), reminders::plan);
        assertThat(reminded(c, "bruno")).as("before half-time").isZero();

        Instant halfTime = raisedAt.plus(Duration.ofHours(12)).plusSeconds(60);
        var two = Executors.newFixedThreadPool(2);
        Callable<Integer> planner = () -> time.at(halfTime, reminders::plan);
        two.invokeAll(List.of(planner, planner)).forEach(f -> {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        two.shutdown();
        time.at(halfTime.plusSeconds(600), reminders::plan);
        assertThat(reminded(c, "bruno")).as("one e-mail and one in-app notice, once").isEqualTo(2);
        assertThat(reminded(c, "bella")).as("members do not acknowledge").isZero();

        time.at(halfTime, dispatcher::dispatchAll);
        MimeMessage mail = mailTo("bruno", "Half the time to acknowledge is gone");
        assertThat(mail.getSubject()).isEqualTo("Half the time to acknowledge is gone: Quotes are late");
        assertThat(GreenMailUtil.getBody(mail)).contains("Thu 10 Jan 2030, 10:00 UTC", "/concerns/" + c.id, "text/html");

        concerns.acknowledge(bruno, new Ref(alliance, c.id, c.version), null);
        time.at(halfTime.plusSeconds(1200), reminders::plan);
        assertThat(reminded(c, "bruno")).as("nothing after acknowledging").isEqualTo(2);
    }

    @Test
    void a_missed_deadline_escalates_and_both_sides_leads_hear_of_it_at_once_even_with_a_digest_preference() {
        preferences.set("bruno-" + tag, "concern.raised", Mode.DIGEST);
        Instant raisedAt = Instant.parse("2030-01-09T10:00:00Z");
        time.at(raisedAt, () -> concerns.raise(alice, alliance,
                new ConcernService.Draft(globex.id, Severity.HIGH, "Nobody answers", "Silence", null)));
        Instant late = raisedAt.plus(Duration.ofDays(2));
        time.at(late, concerns::escalateOverdueAcknowledgements);
        time.at(late, () -> fanout.fanOut(1000));
        time.at(late, dispatcher::dispatchAll);
        for (String lead : List.of("alice", "bruno")) {
            assertThat(subjectsTo(lead)).as(lead)
                    .contains("Deadline missed: Nobody answers");
        }
    }

    @Test
    void the_owner_hears_three_days_before_the_due_date_and_again_once_it_is_overdue() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Commitment c = commitments.propose(alice, alliance,
                new CommitmentTerms("Pricing study", null, acme.id, globex.id, today.plusDays(5)));
        c = commitments.agree(alice, new Ref(alliance, c.id, c.version));
        c = commitments.agree(bruno, new Ref(alliance, c.id, c.version));
        long id = c.id;

        reminders.plan();
        assertThat(count("due-soon:" + id)).as("five days ahead: not yet").isZero();
        Instant twoDaysLater = today.plusDays(2).atTime(9, 0).toInstant(ZoneOffset.UTC);
        time.at(twoDaysLater, reminders::plan);
        time.at(twoDaysLater.plusSeconds(3600), reminders::plan);
        assertThat(count("due-soon:" + id)).as("alice and anna, mail and in-app, once").isEqualTo(4);

        time.at(twoDaysLater, dispatcher::dispatchAll);
        assertThat(subjectsTo("anna")).as("the owner's member hears of it too")
                .contains("Due on " + When.on(today.plusDays(5)) + ": Pricing study");
        assertThat(subjectsTo("bruno")).as("the beneficiary is not reminded").noneMatch(s -> s.contains("Pricing study"));

        Instant afterDue = today.plusDays(6).atTime(9, 0).toInstant(ZoneOffset.UTC);
        time.at(afterDue, reminders::plan);
        time.at(afterDue.plusSeconds(86_400), reminders::plan);
        assertThat(count("overdue:" + id)).as("once per due date").isEqualTo(4);
        time.at(afterDue, dispatcher::dispatchAll);
        assertThat(subjectsTo("alice")).contains("Overdue since " + When.on(today.plusDays(5)) + ": Pricing study");
    }

    @Test
    void hundreds_of_overdue_commitments_make_one_message_per_person_listing_the_longest_overdue_first() throws Exception {
        Instant proposedAt = Instant.parse("2031-03-03T09:00:00Z");
        LocalDate firstDue = LocalDate.parse("2031-03-10");
        preferences.set("anna-" + tag, "reminder.commitment_overdue", Mode.DIGEST);
        preferences.set("bella-" + tag, "reminder.commitment_overdue", Mode.OFF);
        time.at(proposedAt, () -> {
            for (int i = 0; i < 540; i++) { // 300 owed by Acme, 240 by Globex; the latest proposed is due first
                boolean acmeOwes = i < 300;
                commitments.propose(alice, alliance, new CommitmentTerms("Deliverable " + i, null,
                        acmeOwes ? acme.id : globex.id, acmeOwes ? globex.id : acme.id, firstDue.plusDays(539 - i)));
            }
            return null;
        });
        Instant later = firstDue.plusDays(600).atTime(9, 0).toInstant(ZoneOffset.UTC);
        assertThat(time.at(later, reminders::plan)).as("every occasion, planned once").isGreaterThanOrEqualTo(540);
        assertThat(time.at(later, reminders::plan)).as("a second run finds nothing new").isZero();
        assertThat(time.at(later.plusSeconds(86_400), reminders::plan)).as("nor a day later").isZero();

        for (String who : List.of("alice", "anna", "bruno", "bella")) {
            assertThat(overdueNotices(who, Delivery.Channel.IN_APP)).as(who + ": one notice").hasSize(1);
            assertThat(overdueNotices(who, Delivery.Channel.EMAIL)).as(who + ": one e-mail").hasSize(1);
        }
        Delivery alicesNotice = overdueNotices("alice", Delivery.Channel.IN_APP).get(0);
        assertThat(alicesNotice.subject).isEqualTo("300 commitments are overdue in Pact " + tag);
        assertThat(alicesNotice.link).endsWith("/alliances/" + alliance + "/commitments?owner=" + acme.id
                + "&dueBy=" + LocalDate.ofInstant(later, ZoneOffset.UTC).minusDays(1)
                + "&state=PROPOSED&state=AGREED&state=DISPUTED");
        assertThat(overdueNotices("bruno", Delivery.Channel.IN_APP).get(0).subject)
                .isEqualTo("240 commitments are overdue in Pact " + tag);
        assertThat(overdueNotices("anna", Delivery.Channel.EMAIL).get(0).status).as("anna takes a digest")
                .isEqualTo(Delivery.Status.HELD);
        assertThat(overdueNotices("bella", Delivery.Channel.EMAIL).get(0).status).as("bella switched them off")
                .isEqualTo(Delivery.Status.SKIPPED);

        time.at(later, dispatcher::dispatchAll);
        assertThat(subjectsTo("alice")).containsOnlyOnce("300 commitments are overdue in Pact " + tag);
        assertThat(subjectsTo("bruno")).containsOnlyOnce("240 commitments are overdue in Pact " + tag);
        assertThat(subjectsTo("anna")).as("held for her digest").noneMatch(s -> s.contains("overdue"));
        assertThat(subjectsTo("bella")).noneMatch(s -> s.contains("overdue"));
        MimeMessage mail = mailTo("alice", "300 commitments are overdue");
        String text = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("\r\n", "\n");
        assertThat(text).as("the longest overdue first, each with its link")
                .containsSubsequence("Due " + When.on(firstDue.plusDays(240)) + ": Deliverable 299",
                        "/commitments/", "Due " + When.on(firstDue.plusDays(241)) + ": Deliverable 298")
                .contains("And 280 more: All of them in the list\n  http://")
                .doesNotContain("Deliverable 279:", "Deliverable 300");
        assertThat(mail.getHeader("List-Unsubscribe")).as("RFC 8058, as for one reminder").isNotNull();
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }

    /**
     * Due soon and overdue, each a group in more than one state: each notice links to a list of just its own
     * commitments, not to a delivered or a proposed one of the same owner, nor to those of the other group.
     */
    @Test
    void a_grouped_reminder_links_to_a_list_of_just_its_commitments_whatever_their_states() {
        LocalDate day = LocalDate.parse("2033-03-21");
        Instant run = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        record Owed(Commitment agreed, Commitment disputed, Commitment delivered, Commitment proposed, Commitment later,
                Commitment overdueProposed, Commitment overdueAgreed) {
        }
        Owed owed = time.at(Instant.parse("2033-03-01T09:00:00Z"), () -> {
            Commitment disputed = agreed("Roadmap", day.plusDays(3));
            disputed = commitments.claimDelivery(alice, ref(disputed), "Sent by mail");
            Commitment delivered = agreed("Launch deck", day.plusDays(2));
            return new Owed(agreed("Price list", day.plusDays(1)),
                    commitments.dispute(bruno, ref(disputed), "Nothing arrived"),
                    commitments.claimDelivery(alice, ref(delivered), "Shared drive"), propose("Case study", day.plusDays(2)),
                    agreed("Training plan", day.plusDays(4)), propose("Kick-off notes", day.minusDays(2)),
                    agreed("Minutes", day.minusDays(1)));
        });
        time.at(run, reminders::plan);

        Delivery dueSoon = notice("alice", "reminder.commitment_due");
        assertThat(dueSoon.subject).isEqualTo("2 commitments are due within 3 days in Pact " + tag);
        assertThat(dueSoon.link).endsWith("/alliances/" + alliance + "/commitments?owner=" + acme.id + "&dueFrom=" + day
                + "&dueBy=" + day.plusDays(3) + "&state=AGREED&state=DISPUTED");
        assertThat(commitmentsListed(dueSoon.link)).as("not the delivered, the proposed, the later or the overdue ones")
                .containsExactly(owed.agreed().id, owed.disputed().id);

        Delivery overdue = notice("alice", "reminder.commitment_overdue");
        assertThat(overdue.subject).isEqualTo("2 commitments are overdue in Pact " + tag);
        assertThat(commitmentsListed(overdue.link)).containsExactly(owed.overdueProposed().id, owed.overdueAgreed().id);
    }

    /** Raised and escalated concerns half-way to their deadline make one notice linking to just them. */
    @Test
    void a_grouped_acknowledgement_reminder_links_to_the_raised_and_escalated_concerns_only() {
        Instant raisedAt = Instant.parse("2033-01-05T10:00:00Z"); // a Wednesday: due Thursday 10:00
        List<Long> awaiting = time.at(raisedAt, () -> {
            Concern raised = raise("Quotes are late");
            Concern unanswered = raise("Nobody answers");
            Concern escalated = concerns.escalate(alice, new Ref(alliance, unanswered.id, unanswered.version), "Urgent");
            Concern acknowledged = raise("Invoices are wrong");
            concerns.acknowledge(bruno, new Ref(alliance, acknowledged.id, acknowledged.version), null);
            return List.of(raised.id, escalated.id);
        });
        time.at(raisedAt.plus(Duration.ofHours(12)).plusSeconds(60), reminders::plan);

        Delivery halfGone = notice("bruno", "reminder.acknowledgement_due");
        assertThat(halfGone.subject).startsWith("Half the time to acknowledge is gone for 2 concerns");
        assertThat(halfGone.link).endsWith("/alliances/" + alliance + "/concerns?raisedTo=" + globex.id
                + "&state=RAISED&state=ESCALATED");
        assertThat(concernsListed(halfGone.link)).as("not the acknowledged one").containsExactlyInAnyOrderElementsOf(awaiting);
    }

    Commitment propose(String title, LocalDate due) {
        return commitments.propose(alice, alliance, new CommitmentTerms(title, null, acme.id, globex.id, due));
    }

    Commitment agreed(String title, LocalDate due) {
        Commitment c = commitments.agree(alice, ref(propose(title, due)));
        return commitments.agree(bruno, ref(c));
    }

    Ref ref(Commitment c) {
        return new Ref(alliance, c.id, c.version);
    }

    Concern raise(String title) {
        return concerns.raise(alice, alliance, new ConcernService.Draft(globex.id, Severity.HIGH, title, "A week late", null));
    }

    /** The one in-app notice of this kind to this person. */
    Delivery notice(String who, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "recipientUserId = ?1 and channel = ?2 and kind = ?3", who + "-" + tag, Delivery.Channel.IN_APP, kind)
                .singleResult());
    }

    /** What the commitments list at {@code link} shows, read as the portal reads its filters (soonest due first). */
    List<Long> commitmentsListed(String link) {
        Map<String, List<String>> q = query(link);
        CommitmentBoard.Filter filter = new CommitmentBoard.Filter(states(q, CommitmentState.class),
                Long.valueOf(q.get("owner").get(0)), null, date(q, "dueFrom"), date(q, "dueBy"), null);
        return QuarkusTransaction.requiringNew().call(() -> commitmentBoard.page(Alliance.findById(alliance), filter,
                CommitmentBoard.SORTS.get(0), null, 50).items().stream().map(c -> c.id).toList());
    }

    /** What the concerns list at {@code link} shows, read as the portal reads its filters. */
    List<Long> concernsListed(String link) {
        Map<String, List<String>> q = query(link);
        ConcernBoard.Filter filter = new ConcernBoard.Filter(states(q, ConcernState.class), null,
                Long.valueOf(q.get("raisedTo").get(0)), null);
        return QuarkusTransaction.requiringNew().call(() -> concernBoard.page(Alliance.findById(alliance), filter,
                ConcernBoard.SORTS.get(0), null, 50).items().stream().map(c -> c.id).toList());
    }

    static Map<String, List<String>> query(String link) {
        return Arrays.stream(URI.create(link).getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors
                .groupingBy(p -> p[0], Collectors.mapping(p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8),
                        Collectors.toList())));
    }

    static <E extends Enum<E>> Set<E> states(Map<String, List<String>> q, Class<E> type) {
        return q.getOrDefault("state", List.of()).stream().map(s -> Enum.valueOf(type, s)).collect(Collectors.toSet());
    }

    static LocalDate date(Map<String, List<String>> q, String name) {
        return q.containsKey(name) ? LocalDate.parse(q.get(name).get(0)) : null;
    }

    List<Delivery> overdueNotices(String who, Delivery.Channel channel) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.list(
                "recipientUserId = ?1 and channel = ?2 and kind = 'reminder.commitment_overdue'", who + "-" + tag, channel));
    }

    List<String> subjectsTo(String who) {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().startsWith(who + "-" + tag)) {
                    subjects.add(m.getSubject());
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    long reminded(Concern c, String who) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count(
                "idempotencyKey like ?1 and recipientUserId = ?2", "ack-half:" + c.id + ":%", who + "-" + tag));
    }

    long count(String keyPrefix) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count("idempotencyKey like ?1", keyPrefix + ":%"));
    }

    MimeMessage mailTo(String who, String subjectPart) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().startsWith(who + "-" + tag) && m.getSubject().contains(subjectPart)) {
                return m;
            }
        }
        throw new AssertionError("no mail to " + who + " about " + subjectPart);
    }
}
