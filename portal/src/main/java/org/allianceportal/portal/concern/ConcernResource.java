package org.allianceportal.portal.concern;

import static org.allianceportal.portal.web.Inputs.choice;
import static org.allianceportal.portal.web.Inputs.enc;
import static org.allianceportal.portal.web.Inputs.each;
import static org.allianceportal.portal.web.Inputs.filterChoice;
import static org.allianceportal.portal.web.Inputs.filterChoices;
import static org.allianceportal.portal.web.Inputs.holds;
import static org.allianceportal.portal.web.Inputs.id;
import static org.allianceportal.portal.web.Inputs.names;
import static org.allianceportal.portal.web.Inputs.typed;
import static org.allianceportal.portal.web.Inputs.wholeNumber;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentBoard;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernBoard;
import org.allianceportal.core.concern.ConcernComment;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Keyset;
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
    ConcernService concerns;

    @Inject
    TimeKeeper time;

    @Inject
    ConcernBoard board;

    static final int PAGE_SIZE = 50;

    /** The most commitments the raise form offers to choose from. */
    static final int COMMITMENT_CHOICES = 50;

    @Inject
    CommitmentBoard commitmentBoard;

    /** The list's filters and order as typed, for the form and the "next page" link; every state chosen. */
    public record ListQuery(List<String> states, String severity, String raisedTo, String q, String sort) {
        public ListQuery {
            states = states == null ? List.of() : List.copyOf(states);
        }

        public String params() {
            return each("state", states) + "severity=" + enc(severity) + "&raisedTo=" + enc(raisedTo) + "&q=" + enc(q)
                    + "&sort=" + enc(sort);
        }

        /** Whether the form shows {@code state} ticked. */
        public boolean chose(String state) {
            return holds(states, state);
        }

        public List<Keyset.Sort> sorts() {
            return ConcernBoard.SORTS;
        }

        /** The address of the page after the one whose token is {@code token}, with the same filters and order. */
        public String after(String token) {
            return params() + "&after=" + enc(token);
        }
    }

    /**
     * Every concern of the alliance, newest first unless sorted otherwise, 50 a page (keyset), with filters,
     * a text search and the order in the URL; a filter that cannot be read is a clear message. {@code state}
     * may repeat: any of them.
     */
    @GET
    public TemplateInstance list(@PathParam("allianceId") long allianceId, @QueryParam("state") List<String> state,
            @QueryParam("severity") String severity, @QueryParam("raisedTo") String raisedTo, @QueryParam("q") String q,
            @QueryParam("sort") String sort, @QueryParam("after") String after) {
        Alliance alliance = alliances.get(current.get(), allianceId);
        ConcernBoard.Filter filter = new ConcernBoard.Filter(filterChoices("state", ConcernState.class, state, "The state"),
                filterChoice("severity", Severity.class, severity, "The severity"),
                wholeNumber("raisedTo", raisedTo, "Raised to"), q);
        ConcernBoard.Page page = board.page(alliance, filter, Keyset.Sort.named(ConcernBoard.SORTS, sort), after, PAGE_SIZE);
        return Templates.list(alliance, page, new ListQuery(state, severity, raisedTo, q, sort), time.now(),
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

    /**
     * The form offers the commitments a concern is most likely about, bounded whatever the alliance's size (the
     * open ones soonest due, then the latest settled), and the one chosen on a commitment's page if it is not
     * among them.
     */
    private TemplateInstance raisePage(long allianceId, Form form) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        List<Commitment> choices = new ArrayList<>(commitmentBoard.current(alliance, COMMITMENT_CHOICES));
        Long chosen = id(form.value("raise", "commitmentId"));
        if (chosen != null && choices.stream().noneMatch(c -> c.id.equals(chosen))) {
            Commitment.<Commitment>find("id = ?1 and alliance = ?2", chosen, alliance)
                    .firstResultOptional().ifPresent(c -> choices.add(0, c));
        }
        return Templates.raise(alliance, actor, choices, form);
    }

}
