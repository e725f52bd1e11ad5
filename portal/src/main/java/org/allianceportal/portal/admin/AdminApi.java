package org.allianceportal.portal.admin;

import static org.allianceportal.portal.web.Inputs.choice;
import static org.allianceportal.portal.web.Inputs.date;
import static org.allianceportal.portal.web.Inputs.time;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.admin.AccessReview;
import org.allianceportal.core.admin.AccessReview.Filter;
import org.allianceportal.core.admin.AccessRow;
import org.allianceportal.core.admin.AllianceAdministration;
import org.allianceportal.core.admin.OrganisationAdministration;
import org.allianceportal.core.admin.PeopleAdministration;
import org.allianceportal.core.admin.PeopleAdministration.Invitation;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckInService.CadenceDraft;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.Role;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Inputs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin console's operations as JSON, for scripts and provisioning. Organisation and alliance routes
 * are the platform administrator's; the people routes also take a lead of that organisation (members
 * only, not leads; no disabling or role changes). Errors are problem details with field messages.
 */
@Path("/api/v1/admin")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class AdminApi {

    public record OrganisationJson(long id, String name, String alias, boolean disabled) {
        static OrganisationJson of(Organisation o) {
            return new OrganisationJson(o.id, o.name, o.keycloakAlias, o.isDisabled());
        }
    }

    public record PersonJson(long id, String userId, String email, String name, Role role, MembershipStatus status,
            Instant invitedAt, String invitedBy, Instant lastLoginAt) {
        static PersonJson of(Membership m) {
            return new PersonJson(m.id, m.userId, m.email, m.displayName, m.role, m.status, m.invitedAt,
                    m.invitedByName, m.lastLoginAt);
        }
    }

    public record PartyJson(long id, String name) {
    }

    public record AllianceJson(long id, String name, String description, List<PartyJson> parties, boolean archived,
            Map<Severity, Integer> acknowledgementDays) {
        static AllianceJson of(Alliance a) {
            return new AllianceJson(a.id, a.name, a.description,
                    a.parties.stream().map(o -> new PartyJson(o.id, o.name)).toList(), a.isArchived(),
                    AllianceAdministration.acknowledgementDays(a));
        }
    }

    public record NewOrganisation(String name, String alias) {
    }

    public record Rename(String name) {
    }

    public record NewPerson(String email, String name, String role) {
    }

    public record RoleChange(String role) {
    }

    public record NewAlliance(String name, String description, List<Long> parties) {
    }

    public record NewParty(Long organisationId) {
    }

    public record Cadence(String frequency, String firstDate, String localTime, String zone, Integer durationMinutes) {
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
    AccessReview review;

    @Inject
    KeycloakDirectory directory;

    // ---------------------------------------------------------------- organisations

    @GET
    @Path("organisations")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    @Operation(summary = "Every partner organisation, by name")
    public List<OrganisationJson> organisations() {
        return organisations.all(current.get()).stream().map(OrganisationJson::of).toList();
    }

    @POST
    @Path("organisations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    @Operation(summary = "Creates a partner organisation: a Keycloak Organization with this alias, and its portal row")
    public Response createOrganisation(NewOrganisation body) {
        NewOrganisation b = body == null ? new NewOrganisation(null, null) : body;
        return created(OrganisationJson.of(organisations.create(current.get(), b.name(), b.alias(), directory)));
    }

    @POST
    @Path("organisations/{organisationId}/rename")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public OrganisationJson rename(@PathParam("organisationId") long organisationId, Rename body) {
        return OrganisationJson.of(organisations.rename(current.get(), organisationId, body == null ? null : body.name(),
                directory));
    }

    @POST
    @Path("organisations/{organisationId}/disable")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    @Operation(summary = "Disables an organisation no longer party to an active alliance; its people are refused at once")
    public OrganisationJson disable(@PathParam("organisationId") long organisationId) {
        return OrganisationJson.of(organisations.disable(current.get(), organisationId, directory));
    }

    // ---------------------------------------------------------------- people

    @GET
    @Path("organisations/{organisationId}/people")
    @Operation(summary = "The organisation's people (administrators, and leads for their own organisation)")
    public List<PersonJson> people(@PathParam("organisationId") long organisationId) {
        return people.peopleOf(current.get(), organisationId).stream().map(PersonJson::of).toList();
    }

    @POST
    @Path("organisations/{organisationId}/people")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invites a person: Keycloak user in the organisation, e-mail to verify the address and set a password; 409 if the e-mail is already a member or invited")
    public Response invite(@PathParam("organisationId") long organisationId, NewPerson body) {
        NewPerson b = body == null ? new NewPerson(null, null, null) : body;
        return created(PersonJson.of(people.invite(current.get(), organisationId,
                new Invitation(b.email(), b.name(), choice(Role.class, b.role())), directory)));
    }

    @POST
    @Path("organisations/{organisationId}/people/{personId}/resend")
    public PersonJson resend(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId) {
        return PersonJson.of(people.resend(current.get(), organisationId, personId, directory));
    }

    @POST
    @Path("organisations/{organisationId}/people/{personId}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Makes the person a LEAD or a MEMBER; applies at their next request")
    public PersonJson changeRole(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId,
            RoleChange body) {
        return PersonJson.of(people.changeRole(current.get(), organisationId, personId,
                choice(Role.class, body == null ? null : body.role()), directory));
    }

    @POST
    @Path("organisations/{organisationId}/people/{personId}/disable")
    @Operation(summary = "Disables the person: Keycloak sessions end, the portal refuses their session, nothing more is sent to them")
    public PersonJson disablePerson(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId) {
        return PersonJson.of(people.disable(current.get(), organisationId, personId, directory));
    }

    @POST
    @Path("organisations/{organisationId}/people/{personId}/enable")
    public PersonJson enablePerson(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId) {
        return PersonJson.of(people.enable(current.get(), organisationId, personId, directory));
    }

    @POST
    @Path("organisations/{organisationId}/people/{personId}/remove")
    @Operation(summary = "Removes the person from the organisation: as disabling, and they lose sight of its alliances")
    public PersonJson remove(@PathParam("organisationId") long organisationId, @PathParam("personId") long personId) {
        return PersonJson.of(people.remove(current.get(), organisationId, personId, directory));
    }

    // ---------------------------------------------------------------- alliances

    @GET
    @Path("alliances")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public List<AllianceJson> alliances() {
        return alliances.all(current.get()).stream().map(AllianceJson::of).toList();
    }

    @POST
    @Path("alliances")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    @Operation(summary = "Founds an alliance of two or more organisations")
    public Response createAlliance(NewAlliance body) {
        NewAlliance b = body == null ? new NewAlliance(null, null, null) : body;
        return created(AllianceJson.of(alliances.found(current.get(), b.name(), b.description(), b.parties())));
    }

    @POST
    @Path("alliances/{allianceId}/parties")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public AllianceJson addParty(@PathParam("allianceId") long allianceId, NewParty body) {
        return AllianceJson.of(alliances.addParty(current.get(), allianceId, body == null ? null : body.organisationId()));
    }

    @POST
    @Path("alliances/{allianceId}/parties/{organisationId}/remove")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    @Operation(summary = "Takes a party out of the alliance (which keeps at least two); its people lose sight of it at once")
    public AllianceJson removeParty(@PathParam("allianceId") long allianceId,
            @PathParam("organisationId") long organisationId) {
        return AllianceJson.of(alliances.removeParty(current.get(), allianceId, organisationId));
    }

    @POST
    @Path("alliances/{allianceId}/archive")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public AllianceJson archive(@PathParam("allianceId") long allianceId) {
        return AllianceJson.of(alliances.archive(current.get(), allianceId));
    }

    @PUT
    @Path("alliances/{allianceId}/acknowledgement-deadlines")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    @Operation(summary = "Business days to acknowledge a concern, per severity: {\"HIGH\":1,\"MEDIUM\":3,\"LOW\":5}")
    public AllianceJson deadlines(@PathParam("allianceId") long allianceId, Map<String, Integer> body) {
        Map<Severity, Integer> days = new EnumMap<>(Severity.class);
        if (body != null) {
            body.forEach((k, v) -> {
                Severity severity = choice(Severity.class, k);
                if (severity == null) {
                    throw new InvalidInput(k, "Not a severity: use HIGH, MEDIUM and LOW.");
                }
                days.put(severity, v);
            });
        }
        return AllianceJson.of(alliances.setAcknowledgementDeadlines(current.get(), allianceId, days));
    }

    @PUT
    @Path("alliances/{allianceId}/cadence")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    @Operation(summary = "Sets the check-in rhythm: {\"frequency\":\"WEEKLY\",\"firstDate\":\"2027-01-04\",\"localTime\":\"10:00\",\"zone\":\"Europe/Berlin\",\"durationMinutes\":60}")
    public Response cadence(@PathParam("allianceId") long allianceId, Cadence body) {
        Cadence b = body == null ? new Cadence(null, null, null, null, null) : body;
        alliances.setCadence(current.get(), allianceId, new CadenceDraft(choice(Frequency.class, b.frequency()),
                date("firstDate", b.firstDate()), time("localTime", b.localTime()), b.zone(), b.durationMinutes()));
        return Response.noContent().build();
    }

    // ---------------------------------------------------------------- access review

    @GET
    @Path("access-review")
    @Operation(summary = "Who has access to which alliance (administrators: all; a lead: their organisation), 100 rows a page")
    public List<AccessRow> accessReview(@QueryParam("alliance") Long alliance, @QueryParam("organisation") Long organisation,
            @QueryParam("status") String status, @QueryParam("page") Integer page) {
        Actor actor = current.get();
        List<AccessRow> rows = review.page(actor, new Filter(alliance, organisation,
                Inputs.choice(MembershipStatus.class, status)), page == null ? 0 : page);
        return rows.size() > AccessReview.PAGE_SIZE ? rows.subList(0, AccessReview.PAGE_SIZE) : rows;
    }

    private static Response created(Object body) {
        return Response.status(Response.Status.CREATED).entity(body).build();
    }
}
