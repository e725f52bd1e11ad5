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
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The actor of this request, built from the verified OIDC identity only: the subject, the one
 * Keycloak organisation in the {@code organization} claim, and the realm roles {@code lead} and
 * {@code portal-admin}. The membership copy is brought up to date on the way.
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
        String username = claim(token, "preferred_username").orElse(principal.getName());
        String name = claim(token, "name").orElse(username);
        String email = claim(token, "email").orElse(null);
        organisation = organisationClaim(token).flatMap(Organisation::findByAliasOrName).orElse(null);
        Role role = identity.hasRole(ADMIN_ROLE) ? Role.ADMIN
                : identity.hasRole(LEAD_ROLE) ? Role.LEAD : Role.MEMBER;
        memberships.enrol(subject, username, name, email, organisation, role);
        actor = new Actor(subject, name, organisation == null ? null : organisation.id, role);
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
