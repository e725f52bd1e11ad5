package org.allianceportal.notifications.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * RFC 5545 calendar text for check-ins: one VEVENT per meeting with a stable UID, a SEQUENCE that
 * grows with every reschedule, and METHOD:CANCEL when it is called off. Times are UTC, lines end in
 * CRLF and are folded at 75 octets, text is escaped, as the RFC asks.
 */
public final class Invite {

    /** One meeting as calendars see it. */
    public record Meeting(String uid, int sequence, Instant start, Instant end, String summary, String description,
            String url, boolean cancelled) {
    }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Invite() {
    }

    /** An invite (METHOD:REQUEST) or cancellation (METHOD:CANCEL) of one meeting, for an e-mail. */
    public static String forMail(Meeting meeting, String organizer, String attendee, Instant stamp) {
        StringBuilder ics = new StringBuilder();
        begin(ics, meeting.cancelled() ? "CANCEL" : "REQUEST");
        event(ics, meeting, stamp, organizer, attendee);
        return ics.append("END:VCALENDAR\r\n").toString();
    }

    /** A feed of many meetings (METHOD:PUBLISH), for a calendar subscription. */
    public static String feed(String name, List<Meeting> meetings, Instant stamp) {
        StringBuilder ics = new StringBuilder();
        begin(ics, "PUBLISH");
        line(ics, "X-WR-CALNAME:" + escape(name));
        meetings.forEach(m -> event(ics, m, stamp, null, null));
        return ics.append("END:VCALENDAR\r\n").toString();
    }

    private static void begin(StringBuilder ics, String method) {
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Alliance Portal//Check-ins//EN");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:" + method);
    }

    private static void event(StringBuilder ics, Meeting m, Instant stamp, String organizer, String attendee) {
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + m.uid());
        line(ics, "SEQUENCE:" + m.sequence());
        line(ics, "DTSTAMP:" + UTC.format(stamp));
        line(ics, "DTSTART:" + UTC.format(m.start()));
        line(ics, "DTEND:" + UTC.format(m.end()));
        line(ics, "SUMMARY:" + escape(m.summary()));
        if (m.description() != null) {
            line(ics, "DESCRIPTION:" + escape(m.description()));
        }
        if (m.url() != null) {
            line(ics, "URL:" + m.url());
        }
        if (organizer != null) {
            line(ics, "ORGANIZER:mailto:" + organizer);
        }
        if (attendee != null) {
            line(ics, "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + attendee);
        }
        line(ics, "STATUS:" + (m.cancelled() ? "CANCELLED" : "CONFIRMED"));
        line(ics, "END:VEVENT");
    }

    /** Folds at 75 octets (continuation lines start with a space), never inside a UTF-8 character. */
    static void line(StringBuilder ics, String content) {
        int octets = 0;
        int limit = 75;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                ics.append(current).append("\r\n ");
                current.setLength(0);
                octets = 1;
                limit = 75;
            }
            current.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        ics.append(current).append("\r\n");
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }
}
