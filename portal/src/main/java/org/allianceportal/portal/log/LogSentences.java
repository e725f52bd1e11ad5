package org.allianceportal.portal.log;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.allianceportal.core.concern.EscalationLevel;
import org.allianceportal.core.log.CanonicalJson;
import org.allianceportal.core.log.LogEntry;

/**
 * What happened, as the history tells it: one sentence per entry, who did what and what changed, in words
 * ("Acme Corp proposed moving the due date from 1 Mar 2026 to 15 Mar 2026"). The subject itself is named
 * next to it by the page (its title links to it). The exact payload stays on the entry's proof page and in
 * the export; an action without a sentence here reads as its own words.
 */
public class LogSentences {

    /** Quoted text (a reason, a comment) is cut here: the sentence is a summary, the proof page has it all. */
    static final int QUOTE_MAX = 140;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);

    /** The entry as one sentence, with times in {@code zone} (the viewer's). */
    public static String sentence(LogEntry e, ZoneId zone) {
        Payload p = new Payload(e.payload, zone);
        String who = e.actorOrganisation != null ? e.actorOrganisation : e.actorName;
        String sentence = switch (e.action) {
            // who can see the alliance
            case "person.invited" -> who + " invited " + p.person() + " of " + p.text("organisation");
            case "person.invitation_resent" -> who + " sent the invitation again";
            case "person.removed" -> who + " removed " + p.person() + " from " + p.text("organisation");
            case "person.disabled" -> who + " disabled " + p.person() + " of " + p.text("organisation");
            case "person.enabled" -> who + " enabled " + p.person() + " of " + p.text("organisation") + " again";
            case "person.role_changed" -> who + " made " + p.text("person") + " of " + p.text("organisation") + " a "
                    + p.text("role");
            case "alliance.party_added" -> who + " added " + p.text("organisation") + " as a party";
            case "alliance.party_removed" -> who + " removed " + p.text("organisation") + " from the alliance";
            case "alliance.party_people" -> p.list("people").isEmpty()
                    ? "Nobody of " + p.text("organisation") + " has access yet"
                    : "From " + p.text("organisation") + " these people see the alliance: "
                            + String.join(", ", p.list("people"));
            case "alliance.archived" -> who + " archived the alliance";
            // the alliance's rules
            case "alliance.founded" -> who + " founded the alliance " + p.quoted("name") + " of "
                    + and(p.list("parties"));
            case "alliance.acknowledgement_deadlines_set" -> who + " set the time to acknowledge a concern: "
                    + p.days("HIGH") + " if high, " + p.days("MEDIUM") + " if medium, " + p.days("LOW") + " if low";
            case "alliance.cadence_set", "checkin.cadence_set" -> who + " set the check-ins to " + p.word("frequency")
                    + " from " + p.date("firstDate") + " at " + p.text("localTime") + " (" + p.text("zone") + "), "
                    + p.text("durationMinutes") + " minutes each";
            // check-ins
            case "checkin.scheduled" -> who + " scheduled a check-in for " + p.time("startsAt") + ", "
                    + p.text("durationMinutes") + " minutes";
            case "checkin.rescheduled" -> who + " moved the check-in to " + p.time("startsAt");
            case "checkin.cancelled" -> who + " cancelled the check-in" + p.because("reason");
            case "checkin.agenda_edited" -> who + " edited the agenda";
            case "checkin.attendance_recorded" -> who + " recorded who attended: " + p.attendance();
            case "checkin.minutes_recorded" -> who + " recorded the minutes" + (p.list("actionItems").isEmpty()
                    ? ", without action items"
                    : " with " + count(p.list("actionItems").size(), "action item") + ": "
                            + String.join("; ", p.list("actionItems")));
            case "checkin.minutes_approved_by" -> who + " approved the minutes ("
                    + count(p.number("approvedBy"), "party") + " so far)";
            case "checkin.minutes_approved" -> "Every party has approved the minutes: they are part of the record"
                    + " and the action items are proposed as commitments";
            case "checkin.missed" -> "Nobody recorded the check-in of " + p.time("startsAt")
                    + " as held: it counts as missed";
            // commitments
            case "commitment.proposed" -> who + " proposed that " + p.text("owner") + " delivers to "
                    + p.text("beneficiary") + " by " + p.date("dueDate");
            case "commitment.agreed" -> p.text("agreedBy", who) + " agreed to the commitment"
                    + ("AGREED".equals(p.text("state")) ? "; both sides have, so it is agreed"
                            : "; the other side has yet to agree");
            case "commitment.due_date_change_proposed" -> who + " proposed moving the due date from "
                    + p.date("from") + " to " + p.date("to") + p.because("reason");
            case "commitment.due_date_changed" -> who + " agreed to move the due date to " + p.date("dueDate")
                    + (p.text("originalDueDate").equals(p.text("dueDate")) ? ""
                            : " (first due " + p.date("originalDueDate") + "; it slipped "
                                    + count(p.number("slipCount"), "time") + ")");
            case "commitment.due_date_change_declined" -> who + " declined the new due date; it stays "
                    + p.date("dueDate");
            case "commitment.delivered" -> who + " reported it delivered, with the evidence " + p.quoted("evidence");
            case "commitment.accepted" -> who + " accepted the delivery: the commitment is kept";
            case "commitment.disputed" -> who + " disputed the delivery" + p.because("reason");
            case "commitment.closure_proposed" -> who + " proposed to "
                    + ("WAIVE".equals(p.text("kind")) ? "waive" : "withdraw") + " the commitment" + p.because("reason");
            case "commitment.closed" -> who + " agreed to end the commitment without delivery: it is "
                    + p.word("state");
            case "commitment.closure_declined" -> who + " declined to end the commitment without delivery";
            // concerns
            case "concern.raised" -> p.text("raisedBy", who) + " raised a concern of " + p.word("severity")
                    + " severity with " + p.text("raisedTo") + ", to be acknowledged by " + p.time("acknowledgeBy");
            case "concern.acknowledged" -> who + " acknowledged the concern"
                    + (Boolean.TRUE.equals(p.value("breachedDeadline")) ? " after its deadline" : "") + p.because("note");
            case "concern.responded" -> who + " responded " + p.quoted("response");
            case "concern.resolution_proposed" -> who + " proposed the resolution " + p.quoted("resolution");
            case "concern.resolved" -> who + " confirmed the resolution: the concern is resolved";
            case "concern.resolution_rejected" -> who + " rejected the proposed resolution" + p.because("note")
                    + "; the concern is " + p.word("state") + " again";
            case "concern.escalated" -> who + " escalated the concern to the " + p.level() + ", to be acknowledged by "
                    + p.time("acknowledgeBy") + p.because("note");
            case "concern.reopened" -> who + " reopened the concern (" + count(p.number("reopenCount"), "time")
                    + " now), to be acknowledged by " + p.time("acknowledgeBy") + p.because("note");
            case "concern.commented" -> who + " commented " + p.quoted("body");
            case "concern.acknowledgement_breached" -> "Nobody acknowledged the concern by "
                    + p.time("acknowledgeBy") + ("ESCALATED".equals(p.text("state"))
                            ? ": it went up to the " + p.level() + ", deadline missed " + count(p.number("breachCount"), "time")
                            : ": it stays with the " + p.level() + ", deadline missed " + count(p.number("breachCount"), "time"));
            default -> null;
        };
        return sentence != null ? sentence : who + ": " + words(e.action);
    }

    static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    /** "concern.acknowledgement_breached" -> "concern acknowledgement breached". */
    static String words(String action) {
        return action.replace('.', ' ').replace('_', ' ');
    }

    static String count(long n, String thing) {
        return n + " " + (n == 1 ? thing
                : thing.matches(".*[^aeiou]y") ? thing.substring(0, thing.length() - 1) + "ies" : thing + "s");
    }

    static String and(List<String> items) {
        return items.size() <= 1 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** One entry's payload, read leniently: a key an older entry lacks reads as a blank, never as an error. */
    private static final class Payload {

        private final Map<String, Object> values;
        private final ZoneId zone;

        Payload(String json, ZoneId zone) {
            Map<String, Object> read;
            try {
                read = json == null ? Map.of() : CanonicalJson.read(json);
            } catch (IllegalArgumentException e) {
                read = Map.of();
            }
            this.values = read;
            this.zone = zone;
        }

        Object value(String key) {
            return values.get(key);
        }

        String text(String key) {
            return text(key, "");
        }

        String text(String key, String otherwise) {
            Object value = values.get(key);
            return value == null ? otherwise : String.valueOf(value);
        }

        long number(String key) {
            return values.get(key) instanceof Number n ? n.longValue() : 0;
        }

        List<String> list(String key) {
            List<String> items = new ArrayList<>();
            if (values.get(key) instanceof List<?> list) {
                list.forEach(item -> items.add(String.valueOf(item)));
            }
            return items;
        }

        /** An enum's name as a word: RESOLUTION_PROPOSED -> "resolution proposed". */
        String word(String key) {
            return text(key).toLowerCase(Locale.ENGLISH).replace('_', ' ');
        }

        String level() {
            try {
                return EscalationLevel.valueOf(text("level")).label.toLowerCase(Locale.ENGLISH);
            } catch (IllegalArgumentException e) {
                return word("level");
            }
        }

        String person() {
            return text("person") + " (" + text("role") + ")";
        }

        String days(String key) {
            return count(number(key), "business day");
        }

        String date(String key) {
            try {
                return DATE.format(LocalDate.parse(text(key)));
            } catch (DateTimeParseException e) {
                return text(key);
            }
        }

        String time(String key) {
            try {
                return LogSentences.time(Instant.parse(text(key)), zone);
            } catch (DateTimeParseException e) {
                return text(key);
            }
        }

        String quoted(String key) {
            String text = text(key).strip().replaceAll("\\s+", " ");
            return "“" + (text.length() > QUOTE_MAX ? text.substring(0, QUOTE_MAX - 1) + "…" : text) + "”";
        }

        /** ": “the reason”", or nothing when none was given. */
        String because(String key) {
            return text(key).isBlank() ? "" : ": " + quoted(key);
        }

        /** "Acme Corp present, Globex Inc absent". */
        String attendance() {
            List<String> parts = new ArrayList<>();
            if (values.get("attendance") instanceof Map<?, ?> present) {
                present.forEach((party, here) -> parts.add(party + (Boolean.TRUE.equals(here) ? " present" : " absent")));
            }
            return parts.isEmpty() ? "nobody" : String.join(", ", parts);
        }
    }
}
