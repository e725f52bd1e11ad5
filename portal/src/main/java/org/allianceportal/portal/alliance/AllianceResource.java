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
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
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

    /** One alliance seen from the viewer's side: ours, theirs, and (with 3+ parties) between others. */
    public record Dashboard(Alliance alliance, Organisation us, List<Organisation> them,
            List<Commitment> weOwe, List<Commitment> owedToUs, List<Commitment> between,
            List<Concern> raisedByUs, List<Concern> raisedToUs, List<Concern> otherConcerns,
            Score health, List<HealthWarning> warnings, LocalDate today, Instant now) {
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
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

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
        // scoped once, above: the lists below are of that alliance
        List<Commitment> all = commitments.ofAlliance(alliance);
        List<Concern> open = concerns.ofAlliance(alliance).stream().filter(c -> c.state.isOpen()).toList();
        return Templates.dashboard(new Dashboard(alliance,
                alliance.parties.stream().filter(o -> o.id.equals(us)).findFirst().orElseThrow(),
                alliance.partiesOtherThan(us),
                all.stream().filter(c -> c.owner.id.equals(us)).toList(),
                all.stream().filter(c -> c.beneficiary.id.equals(us)).toList(),
                all.stream().filter(c -> !c.owner.id.equals(us) && !c.beneficiary.id.equals(us)).toList(),
                open.stream().filter(c -> c.raisedBy.id.equals(us)).toList(),
                open.stream().filter(c -> c.raisedTo.id.equals(us)).toList(),
                open.stream().filter(c -> !c.raisedBy.id.equals(us) && !c.raisedTo.id.equals(us)).toList(),
                health.score(alliance), health.openWarnings(alliance), time.today(), time.now()));
    }
}
