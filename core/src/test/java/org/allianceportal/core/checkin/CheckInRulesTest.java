package org.allianceportal.core.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.shared.Cast;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.junit.jupiter.api.Test;

/** The rules of one check-in and of a cadence, without a database. */
class CheckInRulesTest {

    final Cast cast = new Cast();
    static final Instant NOW = Cast.NOW;

    @Test
    void rescheduling_and_cancelling_raise_the_calendar_sequence_and_are_for_leads() {
        CheckIn c = scheduled(NOW.plus(Duration.ofDays(2)));
        assertThatThrownBy(() -> c.reschedule(cast.acmeMember, NOW.plus(Duration.ofDays(3)), NOW)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.reschedule(cast.acmeLead, NOW.minusSeconds(1), NOW)).isInstanceOf(InvalidInput.class);
        c.reschedule(cast.globexLead, NOW.plus(Duration.ofDays(3)), NOW);
        assertThat(c.calendarSequence).isEqualTo(1);
        c.cancel(cast.acmeLead);
        assertThat(c.state).isEqualTo(CheckInState.CANCELLED);
        assertThat(c.calendarSequence).isEqualTo(2);
        assertThatThrownBy(() -> c.cancel(cast.acmeLead)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> c.reschedule(cast.acmeLead, NOW.plus(Duration.ofDays(4)), NOW))
                .isInstanceOf(IllegalTransition.class);
    }

    @Test
    void attendance_is_recorded_once_it_has_started_and_makes_it_held() {
        CheckIn c = scheduled(NOW.plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> c.recordAttendance(cast.acmeMember, Set.of(cast.acme.id), NOW))
                .isInstanceOf(IllegalTransition.class);
        c.recordAttendance(cast.acmeMember, Set.of(cast.acme.id), NOW.plus(Duration.ofHours(2)));
        assertThat(c.state).isEqualTo(CheckInState.HELD);
        assertThat(c.attendance).containsEntry(cast.acme.id, true).containsEntry(cast.globex.id, false);
    }

    @Test
    void minutes_need_every_party_lead_and_changing_them_withdraws_approvals() {
        CheckIn c = scheduled(NOW.minus(Duration.ofHours(2)));
        assertThatThrownBy(() -> c.approveMinutes(cast.acmeLead, NOW)).isInstanceOf(IllegalTransition.class);
        c.recordMinutes(cast.acmeMember, "We met", "Go ahead", List.of(item("Send the forecast")), NOW);
        assertThat(c.approveMinutes(cast.acmeLead, NOW)).isFalse();
        assertThatThrownBy(() -> c.approveMinutes(cast.acmeLead, NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> c.approveMinutes(cast.globexMember, NOW)).isInstanceOf(Forbidden.class);
        c.recordMinutes(cast.globexMember, "We met, corrected", null, List.of(item("Send the forecast")), NOW);
        assertThat(c.approvals).as("changed minutes are approved afresh").isEmpty();
        c.approveMinutes(cast.acmeLead, NOW);
        assertThat(c.approveMinutes(cast.globexLead, NOW)).isTrue();
        assertThatThrownBy(() -> c.recordMinutes(cast.acmeMember, "Rewritten", null, List.of(), NOW))
                .as("approved minutes are part of the record").isInstanceOf(IllegalTransition.class);
    }

    @Test
    void minutes_and_action_items_are_checked() {
        CheckIn c = scheduled(NOW.minus(Duration.ofHours(2)));
        assertThatThrownBy(() -> c.recordMinutes(cast.acmeMember, " ", null, List.of(), NOW))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKey("minutes"));
        ActionItem toItself = item("Pay ourselves");
        toItself.beneficiary = cast.acme;
        assertThatThrownBy(() -> c.recordMinutes(cast.acmeMember, "We met", null, List.of(toItself), NOW))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> c.recordMinutes(cast.initechLead, "We met", null, List.of(), NOW))
                .as("a third organisation not party to this alliance").isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.recordMinutes(cast.acmeMember, "We met", null, List.of(item("x".repeat(201))), NOW))
                .as("an action item becomes a commitment, so its title has the commitment's limit")
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors.get("actionItems"))
                        .contains("at most 200 characters"));
        assertThatThrownBy(() -> c.recordMinutes(cast.acmeMember, "We met\u0000", null, List.of(), NOW))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKey("minutes"));
    }

    @Test
    void a_check_in_nobody_recorded_is_missed_a_day_after_its_end() {
        CheckIn c = scheduled(NOW.minus(Duration.ofHours(3)));
        assertThat(c.markMissedIfLapsed(NOW)).isFalse();
        assertThat(c.markMissedIfLapsed(NOW.plus(Duration.ofHours(23)))).isTrue();
        assertThat(c.state).isEqualTo(CheckInState.MISSED);
        assertThat(c.attendance.values()).containsOnly(false);
        assertThatThrownBy(() -> c.recordAttendance(cast.acmeMember, Set.of(), NOW)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void cadences_step_by_their_frequency_and_keep_local_time_across_daylight_saving() {
        LocalDate jan31 = LocalDate.of(2027, 1, 31);
        assertThat(Frequency.MONTHLY.occurrence(jan31, 1)).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(Frequency.QUARTERLY.occurrence(jan31, 1)).isEqualTo(LocalDate.of(2027, 4, 30));
        assertThat(Frequency.FORTNIGHTLY.occurrence(jan31, 2)).isEqualTo(LocalDate.of(2027, 2, 28));
        Cadence weekly = new Cadence();
        weekly.frequency = Frequency.WEEKLY;
        weekly.firstDate = LocalDate.of(2027, 3, 22);
        weekly.localTime = LocalTime.of(10, 0);
        weekly.zone = "Europe/Berlin";
        assertThat(weekly.startOf(0)).isEqualTo(Instant.parse("2027-03-22T09:00:00Z"));
        assertThat(weekly.startOf(1)).as("after the switch to summer time").isEqualTo(Instant.parse("2027-03-29T08:00:00Z"));
    }

    CheckIn scheduled(Instant start) {
        Alliance two = new Alliance();
        two.id = 20L;
        two.parties.add(cast.acme);
        two.parties.add(cast.globex);
        CheckIn c = new CheckIn();
        c.alliance = two;
        c.startsAt = start;
        c.durationMinutes = 60;
        c.state = CheckInState.SCHEDULED;
        return c;
    }

    ActionItem item(String title) {
        ActionItem item = new ActionItem();
        item.title = title;
        item.owner = cast.acme;
        item.beneficiary = cast.globex;
        item.dueDate = LocalDate.of(2027, 1, 15);
        return item;
    }
}
