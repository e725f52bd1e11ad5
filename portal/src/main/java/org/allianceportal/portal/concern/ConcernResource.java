package org.allianceportal.portal.concern;

import static org.allianceportal.portal.web.Inputs.choice;
import static org.allianceportal.portal.web.Inputs.id;
import static org.allianceportal.portal.web.Inputs.names;
import static org.allianceportal.portal.web.Inputs.typed;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernBoard;
import org.allianceportal.core.concern.ConcernComment;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Form;
import org.allianceportal.portal.web.FormPost;
import org.jboss.resteasy.reactive.RestForm;

/** Concern pages: raise, and one form per lifecycle step on the concern's own page, with its thread. */
@Path("/alliances/{allianceId}/concerns")
@Produces(MediaType.TEXT_HTML)
public class ConcernResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance raise(Alliance alliance, Actor actor, List<Commitment> commitments, Form form);

        static native TemplateInstance list(Alliance alliance, ConcernBoard.Page page, ListQuery query, Instant now,
                ConcernState[] states, Severity[] severities);

        static native TemplateInstance show(Alliance alliance, Concern c, Set<String> can,
                List<ConcernComment> thread, Instant now, Form form);
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
    TimeKeeper time;

    @Inject
    ConcernBoard board;

    static final int PAGE_SIZE = 50;

    /** The list's filters as typed, for the form and the "next page" link. */
    public record ListQuery(String state, String severity, String raisedTo, String q) {
        public String params() {
            return "state=" + enc(state) + "&severity=" + enc(severity) + "&raisedTo=" + enc(raisedTo) + "&q=" + enc(q);
        }

        private static String enc(String value) {
            return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** Every concern of the alliance, newest first, 50 a page (keyset), with filters in the URL. */
    @GET
    public TemplateInstance list(@PathParam("allianceId") long allianceId, @QueryParam("state") String state,
            @QueryParam("severity") String severity, @QueryParam("raisedTo") String raisedTo, @QueryParam("q") String q,
            @QueryParam("after") String after) {
        Alliance alliance = alliances.get(current.get(), allianceId);
        ConcernBoard.Page page = board.page(alliance, new ConcernBoard.Filter(choice(ConcernState.class, state),
                choice(Severity.class, severity), id(raisedTo), q), after == null ? null : ConcernBoard.Cursor.of(after),
                PAGE_SIZE);
        return Templates.list(alliance, page, new ListQuery(state, severity, raisedTo, q), time.now(),
                ConcernState.values(), Severity.values());
    }

    @GET
    @Path("new")
    public TemplateInstance raiseForm(@PathParam("allianceId") long allianceId,
            @QueryParam("commitment") String commitmentId) {
        Form preset = commitmentId == null ? Form.NONE
                : new Form("raise", Map.of("commitmentId", commitmentId), Map.of());
        return raisePage(allianceId, preset);
    }

    @POST
    public Response raise(@PathParam("allianceId") long allianceId, @RestForm String raisedToId,
            @RestForm String severity, @RestForm String title, @RestForm String description,
            @RestForm String commitmentId) {
        Map<String, String> typed = Map.of("raisedToId", typed(raisedToId), "severity", typed(severity), "title", typed(title),
                "description", typed(description), "commitmentId", typed(commitmentId));
        return FormPost.handle("raise", typed, () -> "/alliances/" + allianceId + "/concerns/"
                + concerns.raise(current.get(), allianceId, new ConcernService.Draft(id(raisedToId),
                        choice(Severity.class, severity), title, description, id(commitmentId))).id,
                form -> raisePage(allianceId, form));
    }

    @GET
    @Path("{concernId}")
    public TemplateInstance show(@PathParam("allianceId") long allianceId, @PathParam("concernId") long concernId) {
        return page(allianceId, concernId, Form.NONE);
    }

    @POST
    @Path("{concernId}/acknowledge")
    public Response acknowledge(@PathParam("allianceId") long a, @PathParam("concernId") long c,
            @RestForm long version, @RestForm String note) {
        return step(a, c, "acknowledge", Map.of("note", typed(note)),
                () -> concerns.acknowledge(current.get(), new Ref(a, c, version), note));
    }

    @POST
    @Path("{concernId}/respond")
    public Response respond(@PathParam("allianceId") long a, @PathParam("concernId") long c,
            @RestForm long version, @RestForm String response) {
        return step(a, c, "respond", Map.of("response", typed(response)),
                () -> concerns.respond(current.get(), new Ref(a, c, version), response));
    }

    @POST
    @Path("{concernId}/resolution")
    public Response proposeResolution(@PathParam("allianceId") long a, @PathParam("concernId") long c,
            @RestForm long version, @RestForm String resolution) {
        return step(a, c, "resolution", Map.of("resolution", typed(resolution)),
                () -> concerns.proposeResolution(current.get(), new Ref(a, c, version), resolution));
    }

    @POST
    @Path("{concernId}/resolution/confirm")
    public Response confirmResolution(@PathParam("allianceId") long a, @PathParam("concernId") long c,
            @RestForm long version) {
        return step(a, c, "confirm", Map.of(), () -> concerns.confirmResolution(current.get(), new Ref(a, c, version)));
    }

    @POST
    @Path("{concernId}/resolution/reject")
    public Response rejectResolution(@PathParam("allianceId") long a, @PathParam("concernId") long c,
            @RestForm long version, @RestForm String note) {
        return step(a, c, "reject", Map.of("note", typed(note)),
                () -> concerns.rejectResolution(current.get(), new Ref(a, c, version), note));
    }

    @POST
    @Path("{concernId}/escalate")
    public Response escalate(@PathParam("allianceId") long a, @PathParam("concernId") long c,
            @RestForm long version, @RestForm String note) {
        return step(a, c, "escalate", Map.of("note", typed(note)),
                () -> concerns.escalate(current.get(), new Ref(a, c, version), note));
    }

    @POST
    @Path("{concernId}/reopen")
    public Response reopen(@PathParam("allianceId") long a, @PathParam("concernId") long c,
            @RestForm long version, @RestForm String note) {
        return step(a, c, "reopen", Map.of("note", typed(note)),
                () -> concerns.reopen(current.get(), new Ref(a, c, version), note));
    }

    @POST
    @Path("{concernId}/comments")
    public Response comment(@PathParam("allianceId") long a, @PathParam("concernId") long c, @RestForm String body) {
        return step(a, c, "comment", Map.of("body", typed(body)), () -> concerns.comment(current.get(), a, c, body));
    }

    /** Runs one lifecycle step: back to the concern, or its page again with the refused form. */
    private Response step(long allianceId, long concernId, String formName, Map<String, String> typed, Runnable command) {
        return FormPost.handle(formName, typed, () -> {
            command.run();
            return "/alliances/" + allianceId + "/concerns/" + concernId;
        }, form -> page(allianceId, concernId, form));
    }

    private TemplateInstance page(long allianceId, long concernId, Form form) {
        Actor actor = current.get();
        Concern c = concerns.get(actor, allianceId, concernId);
        return Templates.show(c.alliance, c, names(c.availableTo(actor)), concerns.thread(c), time.now(), form);
    }

    private TemplateInstance raisePage(long allianceId, Form form) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        return Templates.raise(alliance, actor, commitments.ofAlliance(alliance), form);
    }

}
