package org.allianceportal.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.log.LogEntry;
import org.junit.jupiter.api.Test;

/**
 * Synthetic histories replayed day by day through the domain services with the TimeKeeper's clock,
 * with the portal's jobs run every evening as they would run (deadlines, missed check-ins, scheduling,
 * the health check, and the weekly snapshot on Mondays). The expected outcomes, as the issue states them:
 * <ul>
 * <li>a healthy alliance never warns over 26 weeks;</li>
 * <li>a slowly eroding one (acknowledgements getting slower, slips growing, check-ins skipped, one side
 * going quiet) warns at least 3 weeks before its first steering-committee escalation;</li>
 * <li>a sudden breach (a disputed major delivery) warns within a day.</li>
 * </ul>
 */
@QuarkusTest
class HealthScenarioTest {

    /** A Monday, long before the other tests' data, so the jobs of the replay only meet this history. */
    static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

    /** The week the eroding side stops acting. */
    static final int QUIET_FROM = 13;

    @Inject
    History history;

    @Inject
    TrustHealth health;

    @Inject
    ConcernService concerns;

    @Inject
    CheckInService checkIns;

    @Test
    void a_healthy_alliance_never_warns_over_26_weeks() {
        Replay r = new Replay();
        for (int w = 0; w < 26; w++) {
            r.healthyWeek(w);
        }
        r.play(26 * 7);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.snapshots()).hasSizeGreaterThanOrEqualTo(26)
                .allSatisfy(s -> assertThat(s.index).isGreaterThanOrEqualTo(90));
    }

    @Test
    void a_slowly_eroding_alliance_warns_at_least_3_weeks_before_its_first_steering_committee_escalation() {
        Replay r = new Replay();
        for (int w = 0; w < 9; w++) {
            r.healthyWeek(w);
        }
        // weeks 9 to 12: Globex acknowledges at the last moment, moves its due dates and skips the check-ins
        for (int w = 9; w < QUIET_FROM; w++) {
            r.erodingWeek(w);
        }
        // from week 13 Globex goes quiet: nobody records the check-ins, Acme's proposals wait for Globex
        for (int w = QUIET_FROM; w < 22; w++) {
            r.quietWeek(w);
        }
        // week 17: Acme raises a concern Globex never acknowledges; the deadlines carry it up the ladder
        r.plan.on(17 * 7 + 0.1, () -> r.s.raise(r.a, 17 * 7 + 0.1, r.s.acme, r.s.globex, Severity.MEDIUM));
        r.play(22 * 7);

        Instant steeringCommittee = r.firstSteeringCommitteeEscalation();
        assertThat(steeringCommittee).as("the history reaches the steering committee").isNotNull();
        assertThat(r.warnings()).as("it warned").isNotEmpty();
        HealthWarning first = r.warnings().get(0);
        Log.infof("eroding: first warning %s (%s), steering committee %s", first.raisedAt, first.reasonsJson,
                steeringCommittee);
        assertThat(Duration.between(first.raisedAt, steeringCommittee)).isGreaterThanOrEqualTo(Duration.ofDays(21));
        assertThat(r.warnings()).as("one warning while it stays unanswered").hasSize(1);
    }

    @Test
    void a_sudden_breach_warns_within_a_day() {
        Replay r = new Replay();
        for (int w = 0; w < 14; w++) {
            r.healthyWeek(w);
        }
        // the major delivery of week 10 (Acme's, delivered on day 82) is disputed by Globex the day after
        r.plan.replace(10 * 7 + 13.1, () -> r.s.dispute(r.a, 10 * 7 + 13.1, r.commitmentOfWeek.get(10).get()));
        r.play(14 * 7);

        Instant disputed = r.s.day(10 * 7 + 13.1);
        assertThat(r.warnings()).isNotEmpty();
        assertThat(r.warnings()).allSatisfy(w -> assertThat(w.raisedAt).isAfter(disputed));
        HealthWarning first = r.warnings().get(0);
        assertThat(Duration.between(disputed, first.raisedAt)).isLessThanOrEqualTo(Duration.ofDays(1));
        assertThat(first.reasons()).extracting(HealthWarning.Reason::key).contains("disputes:" + r.s.acme.id);
    }

    /** One alliance's story: the steps planned per day, then played in time order with the evening jobs. */
    final class Replay {
        final History.Story s = history.startingAt(T0);
        final long a = s.alliance(0, s.acme, s.globex);
        final Plan plan = new Plan();
        final List<AtomicReference<Commitment>> commitmentOfWeek = new ArrayList<>();

        Replay() {
            s.weeklyCheckIns(a, 0, 1); // Tuesdays 10:00 UTC
        }

        /**
         * A good week: a commitment proposed on Monday by one side (alternating), agreed by both on Tuesday,
         * delivered two days early and accepted; a concern every fourth week, acknowledged the next day; the
         * check-in held with both sides, recorded by the side that proposed.
         */
        void healthyWeek(int w) {
            double d = 7 * w;
            Organisation owner = w % 2 == 0 ? s.acme : s.globex;
            Organisation other = w % 2 == 0 ? s.globex : s.acme;
            AtomicReference<Commitment> c = commitment(w, d, owner, other);
            plan.on(d + 12.1, () -> s.deliver(a, d + 12.1, c.get()));
            plan.on(d + 13.1, () -> s.accept(a, d + 13.1, c.get()));
            if (w % 4 == 0) {
                AtomicReference<Concern> k = new AtomicReference<>();
                plan.on(d + 2.1, () -> k.set(s.raise(a, d + 2.1, other, owner, Severity.LOW)));
                plan.on(d + 3.1, () -> s.acknowledge(a, d + 3.1, k.get()));
            }
            checkIn(d + 1, owner, s.acme, s.globex);
        }

        /** Globex slips: its due dates move, its acknowledgements come at 90 % of the time, it skips check-ins. */
        void erodingWeek(int w) {
            double d = 7 * w;
            Organisation owner = w % 2 == 0 ? s.acme : s.globex;
            Organisation other = w % 2 == 0 ? s.globex : s.acme;
            AtomicReference<Commitment> c = commitment(w, d, owner, other);
            if (owner == s.globex) {
                plan.on(d + 10.1, () -> s.moveDueDate(a, d + 10.1, c.get(), (int) d + 28));
                if (d + 27 < QUIET_FROM * 7) {
                    plan.on(d + 27.1, () -> s.deliver(a, d + 27.1, c.get()));
                }
            } else {
                plan.on(d + 12.1, () -> s.deliver(a, d + 12.1, c.get()));
            }
            AtomicReference<Concern> k = new AtomicReference<>();
            plan.on(d + 0.1, () -> k.set(s.raise(a, d + 0.1, s.acme, s.globex, Severity.MEDIUM)));
            plan.on(d + 2.9, () -> s.acknowledge(a, d + 2.9, k.get())); // three business days allowed
            checkIn(d + 1, s.acme, s.acme);
        }

        /** Globex says nothing: Acme proposes, nobody agrees, and nobody records the check-in. */
        void quietWeek(int w) {
            double d = 7 * w;
            plan.on(d + 0.1, () -> s.at(d + 0.1, () -> s.proposeOnly(a, s.acme, s.globex, 14)));
        }

        AtomicReference<Commitment> commitment(int w, double d, Organisation owner, Organisation other) {
            AtomicReference<Commitment> c = new AtomicReference<>();
            plan.on(d + 0.1, () -> c.set(s.at(d + 0.1, () -> s.proposeOnly(a, owner, other, 14))));
            plan.on(d + 1.05, () -> c.set(s.agree(a, d + 1.05, c.get())));
            while (commitmentOfWeek.size() <= w) {
                commitmentOfWeek.add(new AtomicReference<>());
            }
            commitmentOfWeek.set(w, c);
            return c;
        }

        void checkIn(double day, Organisation recordedBy, Organisation... present) {
            plan.on(day + 0.1, () -> s.checkInsOn(a, day).forEach(c -> s.attend(a, day + 0.1, c, recordedBy, present)));
        }

        /** Plays the planned steps; every evening the portal's jobs run, and on Mondays the snapshot is taken. */
        void play(int days) {
            for (int d = 0; d < days; d++) {
                int day = d;
                plan.on(day + 0.5, () -> s.at(day + 0.5, () -> {
                    concerns.escalateOverdueAcknowledgements();
                    checkIns.markMissed();
                    checkIns.scheduleAheadForAll();
                    if (day % 7 == 0) {
                        health.snapshot(a);
                    }
                    health.check(a);
                    return null;
                }));
            }
            plan.run(days);
        }

        List<HealthWarning> warnings() {
            return QuarkusTransaction.requiringNew().call(() -> HealthWarning.<HealthWarning>list(
                    "alliance.id = ?1 order by raisedAt", a));
        }

        List<HealthSnapshot> snapshots() {
            return QuarkusTransaction.requiringNew().call(() -> HealthSnapshot.<HealthSnapshot>list(
                    "allianceId = ?1 order by week", a));
        }

        /** When a concern of this alliance first reached the steering committee, by a lead or a missed deadline. */
        Instant firstSteeringCommitteeEscalation() {
            return QuarkusTransaction.requiringNew().call(() -> LogEntry.<LogEntry>find("""
                    allianceId = ?1 and action in ('concern.escalated', 'concern.acknowledgement_breached')
                    and payload like '%"level":"STEERING_COMMITTEE"%' order by seq""", a).firstResultOptional()
                    .map(e -> e.recordedAt).orElse(null));
        }
    }

    /** Steps by day (fractions are times of day from 09:00 UTC), run in time order, then in the order planned. */
    static final class Plan {
        private record Step(double day, int order, Runnable work) {
        }

        private final List<Step> steps = new ArrayList<>();

        void on(double day, Runnable work) {
            steps.add(new Step(day, steps.size(), work));
        }

        /** Puts {@code work} in place of what was planned at that moment. */
        void replace(double day, Runnable work) {
            steps.removeIf(s -> s.day() == day);
            on(day, work);
        }

        void run(int days) {
            steps.stream().filter(s -> s.day() < days)
                    .sorted(Comparator.comparingDouble(Step::day).thenComparingInt(Step::order))
                    .forEach(s -> s.work().run());
        }
    }
}
