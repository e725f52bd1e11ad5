package org.allianceportal.notifications.delivery;

import java.util.Map;
import org.allianceportal.core.outbox.OutboxEvent;

/** The words of a notice: a headline per kind and a plain-text body from the event's payload. */
final class Notices {

    private Notices() {
    }

    static String headline(String kind, Map<String, Object> payload) {
        Object title = payload.get("title");
        String what = switch (kind) {
            case "concern.raised" -> "A concern was raised to you";
            case "concern.acknowledged" -> "Your concern was acknowledged";
            case "concern.escalated" -> "A concern was escalated";
            case "concern.acknowledgement_breached" -> "URGENT: an acknowledgement deadline was missed";
            case "commitment.proposed" -> "A commitment was proposed";
            case "commitment.delivered" -> "Delivery was claimed";
            case "commitment.disputed" -> "A delivery was disputed";
            case "log.verification_failed" -> "URGENT: the transparency log does not verify";
            case "checkin.scheduled" -> "Check-in scheduled for " + payload.get("startsAt") + " (UTC)";
            case "checkin.rescheduled" -> "Check-in moved to " + payload.get("startsAt") + " (UTC)";
            case "checkin.cancelled" -> "Check-in cancelled";
            case "health.warning" -> "Trust health warning: the record shows early signs of trouble";
            case "health.urgent_warning" -> "URGENT: trust health warning, the index is below the urgent line";
            case "health.warning_answered" -> "A lead answered the trust health warning";
            case "pulse.opened" -> "The alliance's pulse is open: four statements, one minute, anonymous";
            default -> words(kind);
        };
        return title == null ? what : what + ": " + title;
    }

    static String body(String kind, Map<String, Object> payload, String allianceName, String link) {
        StringBuilder text = new StringBuilder(headline(kind, payload)).append("\n\nAlliance: ").append(allianceName)
                .append('\n');
        payload.forEach((key, value) -> {
            if (value != null && !key.equals("title")) {
                text.append(words(key)).append(": ").append(value).append('\n');
            }
        });
        return text.append("\nOpen it in the portal: ").append(link).append('\n').toString();
    }

    static String path(OutboxEvent event) {
        return "/alliances/" + event.allianceId + switch (event.subjectType) {
            case "alliance" -> "";
            case "health" -> "/health";
            case "pulse" -> "/pulse";
            case "checkin" -> "/check-ins/" + event.subjectId;
            default -> "/" + event.subjectType + "s/" + event.subjectId;
        };
    }

    /** "concern.acknowledgement_breached" or "acknowledgeBy" as words. */
    static String words(String name) {
        String spaced = name.replace('.', ' ').replace('_', ' ').replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
