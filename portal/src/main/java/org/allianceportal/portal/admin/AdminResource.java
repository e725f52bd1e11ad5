package org.allianceportal.portal.admin;

import static org.allianceportal.portal.web.Inputs.choice;
import static org.allianceportal.portal.web.Inputs.date;
import static org.allianceportal.portal.web.Inputs.id;
import static org.allianceportal.portal.web.Inputs.number;
import static org.allianceportal.portal.web.Inputs.time;
import static org.allianceportal.portal.web.Inputs.typed;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.allianceportal.core.admin.AllianceAdministration;
import org.allianceportal.core.admin.OrganisationAdministration;
import org.allianceportal.core.admin.PeopleAdministration;
import org.allianceportal.core.admin.PeopleAdministration.Invitation;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.Cadence;
import org.allianceportal.core.checkin.CheckInService.CadenceDraft;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.Role;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Form;
import org.allianceportal.portal.web.FormPost;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The admin console (platform administrators, realm role {@code portal-admin}): organisations, their
 * people, alliances; and {@code /organisation/people}, where a lead manages the members of their own
 * organisation. Every rule is core's; this only reads forms and shows pages.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AdminResource {

    /** One organisation's page: in the console, or a lead's own at /organisation/people. */
    public record OrganisationPage(Organisation organisation, List<Membership> people, boolean admin, String base) {
    }

    /** One alliance's page in the console. */
    public record AlliancePage(Alliance alliance, List<Organisation> others, Map<Severity, Integer> deadlines,
            Optional<Cadence> cadence) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance console(List<Organisation> organisations, List<Alliance> alliances,
                Map<Long, Long> peopleCount, Form form);

        static native TemplateInstance organisation(OrganisationPage page, Form form);

        static native TemplateInstance alliance(AlliancePage page, Form form);
    }

    @Inject
    CurrentActor current;

    @Inject
    OrganisationAdministration organisations;

    @Inject
    PeopleAdministration people;

    @Inject
    AllianceAdministration alliances;

    @Inject
    KeycloakDirectory directory;

    // ---------------------------------------------------------------- console

    @GET
    @Path("admin")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public TemplateInstance console() {
        return consolePage(Form.NONE);
    }

    private TemplateInstance consolePage(Form form) {
        Actor actor = current.get();
        Map<Long, Long> counts = new LinkedHashMap<>();
        for (Object[] row : Membership.getEntityManager().createQuery("""
                select m.organisation.id, count(m) from Membership m
                where m.status <> :removed and m.organisation is not null group by m.organisation.id""", Object[].class)
                .setParameter("removed", MembershipStatus.REMOVED).getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return Templates.console(organisations.all(actor), alliances.all(actor), counts, form);
    }

    @POST
    @Path("admin/organisations")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response createOrganisation(@RestForm String name, @RestForm String alias) {
        return FormPost.handle("organisation", Map.of("name", typed(name), "alias", typed(alias)),
                () -> "/admin/organisations/" + organisations.create(current.get(), name, alias, directory).id,
                this::consolePage);
    }

    @POST
    @Path("admin/alliances")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response createAlliance(@RestForm String name, @RestForm String description,
            @RestForm("parties") List<String> parties) {
        Map<String, String> typed = new LinkedHashMap<>(Map.of("name", typed(name), "description", typed(description)));
        if (parties != null) {
            parties.forEach(p -> typed.put("party-" + p, "on"));
        }
        return FormPost.handle("alliance", typed, () -> "/admin/alliances/" + alliances.found(current.get(), name,
                description, parties == null ? List.of() : parties.stream().map(p -> id(p)).toList()).id,
                this::consolePage);
    }

    // ---------------------------------------------------------------- organisations and people

    @GET
    @Path("admin/organisations/{organisationId}")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public TemplateInstance organisation(@PathParam("organisationId") long organisationId) {
        return organisationPage(organisationId, Form.NONE);
    }

    /** A lead's own organisation: its people, inviting and removing members. */
    @GET
    @Path("organisation/people")
    public TemplateInstance ownPeople() {
        return organisationPage(ownOrganisation(), Form.NONE);
    }

    private TemplateInstance organisationPage(long organisationId, Form form) {
        Actor actor = current.get();
        Organisation organisation = organisations.administered(actor, organisationId);
        return Templates.organisation(new OrganisationPage(organisation, people.peopleOf(actor, organisationId),
                actor.isAdmin(), actor.isAdmin() ? "/admin/organisations/" + organisationId : "/organisation/people"),
                form);
    }

    @POST
    @Path("admin/organisations/{organisationId}/rename")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response rename(@PathParam("organisationId") long organisationId, @RestForm String name) {
        return FormPost.handle("rename", Map.of("name", typed(name)), () -> {
            organisations.rename(current.get(), organisationId, name, directory);
            return "/admin/organisations/" + organisationId;
        }, form -> organisationPage(organisationId, form));
    }

    @POST
    @Path("admin/organisations/{organisationId}/disable")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response disable(@PathParam("organisationId") long organisationId) {
        return organisationStep(organisationId, "disable",
                () -> organisations.disable(current.get(), organisationId, directory));
    }

    @POST
    @Path("admin/organisations/{organisationId}/people")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response invite(@PathParam("organisationId") long organisationId, @RestForm String email,
            @RestForm String name, @RestForm String role) {
        return invite(organisationId, email, name, role, "/admin/organisations/" + organisationId);
    }

    @POST
    @Path("organisation/people")
    public Response inviteOwn(@RestForm String email, @RestForm String name, @RestForm String role) {
        return invite(ownOrganisation(), email, name, role == null ? Role.MEMBER.name() : role, "/organisation/people");
    }

    private Response invite(long organisationId, String email, String name, String role, String back) {
        return FormPost.handle("invite", Map.of("email", typed(email), "name", typed(name), "role", typed(role)), () -> {
            people.invite(current.get(), organisationId, new Invitation(email, name, choice(Role.class, role)), directory);
            return back;
        }, form -> organisationPage(organisationId, form));
    }

    @POST
    @Path("admin/organisations/{organisationId}/people/{personId}/resend")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response resend(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId) {
        return organisationStep(organisationId, "resend",
                () -> people.resend(current.get(), organisationId, personId, directory));
    }

    @POST
    @Path("admin/organisations/{organisationId}/people/{personId}/disable")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response disablePerson(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId) {
        return organisationStep(organisationId, "disable-person",
                () -> people.disable(current.get(), organisationId, personId, directory));
    }

    @POST
    @Path("admin/organisations/{organisationId}/people/{personId}/enable")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response enablePerson(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId) {
        return organisationStep(organisationId, "enable-person",
                () -> people.enable(current.get(), organisationId, personId, directory));
    }

    @POST
    @Path("admin/organisations/{organisationId}/people/{personId}/remove")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response removePerson(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId) {
        return organisationStep(organisationId, "remove-person",
                () -> people.remove(current.get(), organisationId, personId, directory));
    }

    @POST
    @Path("organisation/people/{personId}/resend")
    public Response resendOwn(@PathParam("personId") long personId) {
        long organisationId = ownOrganisation();
        return organisationStep(organisationId, "resend",
                () -> people.resend(current.get(), organisationId, personId, directory));
    }

    @POST
    @Path("organisation/people/{personId}/remove")
    public Response removeOwn(@PathParam("personId") long personId) {
        long organisationId = ownOrganisation();
        return organisationStep(organisationId, "remove-person",
                () -> people.remove(current.get(), organisationId, personId, directory));
    }

    /** A button on an organisation's page: runs the step (if the form's token holds), then back to the page. */
    private Response organisationStep(long organisationId, String formName, Supplier<?> step) {
        String page = current.get().isAdmin() ? "/admin/organisations/" + organisationId : "/organisation/people";
        return FormPost.handle(formName, Map.of(), () -> {
            step.get();
            return page;
        }, form -> organisationPage(organisationId, form));
    }

    @POST
    @Path("admin/organisations/{organisationId}/people/{personId}/role")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response changeRole(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId,
            @RestForm String role) {
        return FormPost.handle("role-" + personId, Map.of("role", typed(role)), () -> {
            people.changeRole(current.get(), organisationId, personId, choice(Role.class, role), directory);
            return "/admin/organisations/" + organisationId;
        }, form -> organisationPage(organisationId, form));
    }

    /** The lead's organisation; someone of none has no people page. */
    private long ownOrganisation() {
        Actor actor = current.get();
        if (actor.organisationId() == null) {
            throw new Forbidden(
                    "You belong to no partner organisation, so there are no people of yours to manage.");
        }
        return actor.organisationId();
    }

    // ---------------------------------------------------------------- alliances

    @GET
    @Path("admin/alliances/{allianceId}")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public TemplateInstance alliance(@PathParam("allianceId") long allianceId) {
        return alliancePage(allianceId, Form.NONE);
    }

    private TemplateInstance alliancePage(long allianceId, Form form) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        List<Organisation> others = organisations.all(actor).stream()
                .filter(o -> !alliance.hasParty(o.id) && !o.isDisabled()).toList();
        return Templates.alliance(new AlliancePage(alliance, others, AllianceAdministration.acknowledgementDays(alliance),
                Cadence.findByIdOptional(allianceId)), form);
    }

    @POST
    @Path("admin/alliances/{allianceId}/parties")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response addParty(@PathParam("allianceId") long allianceId, @RestForm String organisationId) {
        return allianceForm(allianceId, "party", Map.of("organisationId", typed(organisationId)),
                () -> alliances.addParty(current.get(), allianceId, id(organisationId)));
    }

    @POST
    @Path("admin/alliances/{allianceId}/parties/{organisationId}/remove")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response removeParty(@PathParam("allianceId") long allianceId,
            @PathParam("organisationId") long organisationId) {
        return allianceForm(allianceId, "remove-party", Map.of(),
                () -> alliances.removeParty(current.get(), allianceId, organisationId));
    }

    @POST
    @Path("admin/alliances/{allianceId}/archive")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response archive(@PathParam("allianceId") long allianceId) {
        return allianceForm(allianceId, "archive", Map.of(), () -> alliances.archive(current.get(), allianceId));
    }

    @POST
    @Path("admin/alliances/{allianceId}/deadlines")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response deadlines(@PathParam("allianceId") long allianceId, @RestForm("HIGH") String high,
            @RestForm("MEDIUM") String medium, @RestForm("LOW") String low) {
        Map<Severity, Integer> days = new EnumMap<>(Severity.class);
        days.put(Severity.HIGH, number(high));
        days.put(Severity.MEDIUM, number(medium));
        days.put(Severity.LOW, number(low));
        return allianceForm(allianceId, "deadlines", Map.of("HIGH", typed(high), "MEDIUM", typed(medium),
                "LOW", typed(low)), () -> alliances.setAcknowledgementDeadlines(current.get(), allianceId, days));
    }

    @POST
    @Path("admin/alliances/{allianceId}/cadence")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public Response cadence(@PathParam("allianceId") long allianceId, @RestForm String frequency,
            @RestForm String firstDate, @RestForm String localTime, @RestForm String zone,
            @RestForm String durationMinutes) {
        return allianceForm(allianceId, "cadence", Map.of("frequency", typed(frequency), "firstDate", typed(firstDate),
                "localTime", typed(localTime), "zone", typed(zone), "durationMinutes", typed(durationMinutes)),
                () -> alliances.setCadence(current.get(), allianceId, new CadenceDraft(choice(Frequency.class, frequency),
                        date("firstDate", firstDate), time("localTime", localTime), zone, number(durationMinutes))));
    }

    private Response allianceForm(long allianceId, String formName, Map<String, String> typed, Supplier<?> command) {
        return FormPost.handle(formName, typed, () -> {
            command.get();
            return "/admin/alliances/" + allianceId;
        }, form -> alliancePage(allianceId, form));
    }
}
