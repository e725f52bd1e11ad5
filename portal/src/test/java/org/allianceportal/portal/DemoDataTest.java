package org.allianceportal.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInState;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.health.HealthSnapshot;
import org.allianceportal.core.health.HealthWarning;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.allianceportal.portal.demo.DemoData;
import org.junit.jupiter.api.Test;

/** The demo world of docs/product.md: who sees what, and a history with every state in it. */
@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demo;

    @Inject
    AllianceService alliances;

    @Inject
    ConcernService concerns;

    @Inject
    TrustHealth health;

    @Test
    void the_demo_world_has_every_state_and_each_user_sees_only_their_alliances() {
        demo.seed();
        concerns.escalateOverdueAcknowledgements(); // what the scheduler does a minute after start

        Organisation acme = Organisation.findByAlias("acme").orElseThrow();
        Organisation globex = Organisation.findByAlias("globex").orElseThrow();
        Organisation initech = Organisation.findByAlias("initech").orElseThrow();
        assertThat(names(alliances.visibleTo(actor(acme)))).containsExactly("Acme–Globex Joint Go-To-Market");
        assertThat(names(alliances.visibleTo(actor(globex))))
                .containsExactly("Acme–Globex Joint Go-To-Market", "Globex–Initech Supply");
        assertThat(names(alliances.visibleTo(actor(initech)))).containsExactly("Globex–Initech Supply");

        Alliance gtm = alliances.visibleTo(actor(acme)).get(0);
        List<Commitment> commitments = Commitment.list("alliance", gtm);
        assertThat(commitments.stream().map(c -> c.state).collect(Collectors.toSet()))
                .containsAll(Set.of(CommitmentState.values()));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(commitments).anyMatch(c -> c.isOverdue(today));
        assertThat(commitments).anyMatch(c -> c.slipCount > 0);

        List<Concern> raised = Concern.list("alliance", gtm);
        assertThat(raised.stream().map(c -> c.state).collect(Collectors.toSet()))
                .containsAll(Set.of(ConcernState.values()));
        assertThat(raised).as("one concern missed its acknowledgement deadline").anyMatch(c -> c.breachCount > 0);
        assertThat(raised).anyMatch(c -> c.state.awaitsAcknowledgement() && c.acknowledgeBy.isAfter(Instant.now()));

        List<CheckIn> meetings = CheckIn.list("alliance = ?1 order by startsAt", gtm);
        assertThat(meetings.stream().map(c -> c.state).collect(Collectors.toSet()))
                .contains(CheckInState.HELD, CheckInState.MISSED, CheckInState.SCHEDULED);
        assertThat(meetings).as("the next one is within a day, so its reminder goes out at once")
                .anyMatch(c -> c.state == CheckInState.SCHEDULED
                        && c.startsAt.isBefore(Instant.now().plus(java.time.Duration.ofHours(24))));
        assertThat(meetings).anyMatch(CheckIn::approvedByAll);
        assertThat(commitments).as("an action item became a commitment")
                .anyMatch(c -> c.title.equals("Share the Q1 pipeline in the partner drive"));

        // trust health: Acme–Globex has a trend over past weeks and an explained warning; Globex–Initech is healthy
        List<HealthSnapshot> trend = HealthSnapshot.list("allianceId = ?1 and index is not null order by week", gtm.id);
        assertThat(trend).hasSizeGreaterThanOrEqualTo(5);
        assertThat(trend.get(0).index).as("the trend falls").isGreaterThan(trend.get(trend.size() - 1).index);
        List<HealthWarning> warnings = HealthWarning.list("alliance = ?1 and answeredAt is null", gtm);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w.reasons()).extracting(r -> r.reason())
                .contains("1 delivery by Acme Corp was disputed in the last 90 days."));
        Alliance supply = alliances.visibleTo(actor(initech)).get(0);
        assertThat(HealthWarning.count("alliance", supply)).isZero();
        assertThat(health.of(actor(initech), supply.id).score().index()).isGreaterThanOrEqualTo(90);
        assertThat(health.of(actor(acme), gtm.id).score().index()).isLessThan(70);

        List<LogEntry> log = LogEntry.list("allianceId = ?1 order by seq", gtm.id);
        assertThat(log.get(0).action).isEqualTo("alliance.founded");
        assertThat(log).extracting(e -> e.recordedAt).as("the history is replayed in order").isSorted();
    }

    private static Actor actor(Organisation organisation) {
        return new Actor("demo-test", "Demo", organisation.id, Role.MEMBER);
    }

    private static List<String> names(List<Alliance> list) {
        return list.stream().map(a -> a.name).toList();
    }
}
