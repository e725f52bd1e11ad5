package org.allianceportal.notifications.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/**
 * Titles and agendas are people's text: whatever they hold comes back from a calendar program's parser
 * as the same text, and never as a property of its own (an attendee, an alarm) in someone's calendar.
 */
class InviteTest {

    static final Instant START = Instant.parse("2030-01-10T10:00:00Z");

    static final List<String> CRAFTED = List.of(
            "Plain title",
            "Lone CR\rATTENDEE:mailto:intruder@evil.example",
            "CRLF\r\nATTENDEE:mailto:intruder@evil.example\r\nBEGIN:VALARM",
            "LF\nEND:VEVENT\nBEGIN:VEVENT\nUID:forged",
            "Commas, semicolons; and backslashes \\ \\n \\; \\,",
            "Mixed\r\n\r\rlines\n\nand\ttabs",
            "Ünïcödé – " + String.join(" ", java.util.Collections.nCopies(20, "long words")),
            "DESCRIPTION;ALTREP=\"cid:x\":quoted \"text\" and :colons:");

    @Test
    void crafted_titles_and_agendas_come_back_unchanged_and_add_no_property() throws Exception {
        for (String text : CRAFTED) {
            Invite.Meeting meeting = new Invite.Meeting("checkin-7@alliance-portal.local", 3, START,
                    START.plusSeconds(3600), text, text, "http://localhost:8080/alliances/1/check-ins/7", false);
            Calendar invite = parse(Invite.forMail(meeting, "notifications@alliance-portal.local", "bruno@globex.example",
                    START.minusSeconds(86_400)));
            assertThat(names(invite.getProperties())).as(text)
                    .containsExactly("PRODID", "VERSION", "CALSCALE", "METHOD");
            assertThat(invite.getComponents()).as(text).hasSize(1);
            VEvent event = invite.<VEvent>getComponent(Component.VEVENT).orElseThrow();
            assertThat(names(event.getProperties())).as(text).containsExactly("UID", "SEQUENCE", "DTSTAMP", "DTSTART",
                    "DTEND", "SUMMARY", "DESCRIPTION", "URL", "ORGANIZER", "ATTENDEE", "STATUS");
            assertThat(value(event, Property.SUMMARY)).as(text).isEqualTo(asLines(text));
            assertThat(value(event, Property.DESCRIPTION)).as(text).isEqualTo(asLines(text));
            assertThat(value(event, Property.UID)).isEqualTo("checkin-7@alliance-portal.local");
            assertThat(value(event, Property.SEQUENCE)).isEqualTo("3");
            assertThat(value(event, Property.ATTENDEE)).isEqualTo("mailto:bruno@globex.example");
        }
    }

    @Test
    void a_feed_keeps_each_meeting_apart_whatever_its_text_and_the_calendar_name() throws Exception {
        List<Invite.Meeting> meetings = CRAFTED.stream().map(text -> new Invite.Meeting(
                "due-" + CRAFTED.indexOf(text) + "@alliance-portal.local", 0, START, START.plusSeconds(60), text, null,
                null, false)).toList();
        String name = "Alliance Portal · Bruno\r\nX-WR-TIMEZONE:Evil/Zone; a, b \\";
        Calendar feed = parse(Invite.feed(name, meetings, START));
        assertThat(names(feed.getProperties())).containsExactly("PRODID", "VERSION", "CALSCALE", "METHOD",
                "X-WR-CALNAME");
        assertThat(feed.getProperty("X-WR-CALNAME").map(Property::getValue)).contains(asLines(name));
        List<VEvent> events = feed.getComponents(Component.VEVENT);
        assertThat(events).extracting(e -> value(e, Property.SUMMARY))
                .containsExactlyElementsOf(CRAFTED.stream().map(InviteTest::asLines).toList());
        assertThat(events).allSatisfy(e -> assertThat(names(e.getProperties()))
                .containsExactly("UID", "SEQUENCE", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS"));
    }

    @Test
    void a_cancellation_keeps_the_uid_and_says_cancel() throws Exception {
        Calendar cancel = parse(Invite.forMail(new Invite.Meeting("checkin-7@alliance-portal.local", 4, START,
                START.plusSeconds(60), "Pact check-in", null, null, true), "n@alliance-portal.local", "b@globex.example",
                START));
        assertThat(cancel.getProperty(Property.METHOD).map(Property::getValue)).contains("CANCEL");
        VEvent event = cancel.<VEvent>getComponent(Component.VEVENT).orElseThrow();
        assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("4");
        assertThat(value(event, Property.DTSTART)).isEqualTo("20300110T100000Z");
    }

    /** iCalendar text has one kind of line break: CRLF, CR and LF all arrive as LF; the rest is as written. */
    static String asLines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    static Calendar parse(String ics) throws Exception {
        assertThat(ics).as("every line ends in CRLF, no CR or LF stands alone")
                .doesNotContainPattern("\r(?!\n)").doesNotContainPattern("(?<!\r)\n");
        return new CalendarBuilder().build(new StringReader(ics));
    }

    static List<String> names(List<Property> properties) {
        return properties.stream().map(Property::getName).toList();
    }

    static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElseThrow();
    }
}
