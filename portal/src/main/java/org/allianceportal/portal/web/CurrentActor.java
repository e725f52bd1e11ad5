package org.allianceportal.portal.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.security.Principal;
import java.util.Collection;
import java.util.Optional;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The actor of this request. Who they are comes from the verified OIDC identity (the subject, and the realm
 * role {@code portal-admin}); which organisation they act for, in which role, and whether they may act at
 * all comes from the portal's membership, which administration keeps authoritative: a person disabled,
 * removed or given another role is treated so at their very next request, whatever their session cookie
 * says. Someone the portal has never seen (the demo realm's people, or one added in Keycloak's own
 * console) is enrolled from their token at first contact.
 */
@RequestScoped
@Named("currentActor")
public class CurrentActor {

    public static final String LEAD_ROLE = "lead";
    public static final String ADMIN_ROLE = "portal-admin";

    @Inject
    SecurityIdentity identity;

    @Inject
    MembershipService memberships;

    private Actor actor;
    private Organisation organisation;

    /** The session belongs to someone whose access was taken away after it began: it must end. */
    public static class SessionRevoked extends RuntimeException {
        public SessionRevoked(String userId) {
            super("The session of " + userId + " was revoked");
        }
    }

    public Actor get() {
        if (actor == null) {
            resolve();
        }
        return actor;
    }

    /** Whether someone is logged in; asks nothing of the database (error pages use it). */
    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    /** The user's organisation, if the portal knows it. */
    public Optional<Organisation> organisation() {
        get();
        return Optional.ofNullable(organisation);
    }

    private void resolve() {
        Principal principal = identity.getPrincipal();
        JsonWebToken token = principal instanceof JsonWebToken jwt ? jwt : null;
        String subject = subjectOf(principal);
        boolean admin = identity.hasRole(ADMIN_ROLE);
        Membership person = Membership.findByUserId(subject).orElse(null);
        if (person == null) {
            String username = claim(token, "preferred_username").orElse(principal.getName());
            Organisation claimed = organisationClaim(token).flatMap(Organisation::findByAliasOrName).orElse(null);
            Role role = admin ? Role.ADMIN : identity.hasRole(LEAD_ROLE) ? Role.LEAD : Role.MEMBER;
            person = memberships.enrol(subject, username, claim(token, "name").orElse(username),
                    claim(token, "email").orElse(null), claimed, role);
        }
        if (!person.accepts(token == null ? 0 : token.getIssuedAtTime())) {
            throw new SessionRevoked(subject);
        }
        // a removed person may still log in to Keycloak, but belongs to no organisation here any more
        organisation = person.status == MembershipStatus.REMOVED ? null : person.organisation;
        Role role = admin ? Role.ADMIN : organisation == null ? Role.MEMBER : person.role;
        actor = new Actor(subject, person.displayName, organisation == null ? null : organisation.id, role);
    }

    /** The OIDC subject, or the principal's name where there is no token (tests' identities). */
    static String subjectOf(Principal principal) {
        return principal instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject() : principal.getName();
    }

    private static Optional<String> claim(JsonWebToken token, String name) {
        return token == null ? Optional.empty() : Optional.ofNullable(token.<Object>getClaim(name)).map(CurrentActor::text);
    }

    /** Keycloak sends a list of aliases (or, with attributes, an object keyed by alias); a user has one. */
    static Optional<String> organisationClaim(JsonWebToken token) {
        if (token == null) {
            return Optional.empty();
        }
        Object claim = token.getClaim("organization");
        if (claim instanceof JsonArray array) {
            return array.isEmpty() ? Optional.empty() : Optional.of(text(array.get(0)));
        }
        if (claim instanceof JsonObject object) {
            return object.keySet().stream().findFirst();
        }
        if (claim instanceof Collection<?> list) {
            return list.stream().findFirst().map(CurrentActor::text);
        }
        return Optional.ofNullable(claim).map(CurrentActor::text);
    }

    private static String text(Object value) {
        return value instanceof JsonString s ? s.getString() : String.valueOf(value);
    }
}
