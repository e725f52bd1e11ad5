package org.allianceportal.core.shared;

import static org.allianceportal.core.log.ChangeRecorder.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.DomainException.Conflict;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one command path every service takes: load scoped, check the version, take the step, record it. */
@QuarkusTest
class CommandsTest {

    @Inject
    World world;

    @Inject
    Commands commands;

    @Inject
    CommitmentService commitments;

    Setup w;

    Commitment proposed;

    @BeforeEach
    void setUp() {
        w = world.twoParties();
        proposed = commitments.propose(w.acmeMember(), w.alliance().id, new CommitmentTerms("Joint pricing study",
                null, w.acme().id, w.globex().id, LocalDate.now().plusDays(30)));
    }

    @Test
    void a_change_is_logged_with_its_details_and_the_state_it_reached_and_the_other_side_hears_of_it() {
        Commitment agreed = QuarkusTransaction.requiringNew().call(() -> commands.change(w.globexLead(),
                ref(proposed.version), Commitment::inAlliance, "commitment.agreed",
                c -> c.agree(w.globexLead()), c -> payload("agreedBy", "Globex")));

        assertThat(agreed.version).isGreaterThan(proposed.version);
        LogEntry entry = LogEntry.find("allianceId = ?1 order by seq desc", w.alliance().id).firstResult();
        assertThat(entry.action).isEqualTo("commitment.agreed");
        assertThat(entry.subjectId).isEqualTo(proposed.id);
        assertThat(entry.payload).isEqualTo("{\"agreedBy\":\"Globex\",\"state\":\"PROPOSED\"}");
        assertThat(OutboxEvent.<OutboxEvent>list("logSeq = ?1 and allianceId = ?2", entry.seq, w.alliance().id))
                .singleElement().satisfies(e -> assertThat(e.audienceOrganisationId).isEqualTo(w.acme().id));
    }

    @Test
    void a_stale_version_is_refused_before_the_step_and_records_nothing() {
        AtomicBoolean stepped = new AtomicBoolean();
        long logSize = LogEntry.count("allianceId", w.alliance().id);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> commands.change(w.globexLead(),
                ref(proposed.version + 1), Commitment::inAlliance, "commitment.agreed",
                c -> stepped.set(true), c -> payload()))).isInstanceOf(Conflict.class);

        assertThat(stepped).isFalse();
        assertThat(LogEntry.count("allianceId", w.alliance().id)).isEqualTo(logSize);
    }

    @Test
    void an_alliance_the_actor_is_not_party_to_is_not_found_before_anything_is_loaded_from_it() {
        AtomicBoolean stepped = new AtomicBoolean();
        long logSize = LogEntry.count("allianceId", w.alliance().id);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> commands.change(w.initechLead(),
                ref(proposed.version), (alliance, id) -> {
                    throw new AssertionError("looked for the commitment in an alliance that is not Initech's");
                }, "commitment.agreed", c -> stepped.set(true), c -> payload())))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> commands.load(w.initechLead(), w.alliance().id)).isInstanceOf(NotFound.class);

        assertThat(stepped).isFalse();
        assertThat(LogEntry.count("allianceId", w.alliance().id)).isEqualTo(logSize);
    }

    Ref ref(long version) {
        return new Ref(w.alliance().id, proposed.id, version);
    }
}
