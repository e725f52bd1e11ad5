package org.allianceportal.core.admin;

import static org.allianceportal.core.log.ChangeRecorder.payload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.allianceportal.core.admin.AdminAudit.Target;
import org.allianceportal.core.admin.Directory.EmailTaken;
import org.allianceportal.core.admin.Directory.Invitee;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipAction;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Duplicate;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.Text;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * The access lifecycle of a partner company's people: invited, active, disabled, removed. Platform
 * administrators do all of it; a lead invites, re-invites and removes the members (not the leads) of
 * their own organisation. Every step changes Keycloak first and the portal's membership in the same
 * transaction, goes to the admin audit, and to the log of every open alliance the organisation is party
 * to, so the partner sees who can see their shared record.
 */
@ApplicationScoped
public class PeopleAdministration {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int EMAIL_MAX = 254;
    /** Characters Keycloak's user profile refuses in first and last names (and that no real name needs). */
    private static final Pattern NAME_REFUSED = Pattern.compile("[<>&\"$%!#?§;*~/\\\\|^=\\[\\]{}()@]");

    @Inject
    OrganisationAdministration organisations;

    @Inject
    ChangeRecorder recorder;

    @Inject
    AdminAudit audit;

    @Inject
    TimeKeeper time;

    public record Invitation(String email, String name, Role role) {
    }

    /** The organisation's people, for an administrator or one of its leads: the current ones first, by name. */
    public List<Membership> peopleOf(Actor actor, long organisationId) {
        Organisation organisation = organisations.administered(actor, organisationId);
        return Membership.list("organisation = ?1 order by case when status = ?2 then 1 else 0 end, displayName",
                organisation, MembershipStatus.REMOVED);
    }

    @Transactional
    public Membership invite(Actor actor, long organisationId, Invitation invitation, Directory directory) {
        Organisation organisation = organisations.administered(actor, organisationId);
        Map<String, String> errors = new LinkedHashMap<>();
        String email = Text.check(errors, "email", invitation.email(), EMAIL_MAX, "Give the person's e-mail address.");
        if (email != null && !errors.containsKey("email") && !EMAIL.matcher(email).matches()) {
            errors.put("email", "This is not an e-mail address; it looks like name@company.example.");
        }
        String name = Text.check(errors, "name", invitation.name(), AllianceService.NAME_MAX, "Give the person's name.");
        if (name != null && !errors.containsKey("name") && NAME_REFUSED.matcher(name).find()) {
            errors.put("name", "A name cannot contain any of < > & \" $ % ! # ? § ; * ~ / \\ | ^ = [ ] { } ( ) @ "
                    + "(Keycloak refuses them).");
        }
        if (invitation.role() != Role.LEAD && invitation.role() != Role.MEMBER) {
            errors.put("role", "Choose lead or member.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (invitation.role() == Role.LEAD && !actor.isAdmin()) {
            throw new Forbidden("Only a platform administrator can invite a lead.");
        }
        if (organisation.isDisabled()) {
            throw new IllegalTransition(organisation.name + " is disabled: it takes no new people.");
        }
        email = email.toLowerCase(Locale.ROOT);
        Membership existing = Membership.<Membership>find("lower(email) = ?1 and status <> ?2", email,
                MembershipStatus.REMOVED).firstResult();
        if (existing != null) {
            throw new Duplicate("email", email + " is already " + (existing.status == MembershipStatus.INVITED
                    ? "invited" : "a member") + (existing.organisation == null ? "" : " of " + existing.organisation.name)
                    + ".");
        }
        int space = name.indexOf(' ');
        Invitee invitee = new Invitee(email, space < 0 ? name : name.substring(0, space),
                space < 0 ? "" : name.substring(space + 1).strip(), invitation.role() == Role.LEAD);
        String userId;
        try {
            userId = directory.invite(organisation.keycloakAlias, invitee);
        } catch (EmailTaken e) {
            throw new Duplicate("email", email + " already belongs to an organisation in Keycloak.");
        }
        // someone who was removed before comes back as the same Keycloak user: their row starts over
        Membership person = Membership.findByUserId(userId).orElseGet(Membership::new);
        if (person.id == null) {
            person.userId = userId;
            person.createdAt = time.now();
        }
        person.username = email;
        person.displayName = name;
        person.email = email;
        person.organisation = organisation;
        person.role = invitation.role();
        person.status = MembershipStatus.INVITED;
        person.invitedAt = time.now();
        person.invitedByName = actor.name();
        person.persist();
        changed(actor, person, "person.invited", null, state(person));
        return person;
    }

    @Transactional
    public Membership resend(Actor actor, long organisationId, long personId, Directory directory) {
        Membership person = forAction(actor, organisationId, personId, MembershipAction.RESEND);
        directory.resendInvitation(person.userId);
        person.invitedAt = time.now();
        person.invitedByName = actor.name();
        audit.record(actor, "person.invitation_resent", target(person), null, payload("invitedAt", person.invitedAt));
        return person;
    }

    @Transactional
    public Membership changeRole(Actor actor, long organisationId, long personId, Role role, Directory directory) {
        Membership person = forAction(actor, organisationId, personId, MembershipAction.CHANGE_ROLE);
        if (role != Role.LEAD && role != Role.MEMBER) {
            throw new InvalidInput("role", "Choose lead or member.");
        }
        if (role == person.role) {
            return person;
        }
        if (person.role == Role.LEAD) {
            requireAnotherLead(person, "made a member");
        }
        Map<String, Object> before = state(person);
        directory.setLead(person.userId, role == Role.LEAD);
        person.role = role;
        changed(actor, person, "person.role_changed", before, state(person));
        return person;
    }

    @Transactional
    public Membership disable(Actor actor, long organisationId, long personId, Directory directory) {
        Membership person = forAction(actor, organisationId, personId, MembershipAction.DISABLE);
        requireAnotherLead(person, "disabled");
        Map<String, Object> before = state(person);
        revoke(person, directory.disable(person.userId), MembershipStatus.DISABLED);
        changed(actor, person, "person.disabled", before, state(person));
        return person;
    }

    @Transactional
    public Membership enable(Actor actor, long organisationId, long personId, Directory directory) {
        Membership person = forAction(actor, organisationId, personId, MembershipAction.ENABLE);
        Map<String, Object> before = state(person);
        directory.enable(person.userId);
        // the not-before stays: sessions from before the disabling remain refused
        person.status = person.lastLoginAt == null ? MembershipStatus.INVITED : MembershipStatus.ACTIVE;
        changed(actor, person, "person.enabled", before, state(person));
        return person;
    }

    @Transactional
    public Membership remove(Actor actor, long organisationId, long personId, Directory directory) {
        Membership person = forAction(actor, organisationId, personId, MembershipAction.REMOVE);
        requireAnotherLead(person, "removed");
        Map<String, Object> before = state(person);
        revoke(person, directory.removeFromOrganisation(person.organisation.keycloakAlias, person.userId),
                MembershipStatus.REMOVED);
        changed(actor, person, "person.removed", before, state(person));
        return person;
    }

    /** The person's first login turns an invitation into an active membership; every login is noted. */
    @Transactional
    public void loggedIn(String userId, Instant at) {
        Membership.<Membership>findByUserId(userId).ifPresent(person -> {
            person.lastLoginAt = at;
            if (person.status == MembershipStatus.INVITED) {
                person.status = MembershipStatus.ACTIVE;
            }
        });
    }

    /**
     * Mirrors a change made in Keycloak's own console (the reconciliation job): the person was disabled
     * there, or left the organisation. Recorded like the same change made here, by the system.
     */
    @Transactional
    public void mirrorRevocation(Membership detached, MembershipStatus status, long notBefore) {
        Membership person = Membership.findById(detached.id, LockModeType.PESSIMISTIC_WRITE);
        if (person == null || person.status == status || person.status == MembershipStatus.REMOVED) {
            return;
        }
        Map<String, Object> before = state(person);
        revoke(person, notBefore, status);
        changed(Actor.system(), person, status == MembershipStatus.DISABLED ? "person.disabled" : "person.removed",
                before, state(person));
    }

    private static void revoke(Membership person, long notBefore, MembershipStatus status) {
        person.status = status;
        // at least "now": a token issued in this very second was issued before the revocation
        person.notBefore = Math.max(person.notBefore, Math.max(notBefore, Instant.now().getEpochSecond()));
    }

    /** Loads the person of that organisation, checking who may do what before anything else is revealed. */
    private Membership forAction(Actor actor, long organisationId, long personId, MembershipAction action) {
        if (!actor.isAdmin() && !(action.delegatedToLeads && actor.isLeadOf(organisationId))) {
            throw new Forbidden(actor.isLeadOf(organisationId)
                    ? "Only a platform administrator can do this; a lead can invite, re-invite and remove members."
                    : "Only a platform administrator or a lead of this organisation can manage its people.");
        }
        Organisation organisation = organisations.administered(actor, organisationId);
        // locked: the change waits for (or holds off) the reconciliation job mirroring the same person, since
        // the Keycloak call in between runs outside this transaction and can set off that very mirroring
        Membership person = Membership.<Membership>find("id = ?1 and organisation = ?2", personId, organisation)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> new NotFound("Person", personId));
        if (!actor.isAdmin() && person.role == Role.LEAD) {
            throw new Forbidden("A lead can manage the members of their organisation, not its leads.");
        }
        if (!action.allowedFrom(person.status)) {
            throw new IllegalTransition(person.displayName + " is " + person.status.name().toLowerCase(Locale.ROOT)
                    + ": that is not possible now.");
        }
        return person;
    }

    /**
     * An organisation that is party to an active alliance keeps a lead who can agree and acknowledge
     * for it: its last one cannot be disabled, removed or made a member.
     */
    private static void requireAnotherLead(Membership person, String what) {
        if (person.role != Role.LEAD || person.status == MembershipStatus.DISABLED) {
            return;
        }
        long others = Membership.count("organisation = ?1 and role = ?2 and status in ?3 and id <> ?4",
                person.organisation, Role.LEAD, List.of(MembershipStatus.INVITED, MembershipStatus.ACTIVE), person.id);
        if (others > 0) {
            return;
        }
        List<Alliance> open = OrganisationAdministration.openAlliancesOf(person.organisation);
        if (!open.isEmpty()) {
            throw new IllegalTransition(person.displayName + " is the last lead of " + person.organisation.name
                    + ", which is party to the active alliance \"" + open.get(0).name + "\"; without a lead nobody can "
                    + "agree or acknowledge for it. Invite or appoint another lead first, then " + person.displayName
                    + " can be " + what + ".");
        }
    }

    /** Audit entry, and an entry in the log of every open alliance the organisation is party to. */
    private void changed(Actor actor, Membership person, String action, Map<String, Object> before,
            Map<String, Object> after) {
        audit.record(actor, action, target(person), before, after);
        for (Alliance alliance : OrganisationAdministration.openAlliancesOf(person.organisation)) {
            recorder.record(actor, alliance, action, "person", person.id,
                    payload("organisation", person.organisation.name, "person", person.displayName,
                            "role", person.role.name().toLowerCase(Locale.ROOT)),
                    List.of());
        }
    }

    private static Map<String, Object> state(Membership person) {
        return payload("email", person.email, "role", person.role, "status", person.status);
    }

    private static Target target(Membership person) {
        return new Target("person", person.id, person.displayName, person.organisation.id);
    }
}
