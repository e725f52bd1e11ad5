package org.allianceportal.core.concern;

import static org.allianceportal.core.log.ChangeRecorder.payload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Commands;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Text;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * One method per user intention on a concern. Each runs in one transaction along the one command path
 * ({@link Commands}): a query scoped to the actor's organisation, the lifecycle step, the log entry and
 * the outbox events.
 */
@ApplicationScoped
public class ConcernService {

    /** What a user writes when raising a concern. */
    public record Draft(Long raisedToId, Severity severity, String title, String description, Long commitmentId) {
    }

    @Inject
    AllianceService alliances;

    @Inject
    Commands commands;

    @Inject
    TimeKeeper time;

    /** All concerns of an alliance the actor's organisation is party to, oldest first. */
    public List<Concern> ofAlliance(Actor actor, long allianceId) {
        return ofAlliance(alliances.get(actor, allianceId));
    }

    /** All concerns of an alliance already scoped to the actor ({@link AllianceService#get}), oldest first. */
    public List<Concern> ofAlliance(Alliance alliance) {
        return Concern.<Concern>find("""
                select c from Concern c join fetch c.raisedBy join fetch c.raisedTo left join fetch c.commitment
                where c.alliance = ?1 order by c.raisedAt, c.id""", alliance).list();
    }

    /** One concern, only if it belongs to that alliance and the actor's organisation is party to it. */
    public Concern get(Actor actor, long allianceId, long concernId) {
        return Concern.inAlliance(alliances.get(actor, allianceId), concernId);
    }

    /** Concerns about a commitment the actor has already loaded through the scoped query. */
    public List<Concern> about(Commitment commitment) {
        return Concern.list("commitment = ?1 order by raisedAt, id", commitment);
    }

    /** The thread of a concern the actor has already loaded through {@link #get}. */
    public List<ConcernComment> thread(Concern concern) {
        return ConcernComment.<ConcernComment>find(
                "from ConcernComment c left join fetch c.authorOrganisation where c.concern = ?1 order by c.createdAt, c.id",
                concern).list();
    }

    /** Raises a concern, about one of the alliance's commitments if the draft names one. */
    @Transactional
    public Concern raise(Actor actor, long allianceId, Draft draft) {
        Alliance alliance = commands.load(actor, allianceId);
        Commitment about = draft.commitmentId() == null ? null
                : Commitment.inAlliance(alliance, draft.commitmentId());
        Concern c = Concern.raise(actor, alliance, draft.raisedToId(), draft.severity(), draft.title(),
                draft.description(), about, time.now());
        return persistRaised(actor, c);
    }

    @Transactional
    public Concern acknowledge(Actor actor, Ref ref, String note) {
        return change(actor, ref, "concern.acknowledged", note, c -> c.acknowledge(actor, time.now()),
                c -> payload("breachedDeadline", c.deadlineBreached));
    }

    @Transactional
    public Concern respond(Actor actor, Ref ref, String response) {
        return change(actor, ref, "concern.responded", null, c -> c.respond(actor, response),
                c -> payload("response", c.response));
    }

    @Transactional
    public Concern proposeResolution(Actor actor, Ref ref, String resolution) {
        return change(actor, ref, "concern.resolution_proposed", null, c -> c.proposeResolution(actor, resolution),
                c -> payload("resolution", c.resolution));
    }

    @Transactional
    public Concern confirmResolution(Actor actor, Ref ref) {
        return change(actor, ref, "concern.resolved", null, c -> c.confirmResolution(actor, time.now()),
                c -> payload("resolution", c.resolution));
    }

    @Transactional
    public Concern rejectResolution(Actor actor, Ref ref, String reason) {
        return change(actor, ref, "concern.resolution_rejected", reason, c -> c.rejectResolution(actor),
                c -> payload());
    }

    @Transactional
    public Concern escalate(Actor actor, Ref ref, String reason) {
        return change(actor, ref, "concern.escalated", reason, c -> c.escalate(actor, time.now()),
                c -> payload("level", c.level, "acknowledgeBy", c.acknowledgeBy));
    }

    @Transactional
    public Concern reopen(Actor actor, Ref ref, String reason) {
        return change(actor, ref, "concern.reopened", reason, c -> c.reopen(actor, time.now()),
                c -> payload("reopenCount", c.reopenCount, "acknowledgeBy", c.acknowledgeBy));
    }

    /** A comment does not change the concern, so it needs no version: two people may write at once. */
    @Transactional
    public ConcernComment comment(Actor actor, long allianceId, long concernId, String body) {
        Concern c = Concern.inAlliance(commands.load(actor, allianceId), concernId);
        c.checkCanComment(actor);
        ConcernComment comment = addComment(actor, c, null,
                Text.required("body", body, "Write something before posting."));
        commands.record(actor, c, "concern.commented", payload("body", comment.body));
        return comment;
    }

    /**
     * Records every acknowledgement deadline that has passed and moves those concerns one level up
     * the ladder, telling both sides. Safe to run on several instances: each concern is versioned.
     */
    @Transactional
    public int escalateOverdueAcknowledgements() {
        Instant now = time.now();
        List<Concern> overdue = Concern.<Concern>find("""
                select c from Concern c join fetch c.alliance join fetch c.raisedBy join fetch c.raisedTo
                where c.state in ?1 and c.acknowledgeBy < ?2 and c.deadlineBreached = false
                and c.alliance.archivedAt is null
                order by c.acknowledgeBy""",
                List.of(ConcernState.RAISED, ConcernState.ESCALATED), now).page(0, 100).list();
        Actor system = Actor.system();
        for (Concern c : overdue) {
            if (c.breachIfOverdue(now)) {
                commands.record(system, c, "concern.acknowledgement_breached",
                        payload("state", c.state, "level", c.level, "acknowledgeBy", c.acknowledgeBy,
                                "breachCount", c.breachCount));
            }
        }
        return overdue.size();
    }

    private Concern persistRaised(Actor actor, Concern c) {
        c.createdAt = c.raisedAt;
        c.persist();
        commands.record(actor, c, "concern.raised", payload(
                "title", c.title,
                "description", c.description,
                "severity", c.severity,
                "raisedBy", c.raisedBy.name,
                "raisedTo", c.raisedTo.name,
                "commitmentId", c.commitment == null ? null : c.commitment.id,
                "acknowledgeBy", c.acknowledgeBy,
                "state", c.state));
        return c;
    }

    /** The command path, plus the note a step may carry: it joins the thread and the log entry. */
    private Concern change(Actor actor, Ref ref, String action, String note, Consumer<Concern> step,
            Function<Concern, Map<String, Object>> details) {
        return commands.change(actor, ref, Concern::inAlliance, action, step, c -> {
            Map<String, Object> payload = new LinkedHashMap<>(details.apply(c));
            String cleanNote = Text.optional("note", note);
            if (cleanNote != null) {
                addComment(actor, c, action.substring(action.indexOf('.') + 1), cleanNote);
                payload.put("note", cleanNote);
            }
            return payload;
        });
    }

    private ConcernComment addComment(Actor actor, Concern c, String occasion, String body) {
        ConcernComment comment = new ConcernComment();
        comment.concern = c;
        comment.authorUserId = actor.userId();
        comment.authorName = actor.name();
        comment.authorOrganisation = actor.organisationId() == null ? null
                : Organisation.findById(actor.organisationId());
        comment.occasion = occasion;
        comment.body = body;
        comment.createdAt = time.now();
        comment.persist();
        return comment;
    }
}
