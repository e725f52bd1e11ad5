package org.allianceportal.core.health;

import static org.allianceportal.core.health.History.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Early warnings: raised once for the leads of every party, open until a lead answers, lines set per alliance. */
@QuarkusTest
class WarningsTest {

    static final Instant T0 = Instant.parse("2025-09-01T09:00:00Z");

    @Inject
    History history;

    @Inject
    TrustHealth health;

    History.Story s;
    long a;

    /** Acme's delivery disputed by Globex on day 6: one signal past its line. */
    @BeforeEach
    void disputedDelivery() {
        s = history.startingAt(T0);
        a = s.alliance(0, s.acme, s.globex, s.initech);
        Commitment c = s.agreed(a, 1, s.acme, s.globex, 20);
        s.deliver(a, 5, c);
        s.dispute(a, 6, c);
    }

    @Test
    void a_warning_is_raised_once_for_the_leads_of_every_party_with_its_reasons_in_the_log() {
        s.at(6.5, () -> check());
        s.at(7.5, () -> check());
        List<HealthWarning> warnings = warnings();
        assertThat(warnings).as("one warning while it is open").hasSize(1);
        HealthWarning w = warnings.get(0);
        assertThat(w.reasons()).extracting(HealthWarning.Reason::reason)
                .contains("1 delivery by " + s.acme.name + " was disputed in the last 90 days.");
        LogEntry entry = LogEntry.find("allianceId = ?1 and action = 'health.warning'", a).singleResult();
        assertThat(entry.actorUserId).isEqualTo(Actor.SYSTEM_ID);
        assertThat(entry.payload).contains("was disputed");
        List<OutboxEvent> events = OutboxEvent.list("allianceId = ?1 and kind = 'health.warning'", a);
        assertThat(events).extracting(e -> e.audienceOrganisationId)
                .containsExactlyInAnyOrder(s.acme.id, s.globex.id, s.initech.id);
        assertThat(events).allMatch(e -> e.leadsOnly);
    }

    @Test
    void the_warning_stays_until_a_lead_answers_and_the_answer_goes_to_the_log() {
        s.at(6.5, () -> check());
        HealthWarning w = warnings().get(0);
        Actor member = new Actor("m-" + s.acme.id, "Member", s.acme.id, Role.MEMBER);
        Actor outsider = new Actor("o", "Outsider", s.acme.id + 100_000, Role.LEAD);
        assertThatThrownBy(() -> s.at(7, () -> health.respond(member, ref(w), "We talk"))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> s.at(7, () -> health.respond(outsider, ref(w), "We talk"))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> s.at(7, () -> health.respond(s.bruno, ref(w), " "))).isInstanceOf(InvalidInput.class);
        assertThat(s.at(7, () -> health.of(s.alice, a)).open()).hasSize(1);

        HealthWarning answered = s.at(7, () -> health.respond(s.bruno, ref(w), "Joint review of the sandbox on Friday"));
        assertThat(answered.isOpen()).isFalse();
        assertThat(answered.answeredByName).isEqualTo("Bruno");
        LogEntry entry = LogEntry.find("allianceId = ?1 and action = 'health.warning_answered'", a).singleResult();
        assertThat(entry.payload).contains("Joint review of the sandbox on Friday");
        assertThat(OutboxEvent.<OutboxEvent>list("allianceId = ?1 and kind = 'health.warning_answered'", a))
                .extracting(e -> e.audienceOrganisationId).containsExactlyInAnyOrder(s.acme.id, s.initech.id);
        assertThatThrownBy(() -> s.at(7.1, () -> health.respond(s.alice, ref(answered), "Again")))
                .isInstanceOf(IllegalTransition.class);

        s.at(8.5, () -> check());
        assertThat(warnings()).as("the same reason does not warn again soon after the answer").hasSize(1);
        Commitment another = s.agreed(a, 9, s.globex, s.acme, 20);
        s.deliver(a, 10, another);
        s.dispute(a, 11, another);
        s.at(11.5, () -> check());
        assertThat(warnings()).as("a reason the answered warning did not name warns").hasSize(2);
    }

    @Test
    void the_leads_set_the_lines_of_their_alliance_and_a_stricter_silence_line_warns_sooner() {
        HealthThresholds.Draft strict = new HealthThresholds.Draft(70, 50, 15, 3, 5, 3, 4, 2);
        assertThatThrownBy(() -> s.at(2, () -> health.setThresholds(
                new Actor("m", "Member", s.acme.id, Role.MEMBER), a, 0, strict))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> s.at(2, () -> health.setThresholds(s.alice, a, 0,
                new HealthThresholds.Draft(40, 60, 0, null, 5, 3, 4, 2))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors)
                        .containsOnlyKeys("urgentBelow", "maxDrop", "silenceDays"));
        s.at(2, () -> health.setThresholds(s.alice, a, 0, strict));
        assertThat(LogEntry.count("allianceId = ?1 and action = 'health.thresholds_set'", a)).isEqualTo(1);

        s.at(6.5, () -> check());
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w.reasons())
                .extracting(HealthWarning.Reason::key)
                .as("disputes under the line of 5; Initech silent since the founding, past the line of 3 days")
                .containsExactly("silence:" + s.initech.id));
    }

    @Test
    void reading_the_health_writes_nothing() {
        long before = QuarkusTransaction.requiringNew().call(() -> HealthWarning.count() + HealthSnapshot.count());
        TrustHealth.Health h = s.at(6.5, () -> health.of(s.alice, a));
        assertThat(h.reasons()).isNotEmpty();
        assertThat(h.score().scored()).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> HealthWarning.count() + HealthSnapshot.count()))
                .isEqualTo(before);
        assertThatThrownBy(() -> health.of(new Actor("o", "Outsider", s.acme.id + 100_000, Role.LEAD), a))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void the_weekly_snapshot_is_taken_once_per_alliance_and_week() {
        s.at(7, () -> health.takeWeeklySnapshots());
        s.at(8, () -> health.takeWeeklySnapshots());
        List<HealthSnapshot> taken = QuarkusTransaction.requiringNew().call(() -> HealthSnapshot.<HealthSnapshot>list(
                "allianceId", a));
        assertThat(taken).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.week).isEqualTo(TrustHealth.week(s.day(7)));
            assertThat(snapshot.index).isLessThan(100);
            assertThat(snapshot.figures()).containsKeys("lost", "parties");
        });
    }

    Object check() {
        health.check(a);
        return null;
    }

    List<HealthWarning> warnings() {
        return QuarkusTransaction.requiringNew().call(() -> HealthWarning.<HealthWarning>list(
                "alliance.id = ?1 order by raisedAt", a));
    }

    Ref ref(HealthWarning w) {
        return new Ref(a, w.id, w.version);
    }
}
