package org.allianceportal.portal.health;

import static org.allianceportal.portal.web.Inputs.number;
import static org.allianceportal.portal.web.Inputs.typed;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.allianceportal.core.health.HealthThresholds;
import org.allianceportal.core.health.SignalRow;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Form;
import org.allianceportal.portal.web.FormPost;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The trust-health page: the index with every point lost explained, the trend of weekly snapshots, the
 * balance view of each party's figures side by side, the open warnings with the leads' response form,
 * and the alliance's warning lines. Every party sees the same page; only the forms depend on the role.
 */
@Path("/alliances/{allianceId}/health")
@Produces(MediaType.TEXT_HTML)
public class HealthResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance health(TrustHealth.Health h, TrendChart trend, java.util.List<String> signals,
                boolean lead, Form form);
    }

    @Inject
    CurrentActor current;

    @Inject
    TrustHealth health;

    @Inject
    TimeKeeper time;

    @GET
    public TemplateInstance show(@PathParam("allianceId") long allianceId) {
        return page(allianceId, Form.NONE);
    }

    @POST
    @Path("thresholds")
    public Response thresholds(@PathParam("allianceId") long allianceId, @RestForm long version,
            @RestForm String warnBelow, @RestForm String urgentBelow, @RestForm String maxDrop,
            @RestForm String silenceDays, @RestForm String maxDisputes, @RestForm String maxBreaches,
            @RestForm String maxOverdue, @RestForm String maxMissedCheckIns) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("warnBelow", typed(warnBelow));
        typed.put("urgentBelow", typed(urgentBelow));
        typed.put("maxDrop", typed(maxDrop));
        typed.put("silenceDays", typed(silenceDays));
        typed.put("maxDisputes", typed(maxDisputes));
        typed.put("maxBreaches", typed(maxBreaches));
        typed.put("maxOverdue", typed(maxOverdue));
        typed.put("maxMissedCheckIns", typed(maxMissedCheckIns));
        return FormPost.handle("thresholds", typed, () -> {
            health.setThresholds(current.get(), allianceId, version, new HealthThresholds.Draft(number(warnBelow),
                    number(urgentBelow), number(maxDrop), number(silenceDays), number(maxDisputes),
                    number(maxBreaches), number(maxOverdue), number(maxMissedCheckIns)));
            return "/alliances/" + allianceId + "/health";
        }, form -> page(allianceId, form));
    }

    @POST
    @Path("warnings/{warningId}/respond")
    public Response respond(@PathParam("allianceId") long allianceId, @PathParam("warningId") long warningId,
            @RestForm long version, @RestForm String response) {
        return FormPost.handle("respond", Map.of("response", typed(response)), () -> {
            health.respond(current.get(), new Ref(allianceId, warningId, version), response);
            return "/alliances/" + allianceId + "/health";
        }, form -> page(allianceId, form));
    }

    private TemplateInstance page(long allianceId, Form form) {
        Actor actor = current.get();
        TrustHealth.Health h = health.of(actor, allianceId);
        TrendChart trend = TrendChart.of(h.trend(), TrustHealth.week(time.now()), TrustHealth.TREND_WEEKS,
                h.thresholds().warnBelow, h.thresholds().urgentBelow);
        return Templates.health(h, trend, SignalRow.PARTY_SIGNALS, actor.isLead(), form);
    }
}
