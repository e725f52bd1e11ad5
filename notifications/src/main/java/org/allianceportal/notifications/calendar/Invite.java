package org.allianceportal.notifications.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * RFC 5545 calendar text for check-ins, written by ical4j: one VEVENT per meeting with a stable UID, a
 * SEQUENCE that grows with every reschedule, and METHOD:CANCEL when it is called off. Times are UTC;
 * ical4j escapes text and folds lines.
 */
public final class Invite {

    /** One meeting as calendars see it. */
    public record Meeting(String uid, int sequence, Instant start, Instant end, String summary, String description,
            String url, boolean cancelled) {
    }

    private Invite() {
    }

    /** An invite (METHOD:REQUEST) or cancellation (METHOD:CANCEL) of one meeting, for an e-mail. */
    public static String forMail(Meeting meeting, String organizer, String attendee, Instant stamp) {
        Calendar calendar = calendar(meeting.cancelled() ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(event(meeting, stamp, organizer, attendee));
        return write(calendar);
    }

    /** A feed of many meetings (METHOD:PUBLISH), for a calendar subscription. */
    public static String feed(String name, List<Meeting> meetings, Instant stamp) {
        Calendar calendar = calendar(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", text(name)));
        meetings.forEach(m -> calendar.add(event(m, stamp, null, null)));
        return write(calendar);
    }

    private static Calendar calendar(Method method) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Alliance Portal//Check-ins//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method);
        return calendar;
    }

    private static VEvent event(Meeting m, Instant stamp, String organizer, String attendee) {
        VEvent event = new VEvent(false); // without a DTSTAMP of its own: ours is the stamp given
        event.add(new Uid(m.uid()));
        event.add(new Sequence(m.sequence()));
        event.add(new DtStamp(stamp));
        event.add(new DtStart<>(m.start()));
        event.add(new DtEnd<>(m.end()));
        event.add(new Summary(text(m.summary())));
        if (m.description() != null) {
            event.add(new Description(text(m.description())));
        }
        if (m.url() != null) {
            event.add(new Url(URI.create(m.url())));
        }
        if (organizer != null) {
            event.add(new Organizer(mailto(organizer)));
        }
        if (attendee != null) {
            Attendee person = new Attendee(mailto(attendee));
            person.add(Role.REQ_PARTICIPANT);
            person.add(Rsvp.FALSE);
            event.add(person);
        }
        event.add(m.cancelled() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        return event;
    }

    /**
     * Text as ical4j can carry it: ical4j escapes a line feed, but writes a carriage return as it is, and
     * a calendar that ends lines on it would read what follows as a property of its own. So every line
     * break (CRLF, CR or LF) becomes a line feed, and other control characters but tab are dropped.
     */
    static String text(String value) {
        return value.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\n\t]]", "");
    }

    /** A mailto address; characters an address cannot hold are percent-encoded, never written raw. */
    private static URI mailto(String address) {
        try {
            return new URI("mailto", address, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an e-mail address: " + address, e);
        }
    }

    private static String write(Calendar calendar) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
