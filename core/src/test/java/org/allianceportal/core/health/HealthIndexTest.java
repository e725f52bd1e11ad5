package org.allianceportal.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The formula of docs/trust-health.md on readings made by hand: points, caps, words and the records named. */
class HealthIndexTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void every_point_lost_is_explained_naming_the_organisation_and_its_records() {
        PartyFigures acme = party(1, "Acme Corp");
        PartyFigures globex = party(2, "Globex Inc");
        globex.breaches = 2;
        globex.breachIds.addAll(List.of(11L, 12L));
        acme.slips = 1;
        acme.slipIds.add(21L);
        Score score = HealthIndex.score(reading(acme, globex));
        assertThat(score.index()).isEqualTo(100 - 8 - 2);
        assertThat(score.losses()).first().satisfies(l -> {
            assertThat(l.points()).isEqualTo(8);
            assertThat(l.organisation()).isEqualTo("Globex Inc");
            assertThat(l.reason()).isEqualTo(
                    "2 concerns raised to Globex Inc passed the acknowledgement deadline unacknowledged in the last 90 days");
            assertThat(l.subjectType()).isEqualTo("concern");
            assertThat(l.ids()).containsExactly(11L, 12L);
        });
        assertThat(score.losses()).last().satisfies(l -> assertThat(l.reason())
                .isEqualTo("Acme Corp moved 1 due date later in the last 90 days"));
        assertThat(score.lost()).isEqualTo(10);
    }

    @Test
    void each_signal_is_capped_and_the_index_never_falls_below_zero() {
        PartyFigures acme = party(1, "Acme Corp");
        acme.disputes = 5;
        acme.breaches = 9;
        acme.overdue = 40;
        acme.late = 30;
        acme.due = 30;
        acme.silentDays = 90;
        acme.escalations = 10;
        acme.slips = 10;
        PartyFigures globex = party(2, "Globex Inc");
        globex.disputes = 3;
        Score score = HealthIndex.score(reading(acme, globex));
        assertThat(score.losses()).filteredOn(l -> l.signal().equals("disputes")).extracting(Loss::points)
                .containsExactly(16, 16);
        assertThat(score.index()).isZero();
    }

    @Test
    void slow_acknowledgement_costs_only_beyond_half_of_the_allowed_time() {
        PartyFigures globex = party(2, "Globex Inc");
        globex.acknowledged = 4;
        globex.acknowledgementTimeUsed = 0.5;
        assertThat(HealthIndex.score(reading(party(1, "Acme Corp"), globex)).index()).isEqualTo(100);
        globex.acknowledgementTimeUsed = 0.9;
        Score slow = HealthIndex.score(reading(party(1, "Acme Corp"), globex));
        assertThat(slow.index()).isEqualTo(92);
        assertThat(slow.losses()).singleElement().satisfies(l -> assertThat(l.reason()).isEqualTo(
                "On average Globex Inc took 90 % of the time allowed to acknowledge the 4 concerns raised to it in the last 90 days"));
    }

    @Test
    void an_even_alliance_has_no_asymmetry_and_a_one_sided_one_names_the_quiet_side() {
        PartyFigures acme = party(1, "Acme Corp");
        PartyFigures globex = party(2, "Globex Inc");
        acme.actions = 20;
        globex.actions = 18;
        assertThat(HealthIndex.score(reading(acme, globex)).losses()).isEmpty();
        globex.actions = 1;
        assertThat(HealthIndex.score(reading(acme, globex)).losses()).singleElement().satisfies(l -> {
            assertThat(l.signal()).isEqualTo("activity-asymmetry");
            assertThat(l.organisation()).isEqualTo("Globex Inc");
            assertThat(l.reason()).isEqualTo("Globex Inc made only 1 of the 21 entries in the record in the last 90 days");
        });
    }

    @Test
    void with_three_parties_the_even_share_is_a_third() {
        assertThat(HealthIndex.imbalance(1 / 3.0, 3, true)).isZero();
        assertThat(HealthIndex.imbalance(0, 3, true)).isEqualTo(1.0);
        assertThat(HealthIndex.imbalance(1, 3, false)).isEqualTo(1.0);
        assertThat(HealthIndex.imbalance(0.5, 2, false)).isZero();
    }

    @Test
    void no_record_means_no_score() {
        Reading empty = new Reading(1, NOW, Duration.ofDays(90), false, List.of(party(1, "A"), party(2, "B")), 0, 0, 0,
                List.of());
        assertThat(HealthIndex.score(empty).scored()).isFalse();
    }

    static PartyFigures party(long id, String name) {
        return new PartyFigures(id, name);
    }

    static Reading reading(PartyFigures... parties) {
        return new Reading(1, NOW, Duration.ofDays(90), true, List.of(parties), 0, 0, 0, List.of());
    }
}
