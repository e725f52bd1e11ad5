package org.allianceportal.core.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Check-ins on the real PostgreSQL: cadence, scheduling ahead, minutes that become commitments, missed meetings. */
@QuarkusTest
class CheckInServiceTest {

    @Inject
    World world;

    @Inject
    CheckInService checkIns;

    @Inject
    ConcernService concerns;

    @Inject
    CommitmentService commitments;

    @Inject
    TimeKeeper time;

    Setup w;

    @BeforeEach
    void setUp() {
        w = world.twoParties();
    }

    @Test
    void a_cadence_schedules_the_next_four_check_ins_and_logs_them() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        List<CheckIn> scheduled = checkIns.ofAlliance(w.globexMember(), w.alliance().id);
        assertThat(scheduled).hasSize(4).allMatch(c -> c.state == CheckInState.SCHEDULED);
        assertThat(Duration.between(scheduled.get(0).startsAt, scheduled.get(1).startsAt)).isEqualTo(Duration.ofDays(7));
        assertThat(LogEntry.count("allianceId = ?1 and action = 'checkin.scheduled'", w.alliance().id)).isEqualTo(4);
        assertThat(checkIns.scheduleAheadForAll()).as("nothing more while four lie ahead").isZero();
    }

    @Test
    void only_leads_set_the_cadence_and_bad_input_is_named_field_by_field() {
        assertThatThrownBy(() -> checkIns.setCadence(w.acmeMember(), w.alliance().id, weekly())).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> checkIns.setCadence(w.initechLead(), w.alliance().id, weekly())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> checkIns.setCadence(w.acmeLead(), w.alliance().id,
                new CheckInService.CadenceDraft(null, LocalDate.now().minusDays(1), null, "Mars/Base", 1)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors)
                        .containsOnlyKeys("frequency", "firstDate", "localTime", "zone", "durationMinutes"));
    }

    @Test
    void jointly_approved_minutes_join_the_record_and_action_items_become_proposed_commitments() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        CheckIn first = checkIns.ofAlliance(w.acmeLead(), w.alliance().id).get(0);
        Instant during = first.startsAt.plus(Duration.ofMinutes(10));
        CheckIn held = time.at(during, () -> checkIns.recordAttendance(w.acmeMember(), ref(first),
                Set.of(w.acme().id, w.globex().id)));
        CheckIn minuted = time.at(during, () -> checkIns.recordMinutes(w.globexMember(), ref(held), "Pricing agreed",
                "Launch in March", List.of(new CheckInService.ActionItemDraft("Send the price list", w.globex().id,
                        w.acme().id, LocalDate.now().plusDays(20)))));
        CheckIn half = time.at(during, () -> checkIns.approveMinutes(w.acmeLead(), ref(minuted)));
        assertThat(Commitment.count("alliance.id", w.alliance().id)).as("not before both approved").isZero();
        time.at(during, () -> checkIns.approveMinutes(w.globexLead(), ref(half)));

        Commitment proposed = Commitment.find("alliance.id", w.alliance().id).singleResult();
        assertThat(proposed.title).isEqualTo("Send the price list");
        assertThat(proposed.state).isEqualTo(CommitmentState.PROPOSED);
        assertThat(proposed.owner.id).isEqualTo(w.globex().id);
        assertThat(LogEntry.<LogEntry>list("allianceId = ?1 and action = 'checkin.minutes_approved'", w.alliance().id))
                .singleElement().satisfies(e -> assertThat(e.payload).contains("Pricing agreed"));
    }

    @Test
    void a_check_in_nobody_recorded_is_marked_missed() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        CheckIn first = checkIns.ofAlliance(w.acmeLead(), w.alliance().id).get(0);
        assertThat(time.at(first.startsAt.plus(Duration.ofDays(2)), checkIns::markMissed)).isGreaterThanOrEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.get(w.acmeLead(), w.alliance().id, first.id).state))
                .as("read afresh from the database").isEqualTo(CheckInState.MISSED);
        assertThat(LogEntry.count("allianceId = ?1 and action = 'checkin.missed'", w.alliance().id)).isEqualTo(1);
    }

    @Test
    void the_suggested_agenda_puts_late_acknowledgements_first() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        time.at(Instant.now().minus(Duration.ofDays(10)), () -> concerns.raise(w.acmeMember(), w.alliance().id,
                new ConcernService.Draft(w.globex().id, Severity.HIGH, "Old and unanswered", "d", null)));
        concerns.raise(w.globexMember(), w.alliance().id,
                new ConcernService.Draft(w.acme().id, Severity.LOW, "Fresh worry", "d", null));
        CheckIn first = checkIns.ofAlliance(w.acmeLead(), w.alliance().id).get(0);
        String agenda = checkIns.suggestedAgenda(w.acmeLead(), w.alliance().id, first.id);
        assertThat(agenda.indexOf("Old and unanswered")).isLessThan(agenda.indexOf("Fresh worry"));
        assertThat(agenda).contains("acknowledgement overdue");
    }

    @Test
    void the_suggested_agenda_of_a_busy_alliance_lists_the_most_urgent_and_says_there_is_more() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        for (int i = 0; i < CheckInService.AGENDA_ITEMS + 2; i++) {
            commitments.propose(w.acmeMember(), w.alliance().id, new CommitmentTerms("Deck " + i, null, w.acme().id,
                    w.globex().id, LocalDate.now().plusDays(1 + i % 3)));
        }
        CheckIn first = checkIns.ofAlliance(w.acmeLead(), w.alliance().id).get(0);
        String agenda = checkIns.suggestedAgenda(w.acmeLead(), w.alliance().id, first.id);
        assertThat(agenda.lines().filter(l -> l.startsWith("- Deck "))).hasSize(CheckInService.AGENDA_ITEMS);
        assertThat(agenda).contains("- and more: see the commitments list");
        assertThat(agenda.indexOf("due " + LocalDate.now().plusDays(1)))
                .as("soonest due first").isLessThan(agenda.indexOf("due " + LocalDate.now().plusDays(3)));
    }

    @Test
    void a_cancelled_check_in_stays_cancelled_after_scheduling() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        CheckIn first = all().get(0);
        checkIns.cancel(w.globexLead(), ref(first), "Trade fair week");
        long entriesAboutIt = LogEntry.count("subjectType = 'checkin' and subjectId = ?1", first.id);
        long eventsAboutIt = OutboxEvent.count("subjectType = 'checkin' and subjectId = ?1", first.id);

        checkIns.scheduleAheadForAll();

        List<CheckIn> all = all();
        assertThat(all).filteredOn(c -> c.startsAt.equals(first.startsAt)).singleElement().satisfies(c -> {
            assertThat(c.id).isEqualTo(first.id);
            assertThat(c.state).isEqualTo(CheckInState.CANCELLED);
        });
        assertThat(LogEntry.count("subjectType = 'checkin' and subjectId = ?1", first.id)).isEqualTo(entriesAboutIt);
        assertThat(OutboxEvent.count("subjectType = 'checkin' and subjectId = ?1", first.id)).isEqualTo(eventsAboutIt);
        assertThat(LogEntry.count("allianceId = ?1 and action = 'checkin.scheduled' and payload like ?2",
                w.alliance().id, "%" + first.startsAt + "%")).as("no second invite for the cancelled time").isEqualTo(1);
        assertThat(OutboxEvent.count("allianceId = ?1 and kind = 'checkin.scheduled' and payload like ?2",
                w.alliance().id, "%" + first.startsAt + "%")).as("only Globex heard of it, when alice set the cadence")
                .isEqualTo(1);
        assertThat(all).as("one more at the end keeps four ahead").hasSize(5)
                .filteredOn(c -> c.state == CheckInState.SCHEDULED).hasSize(4);
        checkIns.scheduleAheadForAll();
        assertThat(all()).as("the next run has nothing to add").hasSize(5);
    }

    @Test
    void a_moved_check_in_does_not_bring_its_original_time_back() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        List<CheckIn> scheduled = all();
        CheckIn first = scheduled.get(0);
        CheckIn last = scheduled.get(3);
        checkIns.reschedule(w.acmeLead(), ref(first), first.startsAt.plus(Duration.ofHours(2)));
        checkIns.cancel(w.acmeLead(), ref(last), "Holiday");

        checkIns.scheduleAheadForAll();

        List<CheckIn> all = all();
        assertThat(all).as("nothing at the time the first meeting left").noneMatch(c -> c.startsAt.equals(first.startsAt));
        assertThat(all).hasSize(5).last().as("the new one takes the fifth week")
                .satisfies(c -> assertThat(c.startsAt).isAfter(last.startsAt));
    }

    @Test
    void a_meeting_moved_earlier_and_held_is_not_scheduled_again_at_its_original_time() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        CheckIn second = all().get(1);
        Instant earlier = second.startsAt.minus(Duration.ofDays(3));
        CheckIn moved = checkIns.reschedule(w.globexLead(), ref(second), earlier);
        Instant during = earlier.plus(Duration.ofMinutes(15));
        time.at(during, () -> checkIns.recordAttendance(w.acmeMember(), ref(moved), Set.of(w.acme().id, w.globex().id)));

        time.at(during, checkIns::scheduleAheadForAll);

        assertThat(all()).as("the week's meeting was held; its time stays free")
                .noneMatch(c -> c.startsAt.equals(second.startsAt));
    }

    @Test
    void a_meeting_moved_earlier_and_missed_is_not_scheduled_again_at_its_original_time() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        CheckIn third = all().get(2);
        Instant earlier = third.startsAt.minus(Duration.ofDays(5));
        checkIns.reschedule(w.acmeLead(), ref(third), earlier);
        Instant later = earlier.plus(Duration.ofDays(2));
        time.at(later, checkIns::markMissed);

        time.at(later, checkIns::scheduleAheadForAll);

        List<CheckIn> all = all();
        assertThat(all).filteredOn(c -> c.id.equals(third.id)).singleElement()
                .satisfies(c -> assertThat(c.state).isEqualTo(CheckInState.MISSED));
        assertThat(all).noneMatch(c -> c.startsAt.equals(third.startsAt));
    }

    @Test
    void a_new_rhythm_schedules_its_own_meetings_even_at_the_times_the_old_one_cancelled() {
        checkIns.setCadence(w.acmeLead(), w.alliance().id, weekly());
        List<Instant> times = all().stream().map(c -> c.startsAt).toList();
        CheckInService.CadenceDraft longer = new CheckInService.CadenceDraft(Frequency.WEEKLY, weekly().firstDate(),
                weekly().localTime(), weekly().zone(), 90);

        checkIns.setCadence(w.globexLead(), w.alliance().id, longer);
        checkIns.scheduleAheadForAll();

        List<CheckIn> all = all();
        assertThat(all).hasSize(8);
        assertThat(all).filteredOn(c -> c.state == CheckInState.CANCELLED).extracting(c -> c.startsAt)
                .containsExactlyElementsOf(times);
        assertThat(all).filteredOn(c -> c.state == CheckInState.SCHEDULED)
                .allMatch(c -> c.durationMinutes == 90).extracting(c -> c.startsAt).containsExactlyElementsOf(times);
    }

    /** The alliance's check-ins as the database has them now, not as an earlier read of this test cached them. */
    List<CheckIn> all() {
        return QuarkusTransaction.requiringNew().call(() -> checkIns.ofAlliance(w.acmeLead(), w.alliance().id));
    }

    CheckInService.CadenceDraft weekly() {
        return new CheckInService.CadenceDraft(Frequency.WEEKLY, LocalDate.now().plusDays(1), LocalTime.of(10, 0),
                "Europe/Berlin", 60);
    }

    Ref ref(CheckIn c) {
        return new Ref(w.alliance().id, c.id, c.version);
    }
}
