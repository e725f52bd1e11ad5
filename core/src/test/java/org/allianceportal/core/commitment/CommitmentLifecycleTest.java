package org.allianceportal.core.commitment;

import static org.allianceportal.core.commitment.CommitmentAction.ACCEPT;
import static org.allianceportal.core.commitment.CommitmentAction.AGREE;
import static org.allianceportal.core.commitment.CommitmentAction.AGREE_CLOSURE;
import static org.allianceportal.core.commitment.CommitmentAction.AGREE_DUE_DATE;
import static org.allianceportal.core.commitment.CommitmentAction.CLAIM_DELIVERY;
import static org.allianceportal.core.commitment.CommitmentAction.DECLINE_CLOSURE;
import static org.allianceportal.core.commitment.CommitmentAction.DECLINE_DUE_DATE;
import static org.allianceportal.core.commitment.CommitmentAction.DISPUTE;
import static org.allianceportal.core.commitment.CommitmentAction.PROPOSE_CLOSURE;
import static org.allianceportal.core.commitment.CommitmentAction.PROPOSE_DUE_DATE;
import static org.allianceportal.core.commitment.CommitmentState.ACCEPTED;
import static org.allianceportal.core.commitment.CommitmentState.AGREED;
import static org.allianceportal.core.commitment.CommitmentState.DELIVERED;
import static org.allianceportal.core.commitment.CommitmentState.DISPUTED;
import static org.allianceportal.core.commitment.CommitmentState.PROPOSED;
import static org.allianceportal.core.commitment.CommitmentState.WAIVED;
import static org.allianceportal.core.commitment.CommitmentState.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Cast;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command in every state: the legal ones land where docs/product.md says, the rest are refused. */
class CommitmentLifecycleTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    final Cast cast = new Cast();

    /** The legal transitions, written out by hand from the product rules (not derived from the code's table). */
    static final Map<CommitmentState, Map<CommitmentAction, CommitmentState>> LEGAL = Map.of(
            PROPOSED, Map.of(AGREE, PROPOSED, PROPOSE_CLOSURE, PROPOSED, AGREE_CLOSURE, WITHDRAWN,
                    DECLINE_CLOSURE, PROPOSED),
            AGREED, Map.of(PROPOSE_DUE_DATE, AGREED, AGREE_DUE_DATE, AGREED, DECLINE_DUE_DATE, AGREED,
                    CLAIM_DELIVERY, DELIVERED, PROPOSE_CLOSURE, AGREED, AGREE_CLOSURE, WITHDRAWN,
                    DECLINE_CLOSURE, AGREED),
            DELIVERED, Map.of(ACCEPT, ACCEPTED, DISPUTE, DISPUTED),
            DISPUTED, Map.of(CLAIM_DELIVERY, DELIVERED, PROPOSE_CLOSURE, DISPUTED, AGREE_CLOSURE, WITHDRAWN,
                    DECLINE_CLOSURE, DISPUTED),
            ACCEPTED, Map.of(),
            WITHDRAWN, Map.of(),
            WAIVED, Map.of());

    static Stream<Arguments> everyStateAndCommand() {
        List<Arguments> all = new ArrayList<>();
        for (CommitmentState state : CommitmentState.values()) {
            for (CommitmentAction action : CommitmentAction.values()) {
                all.add(Arguments.of(state, action));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyStateAndCommand")
    void each_command_is_legal_exactly_where_the_rules_allow_it(CommitmentState state, CommitmentAction action) {
        Commitment c = inState(state);
        prepare(c, action);
        CommitmentState expected = LEGAL.get(state).get(action);
        if (expected == null) {
            assertThatThrownBy(() -> apply(c, action)).isInstanceOf(IllegalTransition.class);
            assertThat(c.state).isEqualTo(state);
        } else {
            apply(c, action);
            assertThat(c.state).isEqualTo(expected);
        }
    }

    @Test
    void agreement_needs_a_lead_of_each_side() {
        Commitment c = proposed();
        c.agree(cast.acmeLead);
        assertThat(c.state).isEqualTo(PROPOSED);
        assertThat(c.availableTo(cast.acmeLead)).doesNotContain(AGREE);
        assertThatThrownBy(() -> c.agree(cast.acmeLead)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> c.agree(cast.globexMember)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.agree(cast.initechLead)).isInstanceOf(Forbidden.class);
        c.agree(cast.globexLead);
        assertThat(c.state).isEqualTo(AGREED);
    }

    @Test
    void only_the_owner_side_claims_delivery_and_only_the_beneficiary_lead_accepts_or_disputes() {
        Commitment c = inState(AGREED);
        assertThatThrownBy(() -> c.claimDelivery(cast.globexLead, "done", Cast.NOW)).isInstanceOf(Forbidden.class);
        c.claimDelivery(cast.acmeMember, "https://example.org/report.pdf", Cast.NOW);
        assertThat(c.evidence).isEqualTo("https://example.org/report.pdf");
        assertThatThrownBy(() -> c.accept(cast.acmeLead)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.accept(cast.globexMember)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.dispute(cast.initechLead, "no")).isInstanceOf(Forbidden.class);
        c.accept(cast.globexLead);
        assertThat(c.state).isEqualTo(ACCEPTED);
    }

    @Test
    void delivery_needs_evidence_and_a_dispute_needs_a_reason() {
        Commitment c = inState(AGREED);
        assertThatThrownBy(() -> c.claimDelivery(cast.acmeMember, "  ", Cast.NOW))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKey("evidence"));
        c.claimDelivery(cast.acmeMember, "shipped", Cast.NOW);
        assertThatThrownBy(() -> c.dispute(cast.globexLead, ""))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKey("reason"));
        assertThat(c.state).isEqualTo(DELIVERED);
    }

    @Test
    void a_disputed_delivery_can_be_delivered_again() {
        Commitment c = inState(DELIVERED);
        c.dispute(cast.globexLead, "The report lacks the pricing annex");
        assertThat(c.disputeReason).isEqualTo("The report lacks the pricing annex");
        c.claimDelivery(cast.acmeLead, "Annex added", Cast.NOW);
        assertThat(c.state).isEqualTo(DELIVERED);
        assertThat(c.disputeReason).isNull();
    }

    @Test
    void a_later_due_date_agreed_by_the_other_side_counts_as_a_slip_and_keeps_the_original() {
        Commitment c = inState(AGREED);
        LocalDate original = c.dueDate;
        c.proposeDueDate(cast.acmeMember, original.plusDays(14), "Supplier late", TODAY);
        assertThatThrownBy(() -> c.agreeDueDate(cast.acmeLead)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.agreeDueDate(cast.globexMember)).isInstanceOf(Forbidden.class);
        c.agreeDueDate(cast.globexLead);
        assertThat(c.dueDate).isEqualTo(original.plusDays(14));
        assertThat(c.originalDueDate).isEqualTo(original);
        assertThat(c.slipCount).isEqualTo(1);
        assertThat(c.proposedDueDate).isNull();

        c.proposeDueDate(cast.globexMember, original.plusDays(7), "Earlier is fine", TODAY);
        c.agreeDueDate(cast.acmeLead);
        assertThat(c.dueDate).isEqualTo(original.plusDays(7));
        assertThat(c.slipCount).as("moving a date earlier is not a slip").isEqualTo(1);
    }

    @Test
    void a_declined_due_date_change_leaves_the_date_alone() {
        Commitment c = inState(AGREED);
        LocalDate due = c.dueDate;
        c.proposeDueDate(cast.acmeMember, due.plusDays(30), null, TODAY);
        assertThatThrownBy(() -> c.proposeDueDate(cast.acmeMember, due.plusDays(31), null, TODAY))
                .isInstanceOf(IllegalTransition.class);
        c.declineDueDate(cast.globexLead);
        assertThat(c.dueDate).isEqualTo(due);
        assertThat(c.slipCount).isZero();
        assertThat(c.proposedDueDate).isNull();
    }

    @Test
    void due_date_changes_are_checked() {
        Commitment c = inState(AGREED);
        assertThatThrownBy(() -> c.proposeDueDate(cast.acmeMember, null, null, TODAY))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKey("newDueDate"));
        assertThatThrownBy(() -> c.proposeDueDate(cast.acmeMember, c.dueDate, null, TODAY))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> c.proposeDueDate(cast.acmeMember, TODAY.minusDays(1), null, TODAY))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> c.proposeDueDate(cast.initechLead, TODAY.plusDays(40), null, TODAY))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void ending_without_delivery_needs_both_leads() {
        Commitment c = inState(AGREED);
        assertThatThrownBy(() -> c.proposeClosure(cast.acmeMember, ClosureKind.WITHDRAW, "x"))
                .isInstanceOf(Forbidden.class);
        c.proposeClosure(cast.globexLead, ClosureKind.WAIVE, "No longer needed");
        assertThatThrownBy(() -> c.agreeClosure(cast.globexLead))
                .as("the proposing side cannot agree with itself").isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> c.agreeClosure(cast.acmeMember)).isInstanceOf(Forbidden.class);
        c.agreeClosure(cast.acmeLead);
        assertThat(c.state).isEqualTo(WAIVED);
    }

    @Test
    void a_closure_proposal_can_be_declined_or_taken_back() {
        Commitment c = inState(AGREED);
        c.proposeClosure(cast.acmeLead, ClosureKind.WITHDRAW, "Budget cut");
        c.declineClosure(cast.acmeLead);
        assertThat(c.closureKind).isNull();
        c.proposeClosure(cast.acmeLead, ClosureKind.WITHDRAW, "Budget cut");
        c.declineClosure(cast.globexLead);
        assertThat(c.state).isEqualTo(AGREED);
        assertThat(c.closureKind).isNull();
        assertThatThrownBy(() -> c.proposeClosure(cast.acmeLead, null, "why"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> c.proposeClosure(cast.acmeLead, ClosureKind.WITHDRAW, " "))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void overdue_is_derived_from_the_due_date_and_ends_with_delivery() {
        Commitment c = inState(AGREED);
        c.dueDate = TODAY.minusDays(1);
        assertThat(c.isOverdue(TODAY)).isTrue();
        assertThat(c.isOverdue(TODAY.minusDays(1))).as("due today is not yet overdue").isFalse();
        c.claimDelivery(cast.acmeMember, "done", Cast.NOW);
        assertThat(c.isOverdue(TODAY)).isFalse();
        c.dispute(cast.globexLead, "not done");
        assertThat(c.isOverdue(TODAY)).as("a disputed delivery is still owed").isTrue();
    }

    @Test
    void a_proposal_is_checked_field_by_field() {
        CommitmentTerms bad = new CommitmentTerms(" ", null, cast.acme.id, cast.acme.id, TODAY.minusDays(1));
        assertThatThrownBy(() -> Commitment.propose(cast.acmeMember, cast.alliance, bad, TODAY))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors)
                        .containsOnlyKeys("title", "beneficiaryId", "dueDate"));
        CommitmentTerms outsider = new CommitmentTerms("Pilot", null, 99L, cast.globex.id, TODAY);
        assertThatThrownBy(() -> Commitment.propose(cast.acmeMember, cast.alliance, outsider, TODAY))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsOnlyKeys("ownerId"));
        CommitmentTerms notOurs = new CommitmentTerms("Pilot", null, cast.globex.id, cast.initech.id, TODAY);
        assertThatThrownBy(() -> Commitment.propose(cast.acmeMember, cast.alliance, notOurs, TODAY))
                .as("a third party cannot commit two others")
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsOnlyKeys("ownerId"));
    }

    @Test
    void a_member_may_propose_on_behalf_of_either_side_of_the_commitment() {
        Commitment c = proposed();
        assertThat(c.state).isEqualTo(PROPOSED);
        assertThat(c.owner).isSameAs(cast.acme);
        assertThat(c.beneficiary).isSameAs(cast.globex);
        assertThat(c.originalDueDate).isEqualTo(c.dueDate);
        assertThat(c.availableTo(cast.acmeMember)).isEmpty();
        assertThat(c.availableTo(cast.acmeLead)).containsExactlyInAnyOrder(AGREE, PROPOSE_CLOSURE);
        assertThat(c.availableTo(cast.initechLead)).as("a third party watches but cannot act").isEmpty();
    }

    // --- the harness: a commitment Acme owes Globex, brought into any state ---

    Commitment proposed() {
        return Commitment.propose(cast.globexMember, cast.alliance,
                new CommitmentTerms("Joint pricing study", "Both markets", cast.acme.id, cast.globex.id,
                        TODAY.plusDays(30)), TODAY);
    }

    Commitment inState(CommitmentState state) {
        Commitment c = proposed();
        c.state = state;
        c.agreedByOwner = state != PROPOSED;
        c.agreedByBeneficiary = state != PROPOSED;
        return c;
    }

    /** Sets up what a command needs besides the state: a pending proposal to agree to or decline. */
    void prepare(Commitment c, CommitmentAction action) {
        switch (action) {
            case AGREE_DUE_DATE, DECLINE_DUE_DATE -> {
                c.proposedDueDate = c.dueDate.plusDays(10);
                c.dueDateProposedBy = cast.acme;
            }
            case AGREE_CLOSURE, DECLINE_CLOSURE -> {
                c.closureKind = ClosureKind.WITHDRAW;
                c.closureProposedBy = cast.acme;
                c.closureReason = "Scope moved";
            }
            default -> {
            }
        }
    }

    /** Issues the command as the person entitled to it, so only the state can make it illegal. */
    void apply(Commitment c, CommitmentAction action) {
        Actor ownerLead = cast.acmeLead;
        Actor beneficiaryLead = cast.globexLead;
        switch (action) {
            case AGREE -> c.agree(ownerLead);
            case PROPOSE_DUE_DATE -> c.proposeDueDate(cast.acmeMember, c.dueDate.plusDays(7), "late", TODAY);
            case AGREE_DUE_DATE -> c.agreeDueDate(beneficiaryLead);
            case DECLINE_DUE_DATE -> c.declineDueDate(beneficiaryLead);
            case CLAIM_DELIVERY -> c.claimDelivery(cast.acmeMember, "done", Cast.NOW);
            case ACCEPT -> c.accept(beneficiaryLead);
            case DISPUTE -> c.dispute(beneficiaryLead, "incomplete");
            case PROPOSE_CLOSURE -> c.proposeClosure(ownerLead, ClosureKind.WITHDRAW, "obsolete");
            case AGREE_CLOSURE -> c.agreeClosure(beneficiaryLead);
            case DECLINE_CLOSURE -> c.declineClosure(beneficiaryLead);
        }
    }
}
