package org.allianceportal.core.health;

import static org.allianceportal.core.health.History.ref;
import static org.allianceportal.core.health.History.reload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each trust signal on a history built through the domain services at chosen times, read back with the
 * SQL aggregates of {@link Signals}: the expected figure is stated per test, edge cases included (no record
 * yet, a brand-new alliance, three parties, events that fell out of the window).
 */
@QuarkusTest
class SignalsTest {

    /** A Monday; the histories start here. */
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @Inject
    History history;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    CheckInService checkIns;

    @Inject
    Signals signals;

    History.Story s;
    Organisation acme;
    Organisation globex;
    Organisation initech;
    Actor alice;
    Actor bruno;

    @BeforeEach
    void organisations() {
        s = history.startingAt(T0);
        acme = s.acme;
        globex = s.globex;
        initech = s.initech;
        alice = s.alice;
        bruno = s.bruno;
    }

    @Test
    void a_brand_new_alliance_has_no_record_to_score_and_says_so() {
        long a = alliance(0, acme, globex);
        Reading r = signals.read(a, day(0).plusSeconds(60));
        assertThat(r.hasRecord()).isFalse();
        assertThat(r.parties()).extracting(p -> p.name).containsExactly(acme.name, globex.name);
        assertThat(r.parties()).allSatisfy(p -> {
            assertThat(p.silentDays).isZero();
            assertThat(p.onTimeRate()).isNull();
        });
        assertThat(HealthIndex.score(r).index()).isNull();
        assertThat(HealthIndex.score(r).losses()).isEmpty();
    }

    @Test
    void an_old_alliance_with_nothing_recorded_still_has_no_score_but_counts_the_silence() {
        long a = alliance(0, acme, globex);
        Reading r = signals.read(a, day(40));
        assertThat(r.hasRecord()).isFalse();
        assertThat(r.party(acme.id).silentDays).isEqualTo(40);
        assertThat(HealthIndex.score(r).scored()).isFalse();
    }

    @Test
    void late_and_on_time_deliveries_and_overdue_commitments_count_against_the_owner() {
        long a = alliance(0, acme, globex);
        Commitment onTime = agreed(a, 1, acme, globex, 10);
        Commitment late = agreed(a, 1, acme, globex, 12);
        Commitment owedByGlobex = agreed(a, 1, globex, acme, 20);
        at(9, () -> commitments.claimDelivery(alice, ref(a, reload(onTime)), "Report sent"));
        at(15, () -> commitments.claimDelivery(alice, ref(a, reload(late)), "Sent late"));

        Reading r = signals.read(a, day(30));
        PartyFigures acmeFigures = r.party(acme.id);
        assertThat(acmeFigures.due).isEqualTo(2);
        assertThat(acmeFigures.late).isEqualTo(1);
        assertThat(acmeFigures.lateIds).containsExactly(late.id);
        assertThat(acmeFigures.onTimeRate()).isEqualTo(0.5);
        assertThat(acmeFigures.overdue).isZero();
        PartyFigures globexFigures = r.party(globex.id);
        assertThat(globexFigures.overdue).isEqualTo(1);
        assertThat(globexFigures.overdueIds).containsExactly(owedByGlobex.id);
        assertThat(globexFigures.oldestOverdueDays).isEqualTo(9); // due on day 21, read on day 30
        assertThat(globexFigures.late).as("due in the window, not delivered").isEqualTo(1);
        assertThat(globexFigures.onTimeRate()).isZero();
        assertThat(HealthIndex.score(r).losses()).anySatisfy(l -> {
            assertThat(l.signal()).isEqualTo("overdue");
            assertThat(l.organisation()).isEqualTo(globex.name);
            assertThat(l.reason()).isEqualTo("1 commitment owed by " + globex.name + " is overdue now, the oldest by 9 days");
            assertThat(l.ids()).containsExactly(owedByGlobex.id);
        });
    }

    @Test
    void a_due_date_moved_later_is_a_slip_of_the_owner_and_one_moved_earlier_is_not() {
        long a = alliance(0, acme, globex);
        Commitment later = agreed(a, 1, acme, globex, 20);
        Commitment earlier = agreed(a, 1, acme, globex, 20);
        s.moveDueDate(a, 3, later, 30);
        s.moveDueDate(a, 5, later, 40);
        s.moveDueDate(a, 3, earlier, 15);

        PartyFigures f = signals.read(a, day(10)).party(acme.id);
        assertThat(f.slips).isEqualTo(2);
        assertThat(f.slipIds).containsExactly(later.id);
        assertThat(signals.read(a, day(10)).party(globex.id).slips).isZero();
        assertThat(signals.read(a, day(100)).party(acme.id).slips).as("both slips fell out of the window").isZero();
    }

    @Test
    void a_disputed_delivery_counts_against_the_owner_and_opens_a_concern_by_the_beneficiary() {
        long a = alliance(0, acme, globex);
        Commitment c = agreed(a, 1, acme, globex, 20);
        Commitment delivered = at(5, () -> commitments.claimDelivery(alice, ref(a, reload(c)), "Done"));
        at(6, () -> commitments.dispute(bruno, ref(a, delivered), "Nothing works"));

        Reading r = signals.read(a, day(7));
        assertThat(r.party(acme.id).disputes).isEqualTo(1);
        assertThat(r.party(acme.id).disputeIds).containsExactly(c.id);
        assertThat(r.party(globex.id).concernsRaised).isEqualTo(1);
        assertThat(r.party(acme.id).waiting).as("the dispute's concern waits for Acme").isEqualTo(1);
        assertThat(HealthIndex.score(r).losses()).extracting(Loss::signal).contains("disputes");
    }

    @Test
    void acknowledgement_time_used_and_breached_deadlines_count_against_the_side_it_was_raised_to() {
        long a = alliance(0, acme, globex); // day 0 is a Monday
        Concern medium = at(1, () -> raise(a, alice, globex, Severity.MEDIUM)); // 3 business days
        at(3, () -> concerns.acknowledge(bruno, ref(a, reload(medium)), null)); // 2 of them used
        Concern high = at(2, () -> raise(a, alice, globex, Severity.HIGH)); // 1 business day
        at(4, () -> concerns.escalateOverdueAcknowledgements());

        Reading r = signals.read(a, day(5));
        PartyFigures g = r.party(globex.id);
        assertThat(g.acknowledged).isEqualTo(1);
        assertThat(g.acknowledgementTimeUsed).isCloseTo(2 / 3.0, within(0.01));
        assertThat(g.slowIds).containsExactly(medium.id);
        assertThat(g.breaches).isEqualTo(1);
        assertThat(g.breachIds).containsExactly(high.id);
        assertThat(g.waiting).as("escalated, waiting again").isEqualTo(1);
        assertThat(r.party(acme.id).breaches).isZero();
        assertThat(r.party(acme.id).concernsRaised).isEqualTo(2);
    }

    @Test
    void escalations_and_reopened_concerns_count_against_the_side_it_was_raised_to() {
        long a = alliance(0, acme, globex);
        Concern c = at(1, () -> raise(a, alice, globex, Severity.LOW));
        at(2, () -> concerns.acknowledge(bruno, ref(a, reload(c)), null));
        at(3, () -> concerns.proposeResolution(bruno, ref(a, reload(c)), "Fixed"));
        at(4, () -> concerns.confirmResolution(alice, ref(a, reload(c))));
        at(5, () -> concerns.reopen(alice, ref(a, reload(c)), "It came back"));
        at(6, () -> concerns.escalate(alice, ref(a, reload(c)), "Again"));

        PartyFigures g = signals.read(a, day(7)).party(globex.id);
        assertThat(g.reopened).isEqualTo(1);
        assertThat(g.reopenedIds).containsExactly(c.id);
        assertThat(g.escalations).isEqualTo(1);
        assertThat(g.escalationIds).containsExactly(c.id);
        assertThat(signals.read(a, day(7)).party(acme.id).escalations).isZero();
    }

    @Test
    void check_ins_held_and_missed_and_each_partys_attendance() {
        long a = alliance(0, acme, globex);
        s.weeklyCheckIns(a, 0, 1);
        List<CheckIn> planned = at(0, () -> checkIns.ofAlliance(alice, a));
        CheckIn first = planned.get(0);
        at(1.1, () -> checkIns.recordAttendance(alice, ref(a, first), Set.of(acme.id)));
        CheckIn second = planned.get(1);
        at(10, () -> checkIns.markMissed());

        Reading r = signals.read(a, day(10));
        assertThat(r.heldCheckIns()).isEqualTo(1);
        assertThat(r.missedCheckIns()).isEqualTo(1);
        assertThat(r.missedIds()).containsExactly(second.id);
        assertThat(r.checkInsHeldRate()).isEqualTo(0.5);
        assertThat(r.party(acme.id).attendanceRate()).isEqualTo(1.0);
        assertThat(r.party(globex.id).attendanceRate()).isZero();
        assertThat(r.party(globex.id).absentIds).containsExactly(first.id);
        assertThat(HealthIndex.score(r).losses()).extracting(Loss::signal).contains("missed-check-ins", "attendance");
    }

    @Test
    void silence_is_counted_per_organisation_from_its_last_entry_in_the_log() {
        long a = alliance(0, acme, globex);
        Commitment c = agreed(a, 1, acme, globex, 60); // both leads agree on day 2
        at(30, () -> commitments.claimDelivery(alice, ref(a, reload(c)), "Early"));

        Reading r = signals.read(a, day(40));
        assertThat(r.party(acme.id).silentDays).isEqualTo(10);
        assertThat(r.party(globex.id).silentDays).isEqualTo(38);
        assertThat(HealthIndex.score(r).losses()).anySatisfy(l -> {
            assertThat(l.signal()).isEqualTo("silence");
            assertThat(l.organisation()).isEqualTo(globex.name);
            assertThat(l.points()).isEqualTo(15); // 24 days beyond the quiet two weeks, capped
            assertThat(l.reason()).isEqualTo(globex.name + " has not acted on the record for 38 days");
        });
    }

    @Test
    void three_parties_each_get_their_own_figures_and_asymmetry_names_the_quiet_one() {
        long a = alliance(0, acme, globex, initech);
        for (int i = 0; i < 4; i++) {
            agreed(a, 1 + i, acme, globex, 30);
            agreed(a, 1 + i, globex, acme, 30);
        }
        Commitment initechOwes = agreed(a, 6, initech, acme, 5); // falls overdue on day 12
        Reading r = signals.read(a, day(14));
        assertThat(r.parties()).hasSize(3);
        assertThat(r.party(initech.id).overdue).isEqualTo(1);
        assertThat(r.party(initech.id).overdueIds).containsExactly(initechOwes.id);
        assertThat(r.party(acme.id).overdue).isZero();
        assertThat(r.party(initech.id).actions).as("Ivan proposed and agreed once").isEqualTo(2);
        Score score = HealthIndex.score(r);
        assertThat(score.losses()).anySatisfy(l -> {
            assertThat(l.signal()).isEqualTo("activity-asymmetry");
            assertThat(l.organisation()).isEqualTo(initech.name);
        });
        assertThat(score.index()).isBetween(0, 99);
    }

    @Test
    void a_quiet_healthy_alliance_scores_100() {
        long a = alliance(0, acme, globex);
        Commitment c = agreed(a, 1, acme, globex, 10);
        at(5, () -> commitments.claimDelivery(alice, ref(a, reload(c)), "Done"));
        at(6, () -> commitments.accept(bruno, ref(a, reload(c))));
        assertThat(HealthIndex.score(signals.read(a, day(7))).index()).isEqualTo(100);
    }

    long alliance(double day, Organisation... parties) {
        return s.alliance(day, parties);
    }

    Commitment agreed(long a, double day, Organisation owner, Organisation beneficiary, int dueIn) {
        return s.agreed(a, day, owner, beneficiary, dueIn);
    }

    Instant day(double d) {
        return s.day(d);
    }

    <T> T at(double d, java.util.function.Supplier<T> work) {
        return s.at(d, work);
    }

    Concern raise(long a, Actor by, Organisation to, Severity severity) {
        return concerns.raise(by, a, new ConcernService.Draft(to.id, severity, "Worry", "Details", null));
    }
}
