package org.allianceportal.core.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.DomainException.Conflict;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commitment commands against the real PostgreSQL: scoping, logging, outbox, locking. */
@QuarkusTest
class CommitmentServiceTest {

    @Inject
    World world;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    CommitmentBoard board;

    Setup w;

    @BeforeEach
    void setUp() {
        w = world.twoParties();
    }

    @Test
    void a_full_lifecycle_is_logged_entry_by_entry_and_tells_the_other_side() {
        Commitment c = propose();
        c = commitments.agree(w.acmeLead(), ref(c));
        c = commitments.agree(w.globexLead(), ref(c));
        assertThat(c.state).isEqualTo(CommitmentState.AGREED);
        c = commitments.claimDelivery(w.acmeMember(), ref(c), "https://example.org/study.pdf");
        c = commitments.accept(w.globexLead(), ref(c));
        assertThat(c.state).isEqualTo(CommitmentState.ACCEPTED);

        List<LogEntry> log = LogEntry.list("allianceId = ?1 order by seq", w.alliance().id);
        assertThat(log).extracting(e -> e.action).containsExactly("alliance.founded", "commitment.proposed",
                "commitment.agreed", "commitment.agreed", "commitment.delivered", "commitment.accepted");
        assertThat(log).extracting(e -> e.seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(log.get(4).actorOrganisation).isEqualTo(w.acme().name);
        assertThat(log.get(4).payload).isEqualTo(
                "{\"evidence\":\"https://example.org/study.pdf\",\"state\":\"DELIVERED\"}");

        OutboxEvent delivered = OutboxEvent.find("subjectId = ?1 and kind = 'commitment.delivered'", c.id).singleResult();
        assertThat(delivered.audienceOrganisationId).as("the beneficiary hears of the delivery").isEqualTo(w.globex().id);
        assertThat(delivered.logSeq).isEqualTo(4L);
    }

    @Test
    void a_non_party_organisation_cannot_see_or_touch_it() {
        Commitment c = propose();
        assertThatThrownBy(() -> commitments.get(w.initechLead(), w.alliance().id, c.id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> commitments.ofAlliance(w.initechLead(), w.alliance().id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> commitments.agree(w.initechLead(), ref(c))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> commitments.get(w.acmeLead(), w.alliance().id + 1_000_000, c.id))
                .as("the right commitment under another alliance's address").isInstanceOf(NotFound.class);
    }

    @Test
    void a_stale_form_is_a_conflict_and_changes_nothing() {
        Commitment c = propose();
        Ref stale = ref(c);
        commitments.agree(w.acmeLead(), stale);
        long logSize = LogEntry.count("allianceId", w.alliance().id);
        assertThatThrownBy(() -> commitments.agree(w.globexLead(), stale)).isInstanceOf(Conflict.class);
        assertThat(LogEntry.count("allianceId", w.alliance().id)).isEqualTo(logSize);
        assertThat(commitments.get(w.globexLead(), w.alliance().id, c.id).state).isEqualTo(CommitmentState.PROPOSED);
    }

    @Test
    void refused_input_leaves_no_trace_in_the_log_or_the_outbox() {
        long logSize = LogEntry.count("allianceId", w.alliance().id);
        long outbox = OutboxEvent.count("allianceId", w.alliance().id);
        assertThatThrownBy(() -> commitments.propose(w.acmeMember(), w.alliance().id,
                new CommitmentTerms("", null, w.acme().id, w.globex().id, LocalDate.now().plusDays(3))))
                .isInstanceOf(InvalidInput.class);
        assertThat(LogEntry.count("allianceId", w.alliance().id)).isEqualTo(logSize);
        assertThat(OutboxEvent.count("allianceId", w.alliance().id)).isEqualTo(outbox);
    }

    @Test
    void disputing_a_delivery_opens_a_concern_to_the_owner_in_the_same_transaction() {
        Commitment c = propose();
        c = commitments.agree(w.acmeLead(), ref(c));
        c = commitments.agree(w.globexLead(), ref(c));
        c = commitments.claimDelivery(w.acmeLead(), ref(c), "Sent by mail");
        c = commitments.dispute(w.globexLead(), ref(c), "Nothing arrived");
        Concern opened = concerns.ofAlliance(w.globexLead(), w.alliance().id).get(0);
        assertThat(opened.state).isEqualTo(ConcernState.RAISED);
        assertThat(opened.raisedTo.id).isEqualTo(w.acme().id);
        assertThat(opened.commitment.id).isEqualTo(c.id);
        assertThat(opened.description).isEqualTo("Nothing arrived");
        assertThat(LogEntry.<LogEntry>list("allianceId = ?1 order by seq desc", w.alliance().id).get(0).action)
                .isEqualTo("concern.raised");
    }

    @Test
    void an_agreed_due_date_change_is_logged_with_the_slip() {
        Commitment c = propose();
        c = commitments.agree(w.acmeLead(), ref(c));
        c = commitments.agree(w.globexLead(), ref(c));
        LocalDate later = c.dueDate.plusDays(21);
        c = commitments.proposeDueDate(w.acmeMember(), ref(c), later, "Holidays");
        c = commitments.agreeDueDate(w.globexLead(), ref(c));
        assertThat(c.dueDate).isEqualTo(later);
        assertThat(c.slipCount).isEqualTo(1);
        LogEntry last = LogEntry.find("allianceId = ?1 order by seq desc", w.alliance().id).firstResult();
        assertThat(last.action).isEqualTo("commitment.due_date_changed");
        assertThat(last.payload).contains("\"slipCount\":1");
    }

    @Test
    void a_closure_waits_for_the_other_side_until_it_is_agreed_and_then_for_no_one() {
        Commitment c = propose();
        c = commitments.agree(w.acmeLead(), ref(c));
        c = commitments.agree(w.globexLead(), ref(c));
        c = commitments.proposeClosure(w.acmeLead(), ref(c), ClosureKind.WITHDRAW, "Market changed");
        assertThat(board.awaiting(w.alliance(), w.globex().id, 10)).extracting(x -> x.id).containsExactly(c.id);
        assertThat(board.awaiting(w.alliance(), w.acme().id, 10)).as("the side that proposed it waits for no one").isEmpty();

        c = commitments.agreeClosure(w.globexLead(), ref(c));
        assertThat(c.state).isEqualTo(CommitmentState.WITHDRAWN);
        assertThat(board.awaiting(w.alliance(), w.globex().id, 10)).as("withdrawn: nothing left to do").isEmpty();
    }

    @Test
    void the_list_shows_the_commitments_in_any_of_several_states_due_within_a_range() {
        LocalDate today = LocalDate.now();
        Commitment agreed = agreed(propose("Price list", today.plusDays(2)));
        Commitment disputed = agreed(propose("Roadmap", today.plusDays(3)));
        disputed = commitments.claimDelivery(w.acmeLead(), ref(disputed), "Sent by mail");
        disputed = commitments.dispute(w.globexLead(), ref(disputed), "Nothing arrived");
        Commitment delivered = agreed(propose("Launch deck", today.plusDays(2)));
        delivered = commitments.claimDelivery(w.acmeLead(), ref(delivered), "Shared drive");
        Commitment proposed = propose("Case study", today.plusDays(3));
        Commitment before = agreed(propose("Kick-off notes", today.plusDays(1)));
        Commitment after = agreed(propose("Training plan", today.plusDays(4)));
        LocalDate from = today.plusDays(2);
        LocalDate by = today.plusDays(3);
        assertThat(page(EnumSet.of(CommitmentState.AGREED, CommitmentState.DISPUTED), from, by))
                .containsExactly(agreed.id, disputed.id);
        assertThat(page(Set.of(CommitmentState.DELIVERED), from, by)).as("one state, as before").containsExactly(delivered.id);
        assertThat(page(Set.of(), from, by)).as("no state: any").containsExactly(agreed.id, delivered.id, disputed.id,
                proposed.id);
        assertThat(page(Set.of(CommitmentState.AGREED), from, null)).as("from a day on, inclusive")
                .containsExactly(agreed.id, after.id);
        assertThat(page(Set.of(CommitmentState.AGREED), null, null)).containsExactly(before.id, agreed.id, after.id);
    }

    /** Acme's commitments in the list's first order (soonest due), within the states and due dates given. */
    List<Long> page(Set<CommitmentState> states, LocalDate dueFrom, LocalDate dueBy) {
        return board.page(w.alliance(), new CommitmentBoard.Filter(states, w.acme().id, null, dueFrom, dueBy, null),
                CommitmentBoard.SORTS.get(0), null, 50).items().stream().map(c -> c.id).toList();
    }

    Commitment propose(String title, LocalDate due) {
        return commitments.propose(w.acmeMember(), w.alliance().id,
                new CommitmentTerms(title, null, w.acme().id, w.globex().id, due));
    }

    Commitment agreed(Commitment c) {
        return commitments.agree(w.globexLead(), ref(commitments.agree(w.acmeLead(), ref(c))));
    }

    Commitment propose() {
        return commitments.propose(w.acmeMember(), w.alliance().id, new CommitmentTerms("Joint pricing study",
                "For both markets", w.acme().id, w.globex().id, LocalDate.now().plusDays(30)));
    }

    Ref ref(Commitment c) {
        return new Ref(w.alliance().id, c.id, c.version);
    }
}
