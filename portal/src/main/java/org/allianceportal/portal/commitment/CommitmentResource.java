package org.allianceportal.portal.commitment;

import static org.allianceportal.portal.web.Inputs.choice;
import static org.allianceportal.portal.web.Inputs.enc;
import static org.allianceportal.portal.web.Inputs.each;
import static org.allianceportal.portal.web.Inputs.filterChoices;
import static org.allianceportal.portal.web.Inputs.holds;
import static org.allianceportal.portal.web.Inputs.date;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.commitment.ClosureKind;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentBoard;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Keyset;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Form;
import org.allianceportal.portal.web.FormPost;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Commitment pages: propose, and one form per lifecycle step on the commitment's own page. */
@Path("/alliances/{allianceId}/commitments")
@Produces(MediaType.TEXT_HTML)
public class CommitmentResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance propose(Alliance alliance, Actor actor, Form form);

        static native TemplateInstance list(Alliance alliance, CommitmentBoard.Page page, ListQuery query, LocalDate today,
                CommitmentState[] states);

        static native TemplateInstance show(Alliance alliance, Commitment c, Set<String> can,
                List<Concern> concerns, LocalDate today, Form form);
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
    CommitmentBoard board;

    static final int PAGE_SIZE = 50;

    /** The list's filters and order as typed, for the form and the "next page" link; every state chosen. */
    public record ListQuery(List<String> states, String owner, String beneficiary, String dueFrom, String dueBy, String q,
            String sort) {
        public ListQuery {
            states = states == null ? List.of() : List.copyOf(states);
        }

        public String params() {
            return each("state", states) + "owner=" + enc(owner) + "&beneficiary=" + enc(beneficiary) + "&dueFrom="
                    + enc(dueFrom) + "&dueBy=" + enc(dueBy) + "&q=" + enc(q) + "&sort=" + enc(sort);
        }

        /** Whether the form shows {@code state} ticked. */
        public boolean chose(String state) {
            return holds(states, state);
        }

        public List<Keyset.Sort> sorts() {
            return CommitmentBoard.SORTS;
        }

        /** The address of the page after the one whose token is {@code token}, with the same filters and order. */
        public String after(String token) {
            return params() + "&after=" + enc(token);
        }
    }

    /**
     * Every commitment of the alliance, 50 a page (keyset), with filters, a text search and the order in the
     * URL; a filter that cannot be read is a clear message, not an empty or a broken list. {@code state} may
     * repeat (any of them) and the due dates bound both ways, so a grouped reminder links to just its kind.
     */
    @GET
    public TemplateInstance list(@PathParam("allianceId") long allianceId, @RestQuery List<String> state,
            @RestQuery String owner, @RestQuery String beneficiary, @RestQuery String dueFrom, @RestQuery String dueBy,
            @RestQuery String q, @RestQuery String sort, @RestQuery String after) {
        Alliance alliance = alliances.get(current.get(), allianceId);
        CommitmentBoard.Filter filter = new CommitmentBoard.Filter(
                filterChoices("state", CommitmentState.class, state, "The state"),
                wholeNumber("owner", owner, "Owed by"), wholeNumber("beneficiary", beneficiary, "Owed to"),
                date("dueFrom", dueFrom), date("dueBy", dueBy), q);
        CommitmentBoard.Page page = board.page(alliance, filter, Keyset.Sort.named(CommitmentBoard.SORTS, sort), after,
                PAGE_SIZE);
        return Templates.list(alliance, page, new ListQuery(state, owner, beneficiary, dueFrom, dueBy, q, sort),
                time.today(), CommitmentState.values());
    }

    @GET
    @Path("new")
    public TemplateInstance proposeForm(@PathParam("allianceId") long allianceId) {
        return Templates.propose(alliances.get(current.get(), allianceId), current.get(), Form.NONE);
    }

    @POST
    public Response propose(@PathParam("allianceId") long allianceId, @RestForm String title,
            @RestForm String description, @RestForm String ownerId, @RestForm String beneficiaryId,
            @RestForm String dueDate) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        Map<String, String> typed = Map.of("title", typed(title), "description", typed(description), "ownerId", typed(ownerId),
                "beneficiaryId", typed(beneficiaryId), "dueDate", typed(dueDate));
        return FormPost.handle("propose", typed, () -> "/alliances/" + allianceId + "/commitments/"
                + commitments.propose(actor, allianceId, new CommitmentTerms(title, description, id(ownerId),
                        id(beneficiaryId), date("dueDate", dueDate))).id,
                form -> Templates.propose(alliance, actor, form));
    }

    @GET
    @Path("{commitmentId}")
    public TemplateInstance show(@PathParam("allianceId") long allianceId, @PathParam("commitmentId") long commitmentId) {
        return page(allianceId, commitmentId, Form.NONE);
    }

    @POST
    @Path("{commitmentId}/agree")
    public Response agree(@PathParam("allianceId") long a, @PathParam("commitmentId") long c, @RestForm long version) {
        return step(a, c, "agree", Map.of(), () -> commitments.agree(current.get(), new Ref(a, c, version)));
    }

    @POST
    @Path("{commitmentId}/due-date")
    public Response proposeDueDate(@PathParam("allianceId") long a, @PathParam("commitmentId") long c,
            @RestForm long version, @RestForm String newDueDate, @RestForm String reason) {
        return step(a, c, "due-date", Map.of("newDueDate", typed(newDueDate), "reason", typed(reason)),
                () -> commitments.proposeDueDate(current.get(), new Ref(a, c, version),
                        date("newDueDate", newDueDate), reason));
    }

    @POST
    @Path("{commitmentId}/due-date/agree")
    public Response agreeDueDate(@PathParam("allianceId") long a, @PathParam("commitmentId") long c,
            @RestForm long version) {
        return step(a, c, "due-date-agree", Map.of(), () -> commitments.agreeDueDate(current.get(), new Ref(a, c, version)));
    }

    @POST
    @Path("{commitmentId}/due-date/decline")
    public Response declineDueDate(@PathParam("allianceId") long a, @PathParam("commitmentId") long c,
            @RestForm long version) {
        return step(a, c, "due-date-decline", Map.of(),
                () -> commitments.declineDueDate(current.get(), new Ref(a, c, version)));
    }

    @POST
    @Path("{commitmentId}/delivery")
    public Response claimDelivery(@PathParam("allianceId") long a, @PathParam("commitmentId") long c,
            @RestForm long version, @RestForm String evidence) {
        return step(a, c, "delivery", Map.of("evidence", typed(evidence)),
                () -> commitments.claimDelivery(current.get(), new Ref(a, c, version), evidence));
    }

    @POST
    @Path("{commitmentId}/accept")
    public Response accept(@PathParam("allianceId") long a, @PathParam("commitmentId") long c, @RestForm long version) {
        return step(a, c, "accept", Map.of(), () -> commitments.accept(current.get(), new Ref(a, c, version)));
    }

    @POST
    @Path("{commitmentId}/dispute")
    public Response dispute(@PathParam("allianceId") long a, @PathParam("commitmentId") long c,
            @RestForm long version, @RestForm String reason) {
        return step(a, c, "dispute", Map.of("reason", typed(reason)),
                () -> commitments.dispute(current.get(), new Ref(a, c, version), reason));
    }

    @POST
    @Path("{commitmentId}/closure")
    public Response proposeClosure(@PathParam("allianceId") long a, @PathParam("commitmentId") long c,
            @RestForm long version, @RestForm String kind, @RestForm String reason) {
        return step(a, c, "closure", Map.of("kind", typed(kind), "reason", typed(reason)),
                () -> commitments.proposeClosure(current.get(), new Ref(a, c, version), choice(ClosureKind.class, kind), reason));
    }

    @POST
    @Path("{commitmentId}/closure/agree")
    public Response agreeClosure(@PathParam("allianceId") long a, @PathParam("commitmentId") long c,
            @RestForm long version) {
        return step(a, c, "closure-agree", Map.of(), () -> commitments.agreeClosure(current.get(), new Ref(a, c, version)));
    }

    @POST
    @Path("{commitmentId}/closure/decline")
    public Response declineClosure(@PathParam("allianceId") long a, @PathParam("commitmentId") long c,
            @RestForm long version) {
        return step(a, c, "closure-decline", Map.of(),
                () -> commitments.declineClosure(current.get(), new Ref(a, c, version)));
    }

    /** Runs one lifecycle step: back to the commitment, or its page again with the refused form. */
    private Response step(long allianceId, long commitmentId, String formName, Map<String, String> typed,
            Supplier<Commitment> command) {
        return FormPost.handle(formName, typed, () -> {
            command.get();
            return "/alliances/" + allianceId + "/commitments/" + commitmentId;
        }, form -> page(allianceId, commitmentId, form));
    }

    private TemplateInstance page(long allianceId, long commitmentId, Form form) {
        Actor actor = current.get();
        Commitment c = commitments.get(actor, allianceId, commitmentId);
        List<Concern> about = concerns.about(c);
        return Templates.show(c.alliance, c, names(c.availableTo(actor)), about, time.today(), form);
    }
}
