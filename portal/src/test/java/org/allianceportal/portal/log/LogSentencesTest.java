package org.allianceportal.portal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.allianceportal.core.checkin.CheckInState;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.commitment.ClosureKind;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.concern.EscalationLevel;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.log.LogEntry;
import org.junit.jupiter.api.Test;

/** The history's sentences: every action core writes reads as who did what, with what changed in words. */
class LogSentencesTest {

    /** An action string as core writes it ("concern.acknowledged"), in a Java string literal. */
    private static final Pattern ACTION = Pattern.compile("\"((?:commitment|concern|checkin|alliance|person)\\.[a-z_]+)\"");

    /** A payload of each action, with the keys core writes (see the services); an action without one fails the test. */
    static final Map<String, String> PAYLOADS = new TreeMap<>(Map.ofEntries(
            Map.entry("alliance.founded", "{\"name\":\"Acme–Globex Joint Go-To-Market\",\"parties\":[\"Acme Corp\",\"Globex Inc\"]}"),
            Map.entry("alliance.party_added", "{\"organisation\":\"Hooli\",\"parties\":[\"Acme Corp\",\"Globex Inc\",\"Hooli\"]}"),
            Map.entry("alliance.party_removed", "{\"organisation\":\"Hooli\",\"parties\":[\"Acme Corp\",\"Globex Inc\"]}"),
            Map.entry("alliance.party_people", "{\"organisation\":\"Hooli\",\"people\":[\"Hank Hooli (lead)\"]}"),
            Map.entry("alliance.archived", "{\"name\":\"Pilot\"}"),
            Map.entry("alliance.acknowledgement_deadlines_set", "{\"HIGH\":1,\"LOW\":5,\"MEDIUM\":3}"),
            Map.entry("alliance.cadence_set", "{\"durationMinutes\":60,\"firstDate\":\"2026-12-03\",\"frequency\":\"WEEKLY\","
                    + "\"localTime\":\"10:00\",\"zone\":\"Europe/Berlin\"}"),
            Map.entry("checkin.cadence_set", "{\"durationMinutes\":45,\"firstDate\":\"2026-12-03\",\"frequency\":\"FORTNIGHTLY\","
                    + "\"localTime\":\"10:00\",\"zone\":\"Europe/Berlin\"}"),
            Map.entry("checkin.scheduled", "{\"calendarSequence\":0,\"durationMinutes\":60,\"startsAt\":\"2026-12-03T09:00:00Z\"}"),
            Map.entry("checkin.rescheduled", "{\"calendarSequence\":1,\"startsAt\":\"2026-12-04T13:30:00Z\",\"state\":\"SCHEDULED\"}"),
            Map.entry("checkin.cancelled", "{\"calendarSequence\":2,\"reason\":\"Both leads travel\",\"state\":\"CANCELLED\"}"),
            Map.entry("checkin.agenda_edited", "{\"agenda\":\"Pricing\\nLeads\",\"state\":\"SCHEDULED\"}"),
            Map.entry("checkin.attendance_recorded", "{\"attendance\":{\"Acme Corp\":true,\"Globex Inc\":false},\"state\":\"HELD\"}"),
            Map.entry("checkin.minutes_recorded", "{\"actionItems\":[\"Send the price list\",\"Book the venue\"],"
                    + "\"decisions\":\"Go\",\"minutes\":\"We met\",\"state\":\"HELD\"}"),
            Map.entry("checkin.minutes_approved_by", "{\"approvedBy\":1,\"state\":\"HELD\"}"),
            Map.entry("checkin.minutes_approved", "{\"decisions\":\"Go\",\"minutes\":\"We met\"}"),
            Map.entry("checkin.missed", "{\"startsAt\":\"2026-11-26T09:00:00Z\"}"),
            Map.entry("commitment.proposed", "{\"beneficiary\":\"Globex Inc\",\"description\":null,\"dueDate\":\"2026-03-01\","
                    + "\"owner\":\"Acme Corp\",\"title\":\"Co-branded launch deck\"}"),
            Map.entry("commitment.agreed", "{\"agreedBy\":\"Globex Inc\",\"state\":\"AGREED\"}"),
            Map.entry("commitment.due_date_change_proposed", "{\"from\":\"2026-03-01\",\"reason\":\"The printer is late\","
                    + "\"state\":\"AGREED\",\"to\":\"2026-03-15\"}"),
            Map.entry("commitment.due_date_changed", "{\"dueDate\":\"2026-03-15\",\"originalDueDate\":\"2026-03-01\","
                    + "\"slipCount\":1,\"state\":\"AGREED\"}"),
            Map.entry("commitment.due_date_change_declined", "{\"dueDate\":\"2026-03-01\",\"state\":\"AGREED\"}"),
            Map.entry("commitment.delivered", "{\"evidence\":\"https://share.example/deck.pdf\",\"state\":\"DELIVERED\"}"),
            Map.entry("commitment.accepted", "{\"state\":\"ACCEPTED\"}"),
            Map.entry("commitment.disputed", "{\"reason\":\"The pricing slide is missing\",\"state\":\"DISPUTED\"}"),
            Map.entry("commitment.closure_proposed", "{\"kind\":\"WAIVE\",\"reason\":\"No longer needed\",\"state\":\"AGREED\"}"),
            Map.entry("commitment.closed", "{\"state\":\"WAIVED\"}"),
            Map.entry("commitment.closure_declined", "{\"state\":\"AGREED\"}"),
            Map.entry("concern.raised", "{\"acknowledgeBy\":\"2026-03-04T17:00:00Z\",\"commitmentId\":null,\"description\":\"No calls\","
                    + "\"raisedBy\":\"Globex Inc\",\"raisedTo\":\"Acme Corp\",\"severity\":\"HIGH\",\"state\":\"RAISED\","
                    + "\"title\":\"Leads are not called back\"}"),
            Map.entry("concern.acknowledged", "{\"breachedDeadline\":true,\"note\":\"On it\",\"state\":\"ACKNOWLEDGED\"}"),
            Map.entry("concern.responded", "{\"response\":\"We call back within a day\",\"state\":\"RESPONDED\"}"),
            Map.entry("concern.resolution_proposed", "{\"resolution\":\"Weekly call-back report\",\"state\":\"RESOLUTION_PROPOSED\"}"),
            Map.entry("concern.resolved", "{\"resolution\":\"Weekly call-back report\",\"state\":\"RESOLVED\"}"),
            Map.entry("concern.resolution_rejected", "{\"note\":\"Not enough\",\"state\":\"ACKNOWLEDGED\"}"),
            Map.entry("concern.escalated", "{\"acknowledgeBy\":\"2026-03-06T17:00:00Z\",\"level\":\"ALLIANCE_LEADS\",\"state\":\"ESCALATED\"}"),
            Map.entry("concern.reopened", "{\"acknowledgeBy\":\"2026-03-10T17:00:00Z\",\"note\":\"Late again\",\"reopenCount\":2,"
                    + "\"state\":\"RAISED\"}"),
            Map.entry("concern.commented", "{\"body\":\"Thanks for the call-backs\"}"),
            Map.entry("concern.acknowledgement_breached", "{\"acknowledgeBy\":\"2026-03-04T17:00:00Z\",\"breachCount\":1,"
                    + "\"level\":\"ALLIANCE_LEADS\",\"state\":\"ESCALATED\"}"),
            Map.entry("person.invited", "{\"organisation\":\"Hooli\",\"person\":\"Hank Hooli\",\"role\":\"lead\"}"),
            Map.entry("person.invitation_resent", "{\"invitedAt\":\"2026-11-20T10:00:00Z\"}"),
            Map.entry("person.role_changed", "{\"organisation\":\"Hooli\",\"person\":\"Hank Hooli\",\"role\":\"member\"}"),
            Map.entry("person.disabled", "{\"organisation\":\"Hooli\",\"person\":\"Hank Hooli\",\"role\":\"member\"}"),
            Map.entry("person.enabled", "{\"organisation\":\"Hooli\",\"person\":\"Hank Hooli\",\"role\":\"member\"}"),
            Map.entry("person.removed", "{\"organisation\":\"Hooli\",\"person\":\"Hank Hooli\",\"role\":\"member\"}")));

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final ZoneId UTC = ZoneId.of("UTC");

    /** The names of the states and kinds payloads carry: a sentence says them in words. */
    static final List<String> ENUM_NAMES = Stream.<Enum<?>[]>of(CommitmentState.values(), ConcernState.values(),
            CheckInState.values(), EscalationLevel.values(), Severity.values(), ClosureKind.values(), Frequency.values())
            .flatMap(Arrays::stream).map(Enum::name).toList();

    static LogEntry entry(String action, String actorOrganisation, String payload) {
        LogEntry e = new LogEntry();
        e.action = action;
        e.actorName = "Ada Admin";
        e.actorOrganisation = actorOrganisation;
        e.payload = payload;
        return e;
    }

    static String sentence(String action, String payload) {
        return LogSentences.sentence(entry(action, "Acme Corp", payload), BERLIN);
    }

    /** Every action string written anywhere in core's sources (the config prefix "alliance.log" is not one). */
    static Set<String> actionsWrittenInCore() throws IOException {
        Path core = Path.of("..", "core", "src", "main", "java");
        assertThat(core).as("core's sources, next to the portal module").isDirectory();
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(core)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = ACTION.matcher(Files.readString(file));
                while (m.find()) {
                    actions.add(m.group(1));
                }
            }
        }
        actions.remove("alliance.log");
        return actions;
    }

    @Test
    void every_action_written_in_core_reads_as_a_sentence_in_words() throws IOException {
        Set<String> actions = actionsWrittenInCore();
        assertThat(actions).as("actions found in core").hasSizeGreaterThan(40)
                .contains("commitment.proposed", "concern.raised", "checkin.scheduled", "alliance.founded", "person.invited");
        assertThat(PAYLOADS.keySet()).as("a payload (and so a sentence check) for every action core writes")
                .containsAll(actions);
        for (String action : actions) {
            String sentence = sentence(action, PAYLOADS.get(action));
            assertThat(sentence).as(action)
                    .isNotBlank()
                    .doesNotStartWith("Acme Corp: ") // the fallback for an action without a sentence
                    .doesNotContain("{", "}", "[", "]", "null", "\"", "_");
            for (String name : ENUM_NAMES) {
                assertThat(sentence).as(action).doesNotContainPattern("\\b" + name + "\\b");
            }
        }
    }

    @Test
    void changes_read_with_before_and_after_state_words_dates_and_times_in_the_viewers_zone() {
        assertThat(sentence("commitment.due_date_change_proposed", PAYLOADS.get("commitment.due_date_change_proposed")))
                .isEqualTo("Acme Corp proposed moving the due date from 1 Mar 2026 to 15 Mar 2026: “The printer is late”");
        assertThat(sentence("commitment.due_date_changed", PAYLOADS.get("commitment.due_date_changed")))
                .isEqualTo("Acme Corp agreed to move the due date to 15 Mar 2026 (first due 1 Mar 2026; it slipped 1 time)");
        assertThat(sentence("commitment.proposed", PAYLOADS.get("commitment.proposed")))
                .isEqualTo("Acme Corp proposed that Acme Corp delivers to Globex Inc by 1 Mar 2026");
        assertThat(sentence("commitment.agreed", PAYLOADS.get("commitment.agreed")))
                .isEqualTo("Globex Inc agreed to the commitment; both sides have, so it is agreed");
        assertThat(sentence("commitment.agreed", "{\"agreedBy\":\"Acme Corp\",\"state\":\"PROPOSED\"}"))
                .isEqualTo("Acme Corp agreed to the commitment; the other side has yet to agree");
        assertThat(sentence("commitment.closed", PAYLOADS.get("commitment.closed")))
                .isEqualTo("Acme Corp agreed to end the commitment without delivery: it is waived");
        assertThat(sentence("concern.raised", PAYLOADS.get("concern.raised")))
                .isEqualTo("Globex Inc raised a concern of high severity with Acme Corp, to be acknowledged by "
                        + "Wed 4 Mar 2026, 18:00 CET");
        assertThat(sentence("concern.escalated", PAYLOADS.get("concern.escalated")))
                .isEqualTo("Acme Corp escalated the concern to the alliance leads, to be acknowledged by Fri 6 Mar 2026, 18:00 CET");
        assertThat(sentence("concern.resolution_rejected", PAYLOADS.get("concern.resolution_rejected")))
                .isEqualTo("Acme Corp rejected the proposed resolution: “Not enough”; the concern is acknowledged again");
        assertThat(sentence("concern.acknowledged", PAYLOADS.get("concern.acknowledged")))
                .isEqualTo("Acme Corp acknowledged the concern after its deadline: “On it”");
        assertThat(LogSentences.sentence(entry("concern.acknowledgement_breached", null,
                PAYLOADS.get("concern.acknowledgement_breached")), UTC))
                .isEqualTo("Nobody acknowledged the concern by Wed 4 Mar 2026, 17:00 UTC: it went up to the alliance leads,"
                        + " deadline missed 1 time");
        assertThat(sentence("checkin.attendance_recorded", PAYLOADS.get("checkin.attendance_recorded")))
                .isEqualTo("Acme Corp recorded who attended: Acme Corp present, Globex Inc absent");
        assertThat(sentence("checkin.rescheduled", PAYLOADS.get("checkin.rescheduled")))
                .isEqualTo("Acme Corp moved the check-in to Fri 4 Dec 2026, 14:30 CET");
        assertThat(sentence("checkin.cadence_set", PAYLOADS.get("checkin.cadence_set")))
                .isEqualTo("Acme Corp set the check-ins to fortnightly from 3 Dec 2026 at 10:00 (Europe/Berlin), 45 minutes each");
        assertThat(sentence("alliance.acknowledgement_deadlines_set", PAYLOADS.get("alliance.acknowledgement_deadlines_set")))
                .isEqualTo("Acme Corp set the time to acknowledge a concern: 1 business day if high, 3 business days if medium,"
                        + " 5 business days if low");
        assertThat(sentence("alliance.founded", PAYLOADS.get("alliance.founded")))
                .isEqualTo("Acme Corp founded the alliance “Acme–Globex Joint Go-To-Market” of Acme Corp and Globex Inc");
    }

    @Test
    void long_quoted_text_is_cut_and_the_proof_page_keeps_it_whole() {
        String body = "x".repeat(500);
        assertThat(sentence("concern.commented", "{\"body\":\"" + body + "\"}"))
                .hasSizeLessThan(LogSentences.QUOTE_MAX + 40).endsWith("…”");
    }

    @Test
    void access_changes_read_as_sentences_and_unknown_actions_keep_their_words() {
        assertThat(LogSentences.sentence(entry("person.removed", "Globex Inc",
                "{\"organisation\":\"Globex Inc\",\"person\":\"Bella Brown\",\"role\":\"member\"}"), UTC))
                .isEqualTo("Globex Inc removed Bella Brown (member) from Globex Inc");
        assertThat(LogSentences.sentence(entry("person.invited", null,
                "{\"organisation\":\"Hooli\",\"person\":\"Hank Hooli\",\"role\":\"lead\"}"), UTC))
                .isEqualTo("Ada Admin invited Hank Hooli (lead) of Hooli");
        assertThat(LogSentences.sentence(entry("alliance.party_people", null,
                "{\"organisation\":\"Hooli\",\"people\":[\"Hank Hooli (lead)\"]}"), UTC))
                .isEqualTo("From Hooli these people see the alliance: Hank Hooli (lead)");
        assertThat(LogSentences.sentence(entry("concern.frobnicated", "Acme Corp", "{\"x\":1}"), UTC))
                .isEqualTo("Acme Corp: concern frobnicated");
    }
}
