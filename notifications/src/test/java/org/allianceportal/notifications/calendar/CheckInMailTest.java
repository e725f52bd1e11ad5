package org.allianceportal.notifications.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.delivery.Dispatcher;
import org.allianceportal.notifications.delivery.Fanout;
import org.allianceportal.notifications.reminder.Reminders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Check-in invites and reminders through a real SMTP server; the invites parse with ical4j. */
@QuarkusTest
class CheckInMailTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Inject
    AllianceService alliances;

    @Inject
    MembershipService memberships;

    @Inject
    CheckInService checkIns;

    @Inject
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Reminders reminders;

    @Inject
    TimeKeeper time;

    String tag;
    long alliance;
    Actor alice;
    Actor bruno;

    @BeforeEach
    void setUp() throws Exception {
        fanout.fanOut(10_000);
        dispatcher.dispatchAll();
        tag = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        Organisation acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        Organisation globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        alliance = alliances.create(admin, "Pact " + tag, null, List.of(acme.id, globex.id)).id;
        memberships.enrol("alice-" + tag, "alice", "Alice", "alice-" + tag + "@acme.example", acme, Role.LEAD);
        memberships.enrol("bruno-" + tag, "bruno", "Bruno", "bruno-" + tag + "@globex.example", globex, Role.LEAD);
        alice = new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD);
        bruno = new Actor("bruno-" + tag, "Bruno", globex.id, Role.LEAD);
        deliver();
        smtp.purgeEmailFromAllMailboxes(); // purge, not reset: a restart would leave the mailer with dead pooled connections
    }

    @Test
    void invites_keep_their_uid_raise_their_sequence_on_reschedule_and_cancel_with_method_cancel() throws Exception {
        checkIns.setCadence(alice, alliance, new CheckInService.CadenceDraft(Frequency.WEEKLY,
                LocalDate.now().plusDays(2), LocalTime.of(10, 0), "Europe/Berlin", 45));
        deliver();
        List<VEvent> invites = invitesTo("bruno");
        assertThat(invites).as("four check-ins scheduled ahead, one invite each").hasSize(4);
        Calendar first = calendarsTo("bruno").get(0);
        assertThat(first.getProperty(Property.METHOD).map(Property::getValue)).contains("REQUEST");
        VEvent event = invites.get(0);
        String uid = value(event, Property.UID);
        assertThat(uid).matches("checkin-\\d+@alliance-portal\\.local");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
        assertThat(invitesTo("alice")).as("alice scheduled them; Globex is told").isEmpty();

        CheckIn c = checkIns.ofAlliance(alice, alliance).get(0);
        CheckIn moved = checkIns.reschedule(bruno, new Ref(alliance, c.id, c.version), c.startsAt.plus(Duration.ofHours(2)));
        deliver();
        VEvent rescheduled = last(invitesTo("alice"));
        assertThat(value(rescheduled, Property.UID)).isEqualTo(uid);
        assertThat(value(rescheduled, Property.SEQUENCE)).isEqualTo("1");
        assertThat(last(calendarsTo("alice")).getProperty(Property.METHOD).map(Property::getValue)).contains("REQUEST");

        checkIns.cancel(alice, new Ref(alliance, moved.id, moved.version), "Holiday");
        deliver();
        Calendar cancelled = last(calendarsTo("bruno"));
        assertThat(cancelled.getProperty(Property.METHOD).map(Property::getValue)).contains("CANCEL");
        VEvent cancelledEvent = cancelled.<VEvent>getComponent(Component.VEVENT).orElseThrow();
        assertThat(value(cancelledEvent, Property.UID)).isEqualTo(uid);
        assertThat(value(cancelledEvent, Property.SEQUENCE)).isEqualTo("2");
        assertThat(value(cancelledEvent, Property.STATUS)).isEqualTo("CANCELLED");
    }

    @Test
    void everyone_is_reminded_a_day_and_an_hour_before_each_once_with_the_invite() throws Exception {
        checkIns.setCadence(alice, alliance, new CheckInService.CadenceDraft(Frequency.MONTHLY,
                LocalDate.now().plusDays(3), LocalTime.of(9, 30), "UTC", 60));
        deliver();
        smtp.purgeEmailFromAllMailboxes(); // purge, not reset: a restart would leave the mailer with dead pooled connections
        CheckIn c = checkIns.ofAlliance(alice, alliance).get(0);
        Instant dayBefore = c.startsAt.minus(Duration.ofHours(23));
        time.at(dayBefore, reminders::plan);
        time.at(dayBefore.plus(Duration.ofMinutes(30)), reminders::plan);
        time.at(dayBefore, dispatcher::dispatchAll);
        Instant hourBefore = c.startsAt.minus(Duration.ofMinutes(50));
        time.at(hourBefore, reminders::plan);
        time.at(hourBefore.plus(Duration.ofMinutes(10)), reminders::plan);
        time.at(hourBefore, dispatcher::dispatchAll);

        for (String who : List.of("alice", "bruno")) {
            List<MimeMessage> mails = mailsTo(who);
            assertThat(mails).extracting(MimeMessage::getSubject).as(who)
                    .satisfiesExactly(s -> assertThat(s).contains("Check-in tomorrow"),
                            s -> assertThat(s).contains("Check-in within the hour"));
            String content = GreenMailUtil.getBody(mails.get(0));
            assertThat(content).contains("text/plain", "text/html", "text/calendar", "lasts 60 minutes");
        }
        assertThat(value(last(invitesTo("alice")), Property.UID)).isEqualTo("checkin-" + c.id + "@alliance-portal.local");
    }

    @Test
    void an_agenda_with_line_breaks_and_separators_arrives_in_the_invite_as_written_and_adds_nothing() throws Exception {
        checkIns.setCadence(alice, alliance, new CheckInService.CadenceDraft(Frequency.MONTHLY,
                LocalDate.now().plusDays(3), LocalTime.of(9, 30), "UTC", 60));
        deliver();
        smtp.purgeEmailFromAllMailboxes();
        CheckIn c = checkIns.ofAlliance(alice, alliance).get(0);
        String agenda = "Prices; rebates, quotes\rATTENDEE:mailto:intruder@evil.example\r\nBEGIN:VALARM\nTRIGGER:-PT1M"
                + "\\ back\\slash";
        checkIns.editAgenda(bruno, new Ref(alliance, c.id, c.version), agenda);
        Instant dayBefore = c.startsAt.minus(Duration.ofHours(23));
        time.at(dayBefore, reminders::plan);
        time.at(dayBefore, dispatcher::dispatchAll);

        VEvent invite = last(invitesTo("alice"));
        assertThat(value(invite, Property.DESCRIPTION)).isEqualTo(InviteTest.asLines(agenda));
        assertThat(InviteTest.names(invite.getProperties())).containsExactly("UID", "SEQUENCE", "DTSTAMP", "DTSTART",
                "DTEND", "SUMMARY", "DESCRIPTION", "URL", "ORGANIZER", "ATTENDEE", "STATUS");
        assertThat(invite.getComponents()).as("no alarm smuggled in").isEmpty();
    }

    void deliver() {
        fanout.fanOut(10_000);
        dispatcher.dispatchAll();
    }

    List<MimeMessage> mailsTo(String who) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().startsWith(who + "-" + tag)) {
                    out.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    List<Calendar> calendarsTo(String who) throws Exception {
        List<Calendar> calendars = new ArrayList<>();
        for (MimeMessage m : mailsTo(who)) {
            collect(m.getContent(), calendars);
        }
        return calendars;
    }

    List<VEvent> invitesTo(String who) throws Exception {
        return calendarsTo(who).stream().map(c -> c.<VEvent>getComponent(Component.VEVENT).orElseThrow()).toList();
    }

    static void collect(Object content, List<Calendar> into) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/calendar")) {
                    String ics = part.getContent() instanceof InputStream in
                            ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : String.valueOf(part.getContent());
                    into.add(new CalendarBuilder().build(new StringReader(ics)));
                } else {
                    collect(part.getContent(), into);
                }
            }
        }
    }

    static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElseThrow();
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
