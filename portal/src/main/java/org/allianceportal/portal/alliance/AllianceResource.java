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

    /** The most of each kind a dashboard shows; the lists behind "all ..." have everything, page by page. */
    static final int SHOWN = 30;

    /**
     * One alliance seen from the viewer's side, built for a big alliance: what waits for us, the
     * commitments (open ones soonest due, then the latest settled) and the open concerns oldest first (each bounded, split into ours, theirs
     * and, with 3+ parties, between others), and counts per state.
     */
    public record Dashboard(Alliance alliance, Organisation us, List<Organisation> them,
            List<Commitment> awaitingUs, List<Concern> concernsAwaitingUs,
            List<Commitment> weOwe, List<Commitment> owedToUs, List<Commitment> between,
            List<Concern> raisedByUs, List<Concern> raisedToUs, List<Concern> otherConcerns,
            Map<CommitmentState, Long> commitmentCounts, Map<ConcernState, Long> concernCounts,
            Score health, List<HealthWarning> warnings, LocalDate today, Instant now) {

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
    TrustHealth health;

    @Inject
    TimeKeeper time;

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
        // scoped once, above: every list below is of that alliance, and bounded
        List<Commitment> open = commitmentBoard.current(alliance, SHOWN);
        List<Concern> openConcerns = concernBoard.open(alliance, SHOWN);
        return Templates.dashboard(new Dashboard(alliance,
                alliance.parties.stream().filter(o -> o.id.equals(us)).findFirst().orElseThrow(),
                alliance.partiesOtherThan(us),
                commitmentBoard.awaiting(alliance, us, SHOWN), concernBoard.awaiting(alliance, us, SHOWN),
                open.stream().filter(c -> c.owner.id.equals(us)).toList(),
                open.stream().filter(c -> c.beneficiary.id.equals(us)).toList(),
                open.stream().filter(c -> !c.owner.id.equals(us) && !c.beneficiary.id.equals(us)).toList(),
                openConcerns.stream().filter(c -> c.raisedBy.id.equals(us)).toList(),
                openConcerns.stream().filter(c -> c.raisedTo.id.equals(us)).toList(),
                openConcerns.stream().filter(c -> !c.raisedBy.id.equals(us) && !c.raisedTo.id.equals(us)).toList(),
                commitmentBoard.countsByState(alliance), concernBoard.countsByState(alliance),
                health.score(alliance), health.openWarnings(alliance), time.today(), time.now()));
    }
}
