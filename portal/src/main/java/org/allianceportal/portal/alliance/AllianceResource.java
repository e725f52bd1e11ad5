package org.allianceportal.portal.alliance;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentBoard;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernBoard;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.health.HealthWarning;
import org.allianceportal.core.health.Score;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.core.log.ByLogSize;
import org.allianceportal.core.overview.StateCounts;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.centre.NotificationCentre;
import org.allianceportal.notifications.delivery.Delivery;
import org.allianceportal.portal.web.CurrentActor;

/** The alliances a user's organisation is party to: the list and each dashboard. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AllianceResource {

    static final int RECENT_NOTICES = 10;

    /**
     * The most commitments, and the most open concerns, a dashboard lists: what needs attention first, with a link
     * to the full list (which has everything, page by page) when there are more.
     */
    public static final int SHOWN = 10;

    /** The most of each kind waiting for the viewer's organisation: what it must act on, so more of it. */
    static final int AWAITING = 30;

    /**
     * What a dashboard lists for one party of an alliance, read in one go: what waits for us, the commitments (open
     * ones soonest due, then the latest settled) and the open concerns oldest first (each bounded, split into ours,
     * theirs and, with 3+ parties, between others), and the open warnings. It depends only on the alliance's record
     * (every change to these appends to its log) and, through the organisations' names (renamed by administrators,
     * outside the log), on the minute: so it is kept per log size and minute ({@link ByLogSize}), read-only.
     */
    public record Lists(List<Commitment> awaitingUs, List<Concern> concernsAwaitingUs,
            List<Commitment> weOwe, List<Commitment> owedToUs, List<Commitment> between,
            List<Concern> raisedByUs, List<Concern> raisedToUs, List<Concern> otherConcerns,
            List<HealthWarning> warnings) {
    }

    /** One alliance seen from the viewer's side: its lists, the counts per state and the health index. */
    public record Dashboard(Alliance alliance, Organisation us, List<Organisation> them, Lists lists,
            Map<CommitmentState, Long> commitmentCounts, Map<ConcernState, Long> concernCounts,
            Score health, LocalDate today, Instant now) {

        public List<Commitment> awaitingUs() {
            return lists.awaitingUs();
        }

        public List<Concern> concernsAwaitingUs() {
            return lists.concernsAwaitingUs();
        }

        public List<Commitment> weOwe() {
            return lists.weOwe();
        }

        public List<Commitment> owedToUs() {
            return lists.owedToUs();
        }

        public List<Commitment> between() {
            return lists.between();
        }

        public List<Concern> raisedByUs() {
            return lists.raisedByUs();
        }

        public List<Concern> raisedToUs() {
            return lists.raisedToUs();
        }

        public List<Concern> otherConcerns() {
            return lists.otherConcerns();
        }

        public List<HealthWarning> warnings() {
            return lists.warnings();
        }

        public int shown() {
            return SHOWN;
        }

        public long openCommitments() {
            return CommitmentBoard.OPEN.stream().mapToLong(commitmentCounts::get).sum();
        }

        public long openConcerns() {
            return concernCounts.entrySet().stream().filter(e -> e.getKey().isOpen()).mapToLong(Map.Entry::getValue)
                    .sum();
        }

        public long allCommitments() {
            return commitmentCounts.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Whether the lists below show only the first {@link #SHOWN}. */
        public boolean moreCommitments() {
            return allCommitments() > SHOWN;
        }

        public boolean moreConcerns() {
            return openConcerns() > SHOWN;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Alliance> alliances, Organisation us, List<Delivery> notices);

        static native TemplateInstance dashboard(Dashboard d);

    }

    @Inject
    CurrentActor current;

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentBoard commitmentBoard;

    @Inject
    ConcernBoard concernBoard;

    @Inject
    StateCounts stateCounts;

    @Inject
    TrustHealth health;

    @Inject
    TimeKeeper time;

    @Inject
    ByLogSize record;

    @Inject
    NotificationCentre centre;

    /** A platform administrator, who is party to no alliance, starts in the admin console. */
    @GET
    public Object index() {
        Actor actor = current.get();
        if (actor.isAdmin() && actor.organisationId() == null) {
            return Response.seeOther(URI.create("/admin")).build();
        }
        return Templates.index(alliances.visibleTo(actor), current.organisation().orElse(null),
                centre.page(actor.userId(), 0, RECENT_NOTICES));
    }

    @GET
    @Path("alliances/{allianceId}")
    public TemplateInstance dashboard(@PathParam("allianceId") long allianceId) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        Long us = actor.organisationId();
        StateCounts.Counts counts = stateCounts.of(alliance);
        return Templates.dashboard(new Dashboard(alliance,
                alliance.parties.stream().filter(o -> o.id.equals(us)).findFirst().orElseThrow(),
                alliance.partiesOtherThan(us), lists(alliance, us),
                counts.commitments(), counts.concerns(),
                health.score(alliance), time.today(), time.now()));
    }

    /** The lists of the dashboard as our organisation sees them, read again once the log has grown or a minute passed. */
    private Lists lists(Alliance alliance, long us) {
        return record.thisMinute("dashboard lists of organisation " + us, alliance.id, () -> {
            // scoped once, above: every list below is of that alliance, and bounded
            List<Commitment> open = commitmentBoard.current(alliance, SHOWN);
            List<Concern> openConcerns = concernBoard.open(alliance, SHOWN);
            return new Lists(commitmentBoard.awaiting(alliance, us, AWAITING), concernBoard.awaiting(alliance, us, AWAITING),
                    open.stream().filter(c -> c.owner.id.equals(us)).toList(),
                    open.stream().filter(c -> c.beneficiary.id.equals(us)).toList(),
                    open.stream().filter(c -> !c.owner.id.equals(us) && !c.beneficiary.id.equals(us)).toList(),
                    openConcerns.stream().filter(c -> c.raisedBy.id.equals(us)).toList(),
                    openConcerns.stream().filter(c -> c.raisedTo.id.equals(us)).toList(),
                    openConcerns.stream().filter(c -> !c.raisedBy.id.equals(us) && !c.raisedTo.id.equals(us)).toList(),
                    List.copyOf(health.openWarnings(alliance)));
        });
    }
}
