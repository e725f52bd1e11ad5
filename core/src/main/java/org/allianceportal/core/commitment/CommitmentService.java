package org.allianceportal.core.commitment;

import static org.allianceportal.core.log.ChangeRecorder.payload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Commands;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * One method per user intention on a commitment. Each runs in one transaction along the one command path
 * ({@link Commands}): a query scoped to the actor's organisation, the lifecycle step, the log entry and
 * the outbox events.
 */
@ApplicationScoped
public class CommitmentService {

    @Inject
    AllianceService alliances;

    @Inject
    ConcernService concerns;

    @Inject
    Commands commands;

    @Inject
    TimeKeeper time;

    /** All commitments of an alliance the actor's organisation is party to, soonest due first. */
    public List<Commitment> ofAlliance(Actor actor, long allianceId) {
        return ofAlliance(alliances.get(actor, allianceId));
    }

    /** All commitments of an alliance already scoped to the actor ({@link AllianceService#get}), soonest due first. */
    public List<Commitment> ofAlliance(Alliance alliance) {
        return Commitment.<Commitment>find("""
                select c from Commitment c join fetch c.owner join fetch c.beneficiary
                where c.alliance = ?1 order by c.dueDate, c.id""", alliance).list();
    }

    /** One commitment, only if it belongs to that alliance and the actor's organisation is party to it. */
    public Commitment get(Actor actor, long allianceId, long commitmentId) {
        return Commitment.inAlliance(alliances.get(actor, allianceId), commitmentId);
    }

    @Transactional
    public Commitment propose(Actor actor, long allianceId, CommitmentTerms terms) {
        Alliance alliance = commands.load(actor, allianceId);
        Commitment c = Commitment.propose(actor, alliance, terms, time.today());
        c.createdAt = time.now();
        c.persist();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", c.title);
        payload.put("description", c.description);
        payload.put("owner", c.owner.name);
        payload.put("beneficiary", c.beneficiary.name);
        payload.put("dueDate", c.dueDate);
        commands.record(actor, c, "commitment.proposed", payload);
        return c;
    }

    @Transactional
    public Commitment agree(Actor actor, Ref ref) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.agreed",
                c -> c.agree(actor),
                c -> payload("agreedBy", nameOf(actor, c)));
    }

    @Transactional
    public Commitment proposeDueDate(Actor actor, Ref ref, LocalDate newDueDate, String reason) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.due_date_change_proposed",
                c -> c.proposeDueDate(actor, newDueDate, reason, time.today()),
                c -> payload("from", c.dueDate, "to", c.proposedDueDate, "reason", c.dueDateReason));
    }

    @Transactional
    public Commitment agreeDueDate(Actor actor, Ref ref) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.due_date_changed",
                c -> c.agreeDueDate(actor),
                c -> payload("dueDate", c.dueDate, "originalDueDate", c.originalDueDate, "slipCount", c.slipCount));
    }

    @Transactional
    public Commitment declineDueDate(Actor actor, Ref ref) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.due_date_change_declined",
                c -> c.declineDueDate(actor),
                c -> payload("dueDate", c.dueDate));
    }

    @Transactional
    public Commitment claimDelivery(Actor actor, Ref ref, String evidence) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.delivered",
                c -> c.claimDelivery(actor, evidence, time.now()),
                c -> payload("evidence", c.evidence));
    }

    @Transactional
    public Commitment accept(Actor actor, Ref ref) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.accepted",
                c -> c.accept(actor),
                c -> payload());
    }

    /**
     * Disputing a delivery also opens a concern from the beneficiary to the owner, in the same transaction.
     * This method is where the two lifecycles meet; the concern side does not call back into commitments.
     */
    @Transactional
    public Commitment dispute(Actor actor, Ref ref, String reason) {
        Commitment disputed = commands.change(actor, ref, Commitment::inAlliance, "commitment.disputed",
                c -> c.dispute(actor, reason),
                c -> payload("reason", c.disputeReason));
        String title = "Delivery disputed: " + disputed.title;
        concerns.raise(actor, ref.allianceId(), new ConcernService.Draft(disputed.owner.id, Severity.MEDIUM,
                title.length() > Concern.TITLE_MAX ? title.substring(0, Concern.TITLE_MAX - 1) + "…" : title,
                disputed.disputeReason, disputed.id));
        return disputed;
    }

    @Transactional
    public Commitment proposeClosure(Actor actor, Ref ref, ClosureKind kind, String reason) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.closure_proposed",
                c -> c.proposeClosure(actor, kind, reason),
                c -> payload("kind", c.closureKind, "reason", c.closureReason));
    }

    @Transactional
    public Commitment agreeClosure(Actor actor, Ref ref) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.closed",
                c -> c.agreeClosure(actor),
                c -> payload());
    }

    @Transactional
    public Commitment declineClosure(Actor actor, Ref ref) {
        return commands.change(actor, ref, Commitment::inAlliance, "commitment.closure_declined",
                c -> c.declineClosure(actor),
                c -> payload());
    }

    private static String nameOf(Actor actor, Commitment c) {
        return actor.belongsTo(c.owner.id) ? c.owner.name : c.beneficiary.name;
    }
}
