package org.allianceportal.core.admin;

import static org.allianceportal.core.log.ChangeRecorder.payload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.allianceportal.core.admin.AdminAudit.Target;
import org.allianceportal.core.admin.Directory.AliasTaken;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Duplicate;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Text;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * Partner companies as the platform administrator sets them up: each one is a Keycloak Organization,
 * created and changed there first; the portal's row follows in the same transaction, so a refusal
 * from Keycloak leaves the portal unchanged.
 */
@ApplicationScoped
public class OrganisationAdministration {

    @Inject
    AllianceService alliances;

    @Inject
    AdminAudit audit;

    @Inject
    TimeKeeper time;

    public List<Organisation> all(Actor actor) {
        requireAdmin(actor);
        return Organisation.list("order by name");
    }

    /** The organisation, for an administrator or one of its own leads; others are refused. */
    public Organisation administered(Actor actor, long organisationId) {
        if (!actor.isAdmin() && !actor.isLeadOf(organisationId)) {
            throw new Forbidden("Only a platform administrator or a lead of this organisation can manage its people.");
        }
        return Organisation.<Organisation>findByIdOptional(organisationId)
                .orElseThrow(() -> new NotFound("Organisation", organisationId));
    }

    @Transactional
    public Organisation create(Actor actor, String name, String alias, Directory directory) {
        Organisation organisation = alliances.createOrganisation(actor, name, alias);
        try {
            directory.createOrganisation(organisation.name, organisation.keycloakAlias);
        } catch (AliasTaken e) {
            throw new Duplicate("alias", "Keycloak already has an organisation with this alias.");
        }
        audit.record(actor, "organisation.created", target(organisation), null,
                payload("name", organisation.name, "alias", organisation.keycloakAlias));
        return organisation;
    }

    @Transactional
    public Organisation rename(Actor actor, long organisationId, String name, Directory directory) {
        requireAdmin(actor);
        Organisation organisation = administered(actor, organisationId);
        String clean = Text.required("name", name, AllianceService.NAME_MAX, "Give the organisation's name.");
        if (clean.equals(organisation.name)) {
            return organisation;
        }
        if (Organisation.count("lower(name) = lower(?1) and id <> ?2", clean, organisationId) > 0) {
            throw new Duplicate("name", "An organisation with this name exists already.");
        }
        String before = organisation.name;
        directory.renameOrganisation(organisation.keycloakAlias, clean);
        organisation.name = clean;
        audit.record(actor, "organisation.renamed", target(organisation), payload("name", before), payload("name", clean));
        return organisation;
    }

    /**
     * Disables an organisation that is no longer party to an open alliance: its people are refused from
     * their next request on, and their Keycloak sessions end.
     */
    @Transactional
    public Organisation disable(Actor actor, long organisationId, Directory directory) {
        requireAdmin(actor);
        Organisation organisation = administered(actor, organisationId);
        if (organisation.isDisabled()) {
            return organisation;
        }
        List<Alliance> open = openAlliancesOf(organisation);
        if (!open.isEmpty()) {
            throw new IllegalTransition(organisation.name + " is party to the active alliance \"" + open.get(0).name
                    + "\". Remove it from its alliances, or archive them, first.");
        }
        directory.disableOrganisation(organisation.keycloakAlias);
        for (Membership person : Membership.<Membership>list("organisation = ?1 and status in ?2", organisation,
                List.of(MembershipStatus.INVITED, MembershipStatus.ACTIVE))) {
            person.notBefore = Math.max(person.notBefore, directory.endSessions(person.userId));
        }
        organisation.disabledAt = time.now();
        audit.record(actor, "organisation.disabled", target(organisation), payload("disabled", false),
                payload("disabled", true));
        return organisation;
    }

    /** The alliances the organisation is party to that still take changes. */
    public static List<Alliance> openAlliancesOf(Organisation organisation) {
        return Alliance.list("""
                select a from Alliance a join a.parties p
                where p = ?1 and a.archivedAt is null order by a.name""", organisation);
    }

    static Target target(Organisation organisation) {
        return new Target("organisation", organisation.id, organisation.name, organisation.id);
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new Forbidden("Only a platform administrator can do this.");
        }
    }
}
