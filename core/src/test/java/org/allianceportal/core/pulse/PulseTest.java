package org.allianceportal.core.pulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.health.Loss;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pulse's anonymity rule: an organisation's answers show only as an average, and only with at least
 * 3 answers from it in the round; fewer reveal nothing, not even through the gap to the other side.
 */
@QuarkusTest
class PulseTest {

    @Inject
    World world;

    @Inject
    Pulse pulse;

    @Inject
    AllianceService alliances;

    @Inject
    TimeKeeper time;

    Setup w;
    PulseRound round;

    @BeforeEach
    void openRound() {
        w = world.twoParties();
        round = pulse.open(w.alliance().id);
    }

    @Test
    void a_round_opens_for_every_partys_people_and_only_once_a_month() {
        assertThat(OutboxEvent.<OutboxEvent>list("allianceId = ?1 and kind = 'pulse.opened'", w.alliance().id))
                .extracting(e -> e.audienceOrganisationId).containsExactlyInAnyOrder(w.acme().id, w.globex().id);
        assertThat(OutboxEvent.<OutboxEvent>list("allianceId = ?1 and kind = 'pulse.opened'", w.alliance().id))
                .noneMatch(e -> e.leadsOnly);
        pulse.openDueRounds();
        assertThat(rounds()).as("the round of this month is open already").isEqualTo(1);
        time.at(time.now().plus(Duration.ofDays(31)), () -> pulse.openDueRounds());
        assertThat(rounds()).isEqualTo(2);
    }

    @Test
    void fewer_than_3_answers_reveal_nothing_not_even_through_the_gap() {
        for (int i = 0; i < 5; i++) {
            answer(person(w.acme().id), 5, 5, 4, 4);
        }
        answer(person(w.globex().id), 1, 1, 1, 1);
        answer(person(w.globex().id), 2, 1, 1, 2);

        PulseResults r = results();
        assertThat(r.tooFew()).containsExactly(w.globex().name);
        assertThat(r.statements()).allSatisfy(s -> {
            assertThat(s.averages()).containsOnlyKeys(w.acme().name);
            assertThat(s.gap()).as("no gap with a side under the minimum").isNull();
        });
        assertThat(r.statements().get(0).averages()).containsEntry(w.acme().name, 5.0);
        assertThat(r.toString()).doesNotContain("1.5", "1.0", "2.0");
        assertThat(pulse.gapLosses(alliance())).as("nothing feeds the index either").isEmpty();

        answer(person(w.globex().id), 3, 1, 1, 3);
        PulseResults enough = results();
        assertThat(enough.tooFew()).isEmpty();
        PulseResults.Statement first = enough.statements().get(0);
        assertThat(first.averages()).containsEntry(w.globex().name, 2.0).containsEntry(w.acme().name, 5.0);
        assertThat(first.gap()).isEqualTo(3.0);
        assertThat(first.lowest()).isEqualTo(w.globex().name);
        List<Loss> losses = pulse.gapLosses(alliance());
        assertThat(losses).singleElement().satisfies(l -> {
            assertThat(l.points()).isEqualTo(10); // four statements 1.5 or more apart, 3 each, capped
            assertThat(l.reason()).contains("\"Our partner keeps its commitments.\" " + w.acme().name + " 5.0, "
                    + w.globex().name + " 2.0");
        });
    }

    @Test
    void each_person_answers_once_every_statement_from_1_to_5_and_only_in_their_alliance_while_it_is_open() {
        Actor anna = person(w.acme().id);
        assertThatThrownBy(() -> pulse.answer(anna, w.alliance().id, round.id, Map.of(1, 3, 2, 6, 3, 3)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsOnlyKeys("s2", "s4"));
        answer(anna, 3, 3, 3, 3);
        assertThatThrownBy(() -> answer(anna, 4, 4, 4, 4)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> pulse.answer(w.initechLead(), w.alliance().id, round.id, scores(3, 3, 3, 3)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> time.at(round.closesAt.plusSeconds(1),
                () -> { answer(person(w.globex().id), 3, 3, 3, 3); return null; }))
                .isInstanceOf(IllegalTransition.class);
    }

    void answer(Actor actor, int... s) {
        pulse.answer(actor, w.alliance().id, round.id, scores(s));
    }

    static Map<Integer, Integer> scores(int... s) {
        return Map.of(1, s[0], 2, s[1], 3, s[2], 4, s[3]);
    }

    static Actor person(long organisationId) {
        return new Actor("p-" + UUID.randomUUID(), "Person", organisationId, Role.MEMBER);
    }

    PulseResults results() {
        return QuarkusTransaction.requiringNew().call(() -> pulse.results(alliance(), 1).get(0));
    }

    Alliance alliance() {
        return QuarkusTransaction.requiringNew().call(() -> alliances.get(w.acmeLead(), w.alliance().id));
    }

    long rounds() {
        return PulseRound.count("allianceId", w.alliance().id);
    }
}
