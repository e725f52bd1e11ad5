package org.allianceportal.core.concern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The concern commands and the deadline job against the real PostgreSQL. */
@QuarkusTest
class ConcernServiceTest {

    @Inject
    World world;

    @Inject
    ConcernService concerns;

    @Inject
    TimeKeeper time;

    @Inject
    ConcernBoard board;

    Setup w;

    @BeforeEach
    void setUp() {
        w = world.twoParties();
    }

    @Test
    void raising_tells_the_other_side_and_acknowledging_tells_the_raiser() {
        Concern c = raise(Severity.HIGH);
        OutboxEvent raised = OutboxEvent.find("subjectId = ?1 and kind = 'concern.raised'", c.id).singleResult();
        assertThat(raised.audienceOrganisationId).isEqualTo(w.globex().id);

        c = concerns.acknowledge(w.globexLead(), ref(c), "Looking into it today");
        assertThat(c.state).isEqualTo(ConcernState.ACKNOWLEDGED);
        OutboxEvent acknowledged = OutboxEvent.find("subjectId = ?1 and kind = 'concern.acknowledged'", c.id)
                .singleResult();
        assertThat(acknowledged.audienceOrganisationId).isEqualTo(w.acme().id);
        List<ConcernComment> thread = concerns.thread(c);
        assertThat(thread).singleElement().satisfies(comment -> {
            assertThat(comment.body).isEqualTo("Looking into it today");
            assertThat(comment.occasion).isEqualTo("acknowledged");
            assertThat(comment.authorOrganisation.id).isEqualTo(w.globex().id);
        });
    }

    @Test
    void a_missed_deadline_escalates_and_tells_both_sides() {
        Instant raisedAt = Instant.parse("2026-11-20T09:00:00Z"); // a Friday
        Concern c = time.at(raisedAt, () -> raise(Severity.HIGH));
        assertThat(c.acknowledgeBy).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));

        time.at(Instant.parse("2026-11-23T08:59:00Z"), concerns::escalateOverdueAcknowledgements);
        assertThat(reload(c).state).isEqualTo(ConcernState.RAISED);

        time.at(Instant.parse("2026-11-23T09:01:00Z"), concerns::escalateOverdueAcknowledgements);
        Concern escalated = reload(c);
        assertThat(escalated.state).isEqualTo(ConcernState.ESCALATED);
        assertThat(escalated.level).isEqualTo(EscalationLevel.ALLIANCE_LEADS);
        assertThat(escalated.breachCount).isEqualTo(1);
        LogEntry entry = LogEntry.find("allianceId = ?1 order by seq desc", w.alliance().id).firstResult();
        assertThat(entry.action).isEqualTo("concern.acknowledgement_breached");
        assertThat(entry.actorUserId).isEqualTo("system");
        assertThat(OutboxEvent.<OutboxEvent>list("subjectId = ?1 and kind = 'concern.acknowledgement_breached'", c.id))
                .extracting(e -> e.audienceOrganisationId)
                .containsExactlyInAnyOrder(w.acme().id, w.globex().id);

        time.at(Instant.parse("2026-11-23T09:02:00Z"), concerns::escalateOverdueAcknowledgements);
        assertThat(reload(c).breachCount).as("running the job again changes nothing").isEqualTo(1);
    }

    @Test
    void comments_are_logged_and_outsiders_cannot_comment_or_see() {
        Concern c = raise(Severity.LOW);
        concerns.comment(w.globexMember(), w.alliance().id, c.id, "Can you share an example?");
        assertThat(concerns.thread(c)).extracting(cc -> cc.body).containsExactly("Can you share an example?");
        assertThatThrownBy(() -> concerns.comment(w.initechLead(), w.alliance().id, c.id, "hi"))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> concerns.acknowledge(w.globexMember(), ref(c), null)).isInstanceOf(Forbidden.class);
    }

    @Test
    void the_full_path_to_resolution_and_reopening() {
        Concern c = raise(Severity.MEDIUM);
        c = concerns.acknowledge(w.globexLead(), ref(c), null);
        c = concerns.respond(w.globexMember(), ref(c), "Two more engineers from Monday");
        c = concerns.proposeResolution(w.globexLead(), ref(c), "Staffing fixed");
        c = concerns.confirmResolution(w.acmeLead(), ref(c));
        assertThat(c.state).isEqualTo(ConcernState.RESOLVED);
        Ref resolved = ref(c);
        c = time.at(Instant.now().plus(Duration.ofDays(1)),
                () -> concerns.reopen(w.acmeMember(), resolved, "It slipped again"));
        assertThat(c.reopenCount).isEqualTo(1);
        assertThat(c.state).isEqualTo(ConcernState.RAISED);
    }

    @Test
    void the_list_shows_the_concerns_in_any_of_several_states() {
        Concern raised = raise(Severity.HIGH);
        Concern escalated = concerns.escalate(w.acmeLead(), ref(raise(Severity.HIGH)), "No answer at all");
        Concern acknowledged = concerns.acknowledge(w.globexLead(), ref(raise(Severity.LOW)), null);
        Concern toAcme = concerns.raise(w.globexMember(), w.alliance().id, new ConcernService.Draft(w.acme().id,
                Severity.LOW, "Slow invoices", "Three weeks late", null));
        assertThat(page(EnumSet.of(ConcernState.RAISED, ConcernState.ESCALATED), w.globex().id))
                .as("awaiting Globex's acknowledgement").containsExactlyInAnyOrder(raised.id, escalated.id);
        assertThat(page(EnumSet.of(ConcernState.RAISED, ConcernState.ESCALATED), null))
                .containsExactlyInAnyOrder(raised.id, escalated.id, toAcme.id);
        assertThat(page(Set.of(ConcernState.ACKNOWLEDGED), null)).as("one state, as before").containsExactly(acknowledged.id);
        assertThat(page(Set.of(), w.globex().id)).as("no state: any")
                .containsExactlyInAnyOrder(raised.id, escalated.id, acknowledged.id);
    }

    List<Long> page(Set<ConcernState> states, Long raisedTo) {
        return board.page(w.alliance(), new ConcernBoard.Filter(states, null, raisedTo, null), ConcernBoard.SORTS.get(0),
                null, 50).items().stream().map(c -> c.id).toList();
    }

    Concern raise(Severity severity) {
        return concerns.raise(w.acmeMember(), w.alliance().id, new ConcernService.Draft(w.globex().id, severity,
                "Slow answers", "Questions wait a week", null));
    }

    /** Reads in a fresh transaction, so the test sees what the database holds, not a cached copy. */
    Concern reload(Concern c) {
        return QuarkusTransaction.requiringNew().call(() -> concerns.get(w.acmeLead(), w.alliance().id, c.id));
    }

    Ref ref(Concern c) {
        return new Ref(w.alliance().id, c.id, c.version);
    }
}
