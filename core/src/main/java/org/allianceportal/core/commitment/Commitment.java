package org.allianceportal.core.commitment;

import static org.allianceportal.core.alliance.Parties.requireLeadOf;
import static org.allianceportal.core.alliance.Parties.requireMemberOf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainEntity;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Recordable;
import org.allianceportal.core.shared.Text;

/**
 * An obligation of one party organisation (the owner) to another (the beneficiary). The lifecycle
 * rules live here, free of persistence, so they can be tested exhaustively; {@link CommitmentService}
 * loads, records and saves around them. The one query here, {@link #inAlliance}, finds it.
 */
@Entity
@Table(name = "commitment")
public class Commitment extends DomainEntity implements Recordable {

    public static final int TITLE_MAX = 200;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "alliance_id")
    public Alliance alliance;

    @Column(nullable = false)
    public String title;

    public String description;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    public Organisation owner;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "beneficiary_id")
    public Organisation beneficiary;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    /** The due date both sides first agreed; kept when the date slips. */
    @Column(name = "original_due_date", nullable = false)
    public LocalDate originalDueDate;

    /** How many agreed changes moved the due date later. */
    @Column(name = "slip_count", nullable = false)
    public int slipCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommitmentState state;

    @Column(name = "agreed_by_owner", nullable = false)
    public boolean agreedByOwner;

    @Column(name = "agreed_by_beneficiary", nullable = false)
    public boolean agreedByBeneficiary;

    @Column(name = "proposed_due_date")
    public LocalDate proposedDueDate;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "due_date_proposed_by_id")
    public Organisation dueDateProposedBy;

    @Column(name = "due_date_reason")
    public String dueDateReason;

    @Enumerated(EnumType.STRING)
    @Column(name = "closure_kind")
    public ClosureKind closureKind;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "closure_proposed_by_id")
    public Organisation closureProposedBy;

    @Column(name = "closure_reason")
    public String closureReason;

    public String evidence;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "dispute_reason")
    public String disputeReason;

    @Column(name = "proposed_by_user_id", nullable = false)
    public String proposedByUserId;

    @Column(name = "proposed_by_name", nullable = false)
    public String proposedByName;

    /** One commitment of an alliance already scoped to the actor ({@code Alliance.scopedTo}), else NotFound. */
    public static Commitment inAlliance(Alliance alliance, long commitmentId) {
        return Commitment.<Commitment>find("""
                select c from Commitment c join fetch c.owner join fetch c.beneficiary
                where c.id = ?1 and c.alliance = ?2""", commitmentId, alliance)
                .firstResultOptional()
                .orElseThrow(() -> new NotFound("Commitment", commitmentId));
    }

    /** Builds a new proposal after checking the terms field by field. */
    public static Commitment propose(Actor actor, Alliance alliance, CommitmentTerms terms, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        String title = Text.check(errors, "title", terms.title(), TITLE_MAX, "Say what is owed.");
        String description = Text.check(errors, "description", terms.description(), Text.LONG_MAX, null);
        if (terms.ownerId() == null || !alliance.hasParty(terms.ownerId())) {
            errors.put("ownerId", "Choose the party organisation that owes it.");
        }
        if (terms.beneficiaryId() == null || !alliance.hasParty(terms.beneficiaryId())) {
            errors.put("beneficiaryId", "Choose the party organisation it is owed to.");
        } else if (terms.beneficiaryId().equals(terms.ownerId())) {
            errors.put("beneficiaryId", "An organisation cannot owe something to itself.");
        }
        if (!errors.containsKey("ownerId") && !errors.containsKey("beneficiaryId")
                && !actor.belongsTo(terms.ownerId()) && !actor.belongsTo(terms.beneficiaryId())) {
            errors.put("ownerId", "Your organisation must either owe it or be owed it.");
        }
        if (terms.dueDate() == null) {
            errors.put("dueDate", "Give a due date.");
        } else if (terms.dueDate().isBefore(today)) {
            errors.put("dueDate", "The due date cannot be in the past.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Commitment c = new Commitment();
        c.alliance = alliance;
        c.title = title;
        c.description = description;
        c.owner = party(alliance, terms.ownerId());
        c.beneficiary = party(alliance, terms.beneficiaryId());
        c.dueDate = terms.dueDate();
        c.originalDueDate = terms.dueDate();
        c.state = CommitmentState.PROPOSED;
        c.proposedByUserId = actor.userId();
        c.proposedByName = actor.name();
        return c;
    }

    /** A lead agrees on behalf of their organisation; once both sides have, the commitment is agreed. */
    public void agree(Actor actor) {
        guard(CommitmentAction.AGREE, actor);
        if (actor.belongsTo(owner.id)) {
            agreedByOwner = true;
        } else {
            agreedByBeneficiary = true;
        }
        if (agreedByOwner && agreedByBeneficiary) {
            state = CommitmentState.AGREED;
        }
    }

    public void proposeDueDate(Actor actor, LocalDate newDate, String reason, LocalDate today) {
        guard(CommitmentAction.PROPOSE_DUE_DATE, actor);
        if (newDate == null) {
            throw new InvalidInput("newDueDate", "Give the new due date.");
        }
        if (newDate.equals(dueDate)) {
            throw new InvalidInput("newDueDate", "That is the current due date.");
        }
        if (newDate.isBefore(today)) {
            throw new InvalidInput("newDueDate", "The new due date cannot be in the past.");
        }
        proposedDueDate = newDate;
        dueDateProposedBy = partyOf(actor);
        dueDateReason = Text.optional("reason", reason);
    }

    /** The other side agrees the new date; a later date counts as a slip, the original date stays. */
    public void agreeDueDate(Actor actor) {
        guard(CommitmentAction.AGREE_DUE_DATE, actor);
        if (proposedDueDate.isAfter(dueDate)) {
            slipCount++;
        }
        dueDate = proposedDueDate;
        clearDueDateProposal();
    }

    public void declineDueDate(Actor actor) {
        guard(CommitmentAction.DECLINE_DUE_DATE, actor);
        clearDueDateProposal();
    }

    public void claimDelivery(Actor actor, String evidenceText, Instant now) {
        guard(CommitmentAction.CLAIM_DELIVERY, actor);
        evidence = Text.required("evidence", evidenceText, "Describe or link the evidence of delivery.");
        deliveredAt = now;
        disputeReason = null;
        clearDueDateProposal();
        state = CommitmentState.DELIVERED;
    }

    public void accept(Actor actor) {
        guard(CommitmentAction.ACCEPT, actor);
        state = CommitmentState.ACCEPTED;
    }

    public void dispute(Actor actor, String reason) {
        guard(CommitmentAction.DISPUTE, actor);
        disputeReason = Text.required("reason", reason, "Say why the delivery is disputed.");
        state = CommitmentState.DISPUTED;
    }

    public void proposeClosure(Actor actor, ClosureKind kind, String reason) {
        guard(CommitmentAction.PROPOSE_CLOSURE, actor);
        if (kind == null) {
            throw new InvalidInput("kind", "Choose withdraw or waive.");
        }
        closureReason = Text.required("reason", reason, "Say why it should end without delivery.");
        closureKind = kind;
        closureProposedBy = partyOf(actor);
    }

    public void agreeClosure(Actor actor) {
        guard(CommitmentAction.AGREE_CLOSURE, actor);
        state = closureKind == ClosureKind.WITHDRAW ? CommitmentState.WITHDRAWN : CommitmentState.WAIVED;
        clearDueDateProposal();
    }

    public void declineClosure(Actor actor) {
        guard(CommitmentAction.DECLINE_CLOSURE, actor);
        closureKind = null;
        closureProposedBy = null;
        closureReason = null;
    }

    @Override
    public Alliance alliance() {
        return alliance;
    }

    @Override
    public String subjectType() {
        return "commitment";
    }

    @Override
    public CommitmentState state() {
        return state;
    }

    /** Its two sides, less the actor's: the portal acting tells both. */
    @Override
    public List<Organisation> audience(Actor actor) {
        return Stream.of(owner, beneficiary).filter(o -> !actor.belongsTo(o.id)).toList();
    }

    /** Past its due date and still owed. Derived, never stored. */
    public boolean isOverdue(LocalDate today) {
        return state.isOutstanding() && dueDate.isBefore(today);
    }

    public boolean hasAgreed(Long organisationId) {
        return organisationId.equals(owner.id) ? agreedByOwner : agreedByBeneficiary;
    }

    /** The commands this actor may issue now: the page shows exactly these. */
    public Set<CommitmentAction> availableTo(Actor actor) {
        Set<CommitmentAction> available = EnumSet.noneOf(CommitmentAction.class);
        for (CommitmentAction action : CommitmentAction.values()) {
            try {
                guard(action, actor);
                available.add(action);
            } catch (IllegalTransition | Forbidden e) {
                // not for this actor now
            }
        }
        return available;
    }

    /** The state table first, then who may do it. */
    void guard(CommitmentAction action, Actor actor) {
        if (!action.allowedFrom(state)) {
            throw new IllegalTransition("A " + state.name().toLowerCase() + " commitment cannot take '"
                    + action.name().toLowerCase().replace('_', ' ') + "'.");
        }
        switch (action) {
            case AGREE -> {
                requireLeadOf(actor, owner, beneficiary);
                if (hasAgreed(actor.organisationId())) {
                    throw new IllegalTransition("Your organisation has already agreed.");
                }
            }
            case PROPOSE_DUE_DATE -> {
                requireMemberOf(actor, owner, beneficiary);
                if (proposedDueDate != null) {
                    throw new IllegalTransition("A due-date change is already waiting for agreement.");
                }
            }
            case AGREE_DUE_DATE, DECLINE_DUE_DATE -> {
                if (proposedDueDate == null) {
                    throw new IllegalTransition("No due-date change is waiting for agreement.");
                }
                requireLeadOf(actor, otherSide(dueDateProposedBy));
            }
            case CLAIM_DELIVERY -> requireMemberOf(actor, owner);
            case ACCEPT, DISPUTE -> requireLeadOf(actor, beneficiary);
            case PROPOSE_CLOSURE -> {
                requireLeadOf(actor, owner, beneficiary);
                if (closureKind != null) {
                    throw new IllegalTransition("Ending this commitment is already proposed.");
                }
            }
            case AGREE_CLOSURE, DECLINE_CLOSURE -> {
                if (closureKind == null) {
                    throw new IllegalTransition("Nobody has proposed to end this commitment.");
                }
                // the proposer may take back a proposal, but only the other side can agree to it
                if (action == CommitmentAction.AGREE_CLOSURE) {
                    requireLeadOf(actor, otherSide(closureProposedBy));
                } else {
                    requireLeadOf(actor, owner, beneficiary);
                }
            }
        }
    }

    private Organisation otherSide(Organisation side) {
        return side.id.equals(owner.id) ? beneficiary : owner;
    }

    private Organisation partyOf(Actor actor) {
        return actor.belongsTo(owner.id) ? owner : beneficiary;
    }

    private void clearDueDateProposal() {
        proposedDueDate = null;
        dueDateProposedBy = null;
        dueDateReason = null;
    }

    private static Organisation party(Alliance alliance, Long organisationId) {
        return alliance.parties.stream().filter(o -> o.id.equals(organisationId)).findFirst().orElseThrow();
    }

}
