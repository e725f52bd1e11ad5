package org.allianceportal.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allianceportal.core.admin.AllianceAdministration;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.commitment.ClosureKind;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainEntity;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.preference.Mode;
import org.allianceportal.notifications.preference.NoticeKind;
import org.allianceportal.notifications.preference.Preferences;
import org.allianceportal.notifications.reminder.Reminders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of notice as people read it, through the real SMTP server: a short subject of its own,
 * one sentence, the facts without list brackets or raw JSON, one button in HTML and one link in text,
 * no raw address shown in HTML, and the RFC 8058 unsubscribe headers on everything that is not urgent.
 */
@QuarkusTest
class NoticeMailTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    /** The outbox kinds the tour below makes happen, each heard by someone with an e-mail address. */
    static final Set<String> TOURED = Set.of("alliance.founded", "alliance.party_added", "alliance.party_removed",
            "alliance.acknowledgement_deadlines_set", "alliance.archived",
            "commitment.proposed", "commitment.agreed", "commitment.due_date_change_proposed",
            "commitment.due_date_changed", "commitment.due_date_change_declined", "commitment.delivered",
            "commitment.disputed", "commitment.accepted", "commitment.closure_proposed", "commitment.closed",
            "commitment.closure_declined",
            "concern.raised", "concern.acknowledged", "concern.responded", "concern.resolution_proposed",
            "concern.resolution_rejected", "concern.resolved", "concern.reopened", "concern.commented",
            "concern.escalated", "concern.acknowledgement_breached",
            "checkin.cadence_set", "checkin.scheduled", "checkin.rescheduled", "checkin.agenda_edited",
            "checkin.cancelled", "checkin.attendance_recorded", "checkin.minutes_recorded",
            "checkin.minutes_approved_by", "checkin.minutes_approved", "checkin.missed",
            "reminder.checkin", "reminder.acknowledgement_due", "reminder.commitment_due",
            "reminder.commitment_overdue", "digest",
            "health.warning", "health.urgent_warning", "health.warning_answered", "pulse.opened");

    @Inject
    AllianceService alliances;

    @Inject
    AllianceAdministration administration;

    @Inject
    MembershipService memberships;

    @Inject
    ChangeRecorder recorder;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    CheckInService checkIns;

    @Inject
    Reminders reminders;

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Digests digests;

    @Inject
    Preferences preferences;

    @Inject
    TimeKeeper time;

    String tag;
    long alliance;
    Organisation acme;
    Organisation globex;
    Actor admin;
    Actor alice;
    Actor bruno;

    @Test
    void every_kind_of_notice_reads_well_in_text_and_html_and_carries_the_unsubscribe_headers_unless_urgent()
            throws Exception {
        tour();
        Map<String, MimeMessage> byKind = new LinkedHashMap<>();
        for (MimeMessage m : mine()) {
            byKind.putIfAbsent(m.getHeader("X-Alliance-Kind")[0], m);
            readsWell(m);
        }
        byKind.put("concern.raised", mine().stream().filter(m -> subject(m).equals("Concern raised: Quotes are late"))
                .findFirst().orElseThrow());
        assertThat(new TreeSet<>(byKind.keySet())).as("a mail of every kind").containsAll(TOURED);
        assertThat(TOURED).as("every kind a person can tune is toured")
                .containsAll(NoticeKind.ALL.stream().map(NoticeKind::kind)
                        .filter(k -> !k.equals("log.verification_failed")).toList());

        Mail raised = Mail.of(byKind.get("concern.raised"));
        assertThat(raised.subject).isEqualTo("Concern raised: Quotes are late");
        assertThat(raised.text).startsWith("Alice of Acme " + tag + " raised a concern to Globex " + tag
                + ": “Quotes are late”. A lead of Globex " + tag + " needs to acknowledge it by ");
        assertThat(raised.text).contains("Severity: High\n", "Description: Three quotes waited a week\n",
                "\n\nOpen the concern: http://localhost:8080/alliances/" + alliance + "/concerns/");
        assertThat(raised.html).contains(">Open the concern</a>", ">Stop e-mails like this one</a>",
                ">Notification settings</a>");

        Mail added = Mail.of(byKind.get("alliance.party_added"));
        assertThat(added.text).startsWith("Admin (platform administrator) added Initech " + tag + " as a party");

        Mail founded = Mail.of(byKind.get("alliance.founded"));
        assertThat(founded.subject).isEqualTo("New alliance: Pact " + tag);
        assertThat(founded.text).contains("Parties: Acme " + tag + " and Globex " + tag + "\n")
                .doesNotContain("Name:");

        Mail agreed = Mail.of(byKind.get("commitment.due_date_change_proposed"));
        assertThat(agreed.subject).isEqualTo("New due date proposed: Pricing study");
        assertThat(agreed.text).contains("Reason: The vendor is late\n", "\nAgree or decline: http://");

        Mail minutes = Mail.of(byKind.get("checkin.minutes_recorded"));
        assertThat(minutes.text).as("text over several lines comes under its label, indented")
                .contains("Minutes:\n  We met.\n  Prices were agreed.\n", "Action items: Send the price list\n");

        Mail escalated = Mail.of(byKind.get("concern.escalated"));
        assertThat(escalated.text).contains("Urgent notices always arrive by e-mail").doesNotContain("/unsubscribe");

        Mail digest = Mail.of(byKind.get("digest"));
        assertThat(digest.subject).matches("\\d+ notices? from Alliance Portal");
        assertThat(digest.text).contains("Pact " + tag + ": New comment: Quotes are late\n",
                "Open your notices: http://localhost:8080/notifications\n");
        assertThat(digest.html).as("each notice of the digest is a link by its words")
                .containsPattern("<a href=\"http://localhost:8080/alliances/" + alliance + "/concerns/\\d+\"[^>]*>"
                        + "New comment: Quotes are late</a>");
        assertThat(digest.unsubscribe).as("the digest's link stops the kinds it gathered").isNotBlank();
    }

    /** The checks every mail passes, whatever its kind. */
    void readsWell(MimeMessage message) throws Exception {
        Mail m = Mail.of(message);
        String kind = message.getHeader("X-Alliance-Kind")[0];
        boolean urgent = NoticeKind.isUrgent(kind);
        String what = kind + ": " + m.subject;
        assertThat(m.subject).as(what).isNotBlank().doesNotContain("[", "]").hasSizeLessThan(100);

        String sentence = m.text.substring(0, m.text.indexOf('\n'));
        assertThat(sentence).as(what).endsWith(".").doesNotContain("{", "}");
        assertThat(m.html).as(what).contains("<p id=\"sentence\"").contains(html(sentence));
        assertThat(m.text).as(what + ": the subject is not said twice").doesNotContain(m.subject);
        assertThat(m.text).as(what + ": no list brackets, no raw JSON").doesNotContain("[", "]", "{", "}", "\"");
        assertThat(m.html.replaceAll("(?s)<title>.*</title>", "")).as(what).doesNotContain(html(m.subject) + "<");

        List<String> labels = m.text.lines().takeWhile(l -> !l.equals("-- ")).filter(l -> l.matches("[A-Z][a-z ]+:.*"))
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertThat(labels).as(what + ": each fact once").doesNotHaveDuplicates();

        assertThat(count(m.html, "id=\"action\"")).as(what + ": one button").isEqualTo(1);
        String button = between(m.html, "id=\"action\" href=\"", "\"");
        assertThat(count(m.text, button)).as(what + ": one link in the text, to where the button leads").isEqualTo(1);
        assertThat(m.html.replaceAll("href=\"[^\"]*\"", "")).as(what + ": HTML shows words, not addresses")
                .doesNotContain("http://", "https://");

        if (urgent) {
            assertThat(message.getHeader("List-Unsubscribe")).as(what).isNull();
            assertThat(message.getHeader("List-Unsubscribe-Post")).as(what).isNull();
            assertThat(m.text + m.html).as(what).doesNotContain("/unsubscribe");
        } else {
            assertThat(message.getHeader("List-Unsubscribe")).as(what).containsExactly("<" + m.unsubscribe + ">");
            assertThat(message.getHeader("List-Unsubscribe-Post")).as(what)
                    .containsExactly("List-Unsubscribe=One-Click");
            assertThat(m.unsubscribe).as(what).startsWith("http://localhost:8080/unsubscribe?token=");
            assertThat(m.html).as(what).contains("<a href=\"" + m.unsubscribe.replace("&", "&amp;") + "\"");
        }
    }

    /** A parsed e-mail: its subject, text and HTML parts, and the unsubscribe link of its text part. */
    record Mail(String subject, String text, String html, String unsubscribe) {

        static Mail of(MimeMessage message) throws Exception {
            Map<String, String> parts = new LinkedHashMap<>();
            collect(message, parts);
            String text = parts.get("text/plain").replace("\r\n", "\n");
            Matcher link = Pattern.compile("Stop e-mails like this one: (\\S+)").matcher(text);
            return new Mail(message.getSubject(), text, parts.get("text/html"), link.find() ? link.group(1) : null);
        }

        private static void collect(Part part, Map<String, String> into) throws Exception {
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child, into);
                }
            } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
                into.putIfAbsent(part.getContentType().replaceAll(";.*", "").trim().toLowerCase(),
                        String.valueOf(part.getContent()));
            }
        }
    }

    /** Two organisations, their leads, and one alliance's life in which every kind of notice happens. */
    void tour() throws Exception {
        fanout.fanOut(10_000);
        dispatcher.dispatchAll();
        smtp.purgeEmailFromAllMailboxes(); // purge, not reset: a restart would leave the mailer with dead pooled connections
        tag = UUID.randomUUID().toString().substring(0, 8);
        admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        Organisation initech = alliances.createOrganisation(admin, "Initech " + tag, "initech-" + tag);
        memberships.enrol("alice-" + tag, "alice", "Alice", "alice-" + tag + "@acme.example", acme, Role.LEAD);
        memberships.enrol("bruno-" + tag, "bruno", "Bruno", "bruno-" + tag + "@globex.example", globex, Role.LEAD);
        alice = new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD);
        bruno = new Actor("bruno-" + tag, "Bruno", globex.id, Role.LEAD);
        alliance = alliances.create(admin, "Pact " + tag, null, List.of(acme.id, globex.id)).id;
        administration.addParty(admin, alliance, initech.id);
        administration.removeParty(admin, alliance, initech.id);
        administration.setAcknowledgementDeadlines(admin, alliance, Map.of(Severity.HIGH, 1, Severity.MEDIUM, 3,
                Severity.LOW, 5));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Commitment study = commitments.propose(alice, alliance, new CommitmentTerms("Pricing study",
                "Compare three vendors", acme.id, globex.id, today.plusDays(20)));
        study = commitments.agree(alice, ref(study));
        study = commitments.agree(bruno, ref(study));
        study = commitments.proposeDueDate(alice, ref(study), today.plusDays(30), "The vendor is late");
        study = commitments.agreeDueDate(bruno, ref(study));
        study = commitments.proposeDueDate(alice, ref(study), today.plusDays(40), "Still late");
        study = commitments.declineDueDate(bruno, ref(study));
        study = commitments.claimDelivery(alice, ref(study), "The report is in the shared folder");
        study = commitments.dispute(bruno, ref(study), "Only two vendors compared");
        study = commitments.claimDelivery(alice, ref(study), "The third vendor is added");
        commitments.accept(bruno, ref(study));
        Commitment webinar = commitments.propose(alice, alliance, new CommitmentTerms("Joint webinar", null, acme.id,
                globex.id, today.plusDays(15)));
        webinar = commitments.proposeClosure(alice, ref(webinar), ClosureKind.WITHDRAW, "No budget this year");
        webinar = commitments.declineClosure(bruno, ref(webinar));
        webinar = commitments.proposeClosure(alice, ref(webinar), ClosureKind.WITHDRAW, "No budget at all");
        commitments.agreeClosure(bruno, ref(webinar));
        Commitment sheet = commitments.propose(alice, alliance, new CommitmentTerms("Price sheet", null, acme.id,
                globex.id, today.plusDays(2)));
        sheet = commitments.agree(alice, ref(sheet));
        commitments.agree(bruno, ref(sheet));
        reminders.plan(); // due in two days
        time.at(today.plusDays(3).atTime(9, 0).toInstant(ZoneOffset.UTC), reminders::plan); // overdue

        Concern quotes = concerns.raise(alice, alliance, new ConcernService.Draft(globex.id, Severity.HIGH,
                "Quotes are late", "Three quotes waited a week", null));
        quotes = concerns.acknowledge(bruno, ref(quotes), "We are on it");
        quotes = concerns.respond(bruno, ref(quotes), "A new process starts on Monday");
        quotes = concerns.proposeResolution(bruno, ref(quotes), "A weekly quote review");
        quotes = concerns.rejectResolution(alice, ref(quotes), "Weekly is not enough");
        quotes = concerns.proposeResolution(bruno, ref(quotes), "A daily quote review");
        quotes = concerns.confirmResolution(alice, ref(quotes));
        quotes = concerns.reopen(alice, ref(quotes), "Late again");
        preferences.set(bruno.userId(), "concern.commented", Mode.DIGEST);
        concerns.comment(alice, alliance, quotes.id, "See the March quotes");
        concerns.comment(bruno, alliance, quotes.id, "We see them");
        quotes = concerns.escalate(alice, ref(quotes), "No answer for a week");
        Concern escalated = quotes;
        Instant halfTime = escalated.acknowledgeClockStartedAt
                .plus(Duration.between(escalated.acknowledgeClockStartedAt, escalated.acknowledgeBy).dividedBy(2))
                .plusSeconds(60);
        time.at(halfTime, reminders::plan);
        time.at(escalated.acknowledgeBy.plusSeconds(60), concerns::escalateOverdueAcknowledgements);

        checkIns.setCadence(alice, alliance, new CheckInService.CadenceDraft(Frequency.WEEKLY, today.plusDays(2),
                LocalTime.of(10, 0), "Europe/Berlin", 45));
        List<CheckIn> meetings = checkIns.ofAlliance(alice, alliance);
        CheckIn moved = checkIns.reschedule(bruno, ref(meetings.get(0)), meetings.get(0).startsAt.plus(Duration.ofHours(2)));
        CheckIn first = checkIns.editAgenda(bruno, ref(moved), "Prices\nRebates");
        checkIns.cancel(alice, ref(meetings.get(1)), "Holiday");
        time.at(first.startsAt.minus(Duration.ofHours(23)), reminders::plan);
        Instant during = first.startsAt.plus(Duration.ofMinutes(10));
        CheckIn attended = time.at(during, () -> checkIns.recordAttendance(alice, ref(first), Set.of(acme.id, globex.id)));
        CheckIn minuted = time.at(during, () -> checkIns.recordMinutes(alice, ref(attended),
                "We met.\nPrices were agreed.", "Go ahead", List.of(new CheckInService.ActionItemDraft(
                        "Send the price list", acme.id, globex.id, today.plusDays(20)))));
        CheckIn approvedByAcme = time.at(during, () -> checkIns.approveMinutes(alice, ref(minuted)));
        time.at(during, () -> checkIns.approveMinutes(bruno, ref(approvedByAcme)));
        time.at(meetings.get(2).startsAt.plus(Duration.ofHours(30)), checkIns::markMissed);

        // trust health's warnings and the pulse: the events their jobs record, with the payloads they give
        QuarkusTransaction.requiringNew().run(() -> {
            Alliance pact = Alliance.findById(alliance);
            recorder.recordForLeads(Actor.system(), pact, "health.warning", "health", 1L, ChangeRecorder.payload(
                    "index", 61, "reasons", List.of("Acme Corp has been silent for 23 days"), "urgent", false),
                    pact.parties);
            recorder.recordForLeads(Actor.system(), pact, "health.urgent_warning", "health", 2L, ChangeRecorder.payload(
                    "index", 38, "reasons", List.of("2 deliveries of Acme Corp were disputed"), "urgent", true),
                    pact.parties);
            recorder.record(alice, pact, "health.warning_answered", "health", 1L, ChangeRecorder.payload(
                    "response", "We meet on Monday to clear the backlog."), pact.parties);
            recorder.record(Actor.system(), pact, "pulse.opened", "pulse", 1L, ChangeRecorder.payload(
                    "closesAt", today.plusDays(14).atStartOfDay().toInstant(ZoneOffset.UTC).toString()), pact.parties);
        });

        administration.archive(admin, alliance);
        Instant later = today.plusDays(60).atStartOfDay().toInstant(ZoneOffset.UTC);
        time.at(later, () -> fanout.fanOut(10_000));
        time.at(later, digests::planDue);
        time.at(later, dispatcher::dispatchAll);
        // as the next runs would: a send that timed out (a busy machine) is retried after its backoff, not lost
        time.at(later.plus(Duration.ofHours(1)), dispatcher::dispatchAll);
    }

    List<MimeMessage> mine() throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().contains("-" + tag + "@")) {
                out.add(m);
            }
        }
        return out;
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    Ref ref(DomainEntity entity) {
        return new Ref(alliance, entity.id, entity.version);
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static String between(String text, String before, String after) {
        int start = text.indexOf(before) + before.length();
        return text.substring(start, text.indexOf(after, start));
    }
}
