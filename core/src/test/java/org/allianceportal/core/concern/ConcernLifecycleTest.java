package org.allianceportal.core.concern;

import static org.allianceportal.core.concern.ConcernAction.ACKNOWLEDGE;
import static org.allianceportal.core.concern.ConcernAction.COMMENT;
import static org.allianceportal.core.concern.ConcernAction.CONFIRM_RESOLUTION;
import static org.allianceportal.core.concern.ConcernAction.ESCALATE;
import static org.allianceportal.core.concern.ConcernAction.PROPOSE_RESOLUTION;
import static org.allianceportal.core.concern.ConcernAction.REJECT_RESOLUTION;
import static org.allianceportal.core.concern.ConcernAction.REOPEN;
import static org.allianceportal.core.concern.ConcernAction.RESPOND;
import static org.allianceportal.core.concern.ConcernState.ACKNOWLEDGED;
import static org.allianceportal.core.concern.ConcernState.ESCALATED;
import static org.allianceportal.core.concern.ConcernState.RAISED;
import static org.allianceportal.core.concern.ConcernState.RESOLUTION_PROPOSED;
import static org.allianceportal.core.concern.ConcernState.RESOLVED;
import static org.allianceportal.core.concern.ConcernState.RESPONDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.allianceportal.core.shared.Cast;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command in every state, the escalation ladder and the acknowledgement deadline. */
class ConcernLifecycleTest {

    final Cast cast = new Cast();
    static final Instant NOW = Cast.NOW; // Wednesday 10:00 UTC

    /** The legal transitions, written out by hand from the product rules. */
    static final Map<ConcernState, Map<ConcernAction, ConcernState>> LEGAL = Map.of(
            RAISED, Map.of(ACKNOWLEDGE, ACKNOWLEDGED, ESCALATE, ESCALATED, COMMENT, RAISED),
            ACKNOWLEDGED, Map.of(RESPOND, RESPONDED, PROPOSE_RESOLUTION, RESOLUTION_PROPOSED, ESCALATE, ESCALATED,
                    COMMENT, ACKNOWLEDGED),
            RESPONDED, Map.of(RESPOND, RESPONDED, PROPOSE_RESOLUTION, RESOLUTION_PROPOSED, ESCALATE, ESCALATED,
                    COMMENT, RESPONDED),
            RESOLUTION_PROPOSED, Map.of(CONFIRM_RESOLUTION, RESOLVED, REJECT_RESOLUTION, ACKNOWLEDGED,
                    ESCALATE, ESCALATED, COMMENT, RESOLUTION_PROPOSED),
            RESOLVED, Map.of(REOPEN, RAISED, COMMENT, RESOLVED),
            ESCALATED, Map.of(ACKNOWLEDGE, ACKNOWLEDGED, ESCALATE, ESCALATED, COMMENT, ESCALATED));

    static Stream<Arguments> everyStateAndCommand() {
        List<Arguments> all = new ArrayList<>();
        for (ConcernState state : ConcernState.values()) {
            for (ConcernAction action : ConcernAction.values()) {
                all.add(Arguments.of(state, action));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyStateAndCommand")
    void each_command_is_legal_exactly_where_the_rules_allow_it(ConcernState state, ConcernAction action) {
        Concern c = raised(Severity.MEDIUM);
        c.state = state;
        ConcernState expected = LEGAL.get(state).get(action);
        if (expected == null) {
            assertThatThrownBy(() -> apply(c, action)).isInstanceOf(IllegalTransition.class);
            assertThat(c.state).isEqualTo(state);
        } else {
            apply(c, action);
            assertThat(c.state).isEqualTo(expected);
        }
    }

    @Test
    void the_acknowledgement_deadline_follows_the_severity_in_business_days() {
        assertThat(raised(Severity.HIGH).acknowledgeBy).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(raised(Severity.MEDIUM).acknowledgeBy).as("Wed + 3 business days skips the weekend")
                .isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(raised(Severity.LOW).acknowledgeBy).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void only_a_lead_of_the_side_it_is_raised_to_acknowledges() {
        Concern c = raised(Severity.HIGH);
        assertThatThrownBy(() -> c.acknowledge(cast.acmeLead, NOW)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.acknowledge(cast.globexMember, NOW)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.acknowledge(cast.initechLead, NOW)).isInstanceOf(Forbidden.class);
        c.acknowledge(cast.globexLead, NOW.plusSeconds(60));
        assertThat(c.acknowledgedAt).isEqualTo(NOW.plusSeconds(60));
        assertThat(c.deadlineBreached).isFalse();
        assertThat(c.timeToAcknowledge(NOW)).as("nothing waits for acknowledgement any more").isNull();
    }

    @Test
    void acknowledging_after_deadline_still_records_breach() {
        Concern c = raised(Severity.HIGH);
        c.acknowledge(cast.globexLead, c.acknowledgeBy.plusSeconds(1));
        assertThat(c.state).isEqualTo(ACKNOWLEDGED);
        assertThat(c.deadlineBreached).isTrue();
        assertThat(c.breachCount).isEqualTo(1);
    }

    @Test
    void time_left_to_acknowledge_is_visible_and_turns_negative_when_late() {
        Concern c = raised(Severity.HIGH);
        assertThat(c.timeToAcknowledge(NOW)).isEqualTo(Duration.ofDays(1));
        assertThat(c.isAcknowledgementOverdue(NOW.plus(Duration.ofDays(2)))).isTrue();
        assertThat(c.timeToAcknowledge(NOW.plus(Duration.ofDays(2)))).isNegative();
    }

    @Test
    void a_missed_deadline_escalates_one_level_up_the_ladder_each_time_until_the_top() {
        Concern c = raised(Severity.HIGH);
        assertThat(c.breachIfOverdue(NOW.plusSeconds(3600))).as("not yet due").isFalse();

        Instant late = c.acknowledgeBy.plusSeconds(1);
        assertThat(c.breachIfOverdue(late)).isTrue();
        assertThat(c.state).isEqualTo(ESCALATED);
        assertThat(c.level).isEqualTo(EscalationLevel.ALLIANCE_LEADS);
        assertThat(c.breachCount).isEqualTo(1);
        assertThat(c.acknowledgeBy).as("a new deadline at the new level").isEqualTo(BusinessDays.add(late, 1));
        assertThat(c.breachIfOverdue(late)).as("the same deadline is not counted twice").isFalse();

        Instant later = c.acknowledgeBy.plusSeconds(1);
        assertThat(c.breachIfOverdue(later)).isTrue();
        assertThat(c.level).isEqualTo(EscalationLevel.STEERING_COMMITTEE);

        Instant latest = c.acknowledgeBy.plusSeconds(1);
        assertThat(c.breachIfOverdue(latest)).as("the breach at the top is still recorded").isTrue();
        assertThat(c.level).isEqualTo(EscalationLevel.STEERING_COMMITTEE);
        assertThat(c.breachCount).isEqualTo(3);
        assertThat(c.breachIfOverdue(latest.plusSeconds(86_400))).isFalse();
    }

    @Test
    void either_side_escalates_by_hand_but_not_past_the_steering_committee() {
        Concern c = raised(Severity.LOW);
        assertThatThrownBy(() -> c.escalate(cast.acmeMember, NOW)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.escalate(cast.initechLead, NOW)).isInstanceOf(Forbidden.class);
        c.escalate(cast.globexLead, NOW);
        assertThat(c.level).isEqualTo(EscalationLevel.ALLIANCE_LEADS);
        c.escalate(cast.acmeLead, NOW);
        assertThat(c.level).isEqualTo(EscalationLevel.STEERING_COMMITTEE);
        assertThat(c.escalationCount).isEqualTo(2);
        assertThatThrownBy(() -> c.escalate(cast.acmeLead, NOW)).isInstanceOf(IllegalTransition.class);
        assertThat(c.availableTo(cast.acmeLead)).doesNotContain(ESCALATE);
        c.acknowledge(cast.globexLead, NOW);
        assertThat(c.state).isEqualTo(ACKNOWLEDGED);
        assertThat(c.level).as("the level stays where it climbed to").isEqualTo(EscalationLevel.STEERING_COMMITTEE);
    }

    @Test
    void the_ladder_has_three_rungs() {
        assertThat(EscalationLevel.WORKING_TEAM.next()).contains(EscalationLevel.ALLIANCE_LEADS);
        assertThat(EscalationLevel.ALLIANCE_LEADS.next()).contains(EscalationLevel.STEERING_COMMITTEE);
        assertThat(EscalationLevel.STEERING_COMMITTEE.next()).isEmpty();
    }

    @Test
    void only_the_raising_side_closes_it_no_silent_closure() {
        Concern c = raised(Severity.MEDIUM);
        c.acknowledge(cast.globexLead, NOW);
        c.respond(cast.globexMember, "We will add two engineers");
        c.proposeResolution(cast.globexLead, "Two engineers from Monday");
        assertThat(c.resolutionProposedBy).isSameAs(cast.globex);
        assertThatThrownBy(() -> c.confirmResolution(cast.globexLead, NOW)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.confirmResolution(cast.acmeMember, NOW)).isInstanceOf(Forbidden.class);
        c.confirmResolution(cast.acmeLead, NOW);
        assertThat(c.state).isEqualTo(RESOLVED);
        assertThat(c.resolvedAt).isEqualTo(NOW);
    }

    @Test
    void only_the_side_it_is_raised_to_responds() {
        Concern c = raised(Severity.MEDIUM);
        c.acknowledge(cast.globexLead, NOW);
        assertThatThrownBy(() -> c.respond(cast.acmeLead, "x")).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.respond(cast.globexMember, " "))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKey("response"));
    }

    @Test
    void a_rejected_resolution_goes_back_to_work() {
        Concern c = raised(Severity.MEDIUM);
        c.acknowledge(cast.globexLead, NOW);
        c.proposeResolution(cast.acmeMember, "Weekly sync");
        assertThatThrownBy(() -> c.rejectResolution(cast.globexLead)).isInstanceOf(Forbidden.class);
        c.rejectResolution(cast.acmeLead);
        assertThat(c.state).isEqualTo(ACKNOWLEDGED);
    }

    @Test
    void reopening_is_counted_and_restarts_the_acknowledgement_clock() {
        Concern c = raised(Severity.HIGH);
        c.acknowledge(cast.globexLead, NOW);
        c.proposeResolution(cast.globexLead, "Fixed");
        c.confirmResolution(cast.acmeLead, NOW);
        assertThatThrownBy(() -> c.reopen(cast.globexLead, NOW)).isInstanceOf(Forbidden.class);
        Instant reopenedAt = NOW.plus(Duration.ofDays(3));
        c.reopen(cast.acmeMember, reopenedAt);
        assertThat(c.state).isEqualTo(RAISED);
        assertThat(c.reopenCount).isEqualTo(1);
        assertThat(c.acknowledgeBy).isEqualTo(BusinessDays.add(reopenedAt, 1));
        assertThat(c.resolvedAt).isNull();
    }

    @Test
    void a_concern_is_raised_to_another_party_with_a_title_a_description_and_a_severity() {
        assertThatThrownBy(() -> Concern.raise(cast.acmeMember, cast.alliance, cast.acme.id, null, "", "", null, NOW))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors)
                        .containsOnlyKeys("title", "description", "severity", "raisedToId"));
        assertThatThrownBy(() -> Concern.raise(cast.acmeMember, cast.alliance, 99L, Severity.LOW, "t", "d", null, NOW))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsOnlyKeys("raisedToId"));
        assertThatThrownBy(() -> Concern.raise(cast.admin, cast.alliance, cast.acme.id, Severity.LOW, "t", "d", null, NOW))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void comments_come_from_the_two_sides_only() {
        Concern c = raised(Severity.LOW);
        c.checkCanComment(cast.acmeMember);
        c.checkCanComment(cast.globexMember);
        assertThatThrownBy(() -> c.checkCanComment(cast.initechLead)).isInstanceOf(Forbidden.class);
    }

    // --- the harness: a concern Acme raises to Globex ---

    Concern raised(Severity severity) {
        return Concern.raise(cast.acmeMember, cast.alliance, cast.globex.id, severity, "Slow replies",
                "Questions wait a week for an answer", null, NOW);
    }

    /** Issues the command as the person entitled to it, so only the state can make it illegal. */
    void apply(Concern c, ConcernAction action) {
        switch (action) {
            case ACKNOWLEDGE -> c.acknowledge(cast.globexLead, NOW);
            case RESPOND -> c.respond(cast.globexMember, "On it");
            case PROPOSE_RESOLUTION -> c.proposeResolution(cast.acmeMember, "Weekly sync");
            case CONFIRM_RESOLUTION -> c.confirmResolution(cast.acmeLead, NOW);
            case REJECT_RESOLUTION -> c.rejectResolution(cast.acmeLead);
            case ESCALATE -> c.escalate(cast.acmeLead, NOW);
            case REOPEN -> c.reopen(cast.acmeMember, NOW);
            case COMMENT -> c.checkCanComment(cast.globexMember);
        }
    }
}
