package org.allianceportal.portal.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.allianceportal.core.admin.Directory;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.OrganizationResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The directory port on Keycloak's Admin REST API, as the {@code portal-admin-api} service account
 * (client credentials; realm-management roles in deployment/keycloak/alliance-realm.json). Partner
 * companies are Keycloak Organizations; a lead has the realm role {@code lead}. Every failure becomes a
 * {@link DirectoryFailure}: the caller's transaction rolls back and the portal stays as it was. A step
 * that Keycloak took before a later one failed is undone here (an invited user is deleted again).
 */
@ApplicationScoped
public class KeycloakDirectory implements Directory {

    private static final Logger LOG = Logger.getLogger(KeycloakDirectory.class);
    static final String LEAD_ROLE = "lead";
    /** What an invited person must do at first: prove the address is theirs, choose a password. */
    static final List<String> FIRST_ACTIONS = List.of("VERIFY_EMAIL", "UPDATE_PASSWORD");

    @Inject
    Keycloak keycloak;

    @ConfigProperty(name = "quarkus.keycloak.admin-client.realm")
    String realmName;

    @ConfigProperty(name = "alliance.admin.portal-client", defaultValue = "portal")
    String portalClient;

    @ConfigProperty(name = "alliance.notifications.portal-url")
    String portalUrl;

    @ConfigProperty(name = "alliance.admin.invitation-lifespan", defaultValue = "P7D")
    Duration invitationLifespan;

    private RealmResource realm() {
        return keycloak.realm(realmName);
    }

    @Override
    public void createOrganisation(String name, String alias) {
        call("create the organisation", () -> {
            OrganizationRepresentation organisation = new OrganizationRepresentation();
            organisation.setName(name);
            organisation.setAlias(alias);
            organisation.setEnabled(true);
            try (Response response = realm().organizations().create(organisation)) {
                if (response.getStatus() == 409) {
                    throw new AliasTaken(alias);
                }
                expectSuccess(response);
            }
            return null;
        });
    }

    @Override
    public void renameOrganisation(String alias, String name) {
        call("rename the organisation", () -> {
            OrganizationResource organisation = organisation(alias);
            OrganizationRepresentation representation = organisation.toRepresentation();
            representation.setName(name);
            try (Response response = organisation.update(representation)) {
                expectSuccess(response);
            }
            return null;
        });
    }

    @Override
    public void disableOrganisation(String alias) {
        call("disable the organisation", () -> {
            OrganizationResource organisation = organisation(alias);
            OrganizationRepresentation representation = organisation.toRepresentation();
            representation.setEnabled(false);
            try (Response response = organisation.update(representation)) {
                expectSuccess(response);
            }
            return null;
        });
    }

    @Override
    public String invite(String alias, Invitee invitee) {
        return call("invite " + invitee.email(), () -> {
            OrganizationResource organisation = organisation(alias);
            UserRepresentation existing = realm().users().searchByEmail(invitee.email(), true).stream().findFirst()
                    .orElse(null);
            boolean created = existing == null;
            String userId;
            if (created) {
                UserRepresentation user = new UserRepresentation();
                user.setUsername(invitee.email());
                user.setEmail(invitee.email());
                user.setFirstName(invitee.firstName());
                user.setLastName(invitee.lastName());
                user.setEnabled(true);
                user.setEmailVerified(false);
                user.setRequiredActions(FIRST_ACTIONS);
                try (Response response = realm().users().create(user)) {
                    if (response.getStatus() == 400) { // Keycloak's user profile refused the name
                        throw new InvalidInput("name", "Keycloak does not accept this name: "
                                + response.readEntity(String.class));
                    }
                    expectSuccess(response);
                    userId = CreatedResponseUtil.getCreatedId(response);
                }
            } else {
                // someone who left an organisation before: the same account comes back, with a new password
                if (!realm().organizations().members().getOrganizations(existing.getId(), true).isEmpty()) {
                    throw new EmailTaken(invitee.email());
                }
                userId = existing.getId();
                existing.setEnabled(true);
                existing.setRequiredActions(FIRST_ACTIONS);
                realm().users().get(userId).update(existing);
            }
            try {
                try (Response response = organisation.members().addMember(userId)) {
                    expectSuccess(response);
                }
                setLead(userId, invitee.lead());
                sendInvitation(userId);
                return userId;
            } catch (RuntimeException e) {
                if (created) {
                    undo(() -> realm().users().delete(userId).close(), "delete the half-invited user " + userId);
                } else {
                    undo(() -> organisation.members().removeMember(userId).close(), "take " + userId + " out again");
                }
                throw e;
            }
        });
    }

    @Override
    public void resendInvitation(String userId) {
        call("send the invitation again", () -> {
            sendInvitation(userId);
            return null;
        });
    }

    private void sendInvitation(String userId) {
        // Keycloak's own e-mail, through the realm's SMTP server: verify the address, choose a password,
        // then on to the portal
        realm().users().get(userId).executeActionsEmail(portalClient, portalUrl + "/", (int) invitationLifespan.toSeconds(),
                FIRST_ACTIONS);
    }

    @Override
    public void setLead(String userId, boolean lead) {
        call("change the role", () -> {
            RoleRepresentation role = realm().roles().get(LEAD_ROLE).toRepresentation();
            UserResource user = realm().users().get(userId);
            if (lead) {
                user.roles().realmLevel().add(List.of(role));
            } else {
                user.roles().realmLevel().remove(List.of(role));
            }
            return null;
        });
    }

    @Override
    public long disable(String userId) {
        return call("disable the person", () -> {
            UserResource user = realm().users().get(userId);
            UserRepresentation representation = user.toRepresentation();
            representation.setEnabled(false);
            user.update(representation);
            return logout(user);
        });
    }

    @Override
    public void enable(String userId) {
        call("enable the person", () -> {
            UserResource user = realm().users().get(userId);
            UserRepresentation representation = user.toRepresentation();
            representation.setEnabled(true);
            user.update(representation);
            return null;
        });
    }

    @Override
    public long removeFromOrganisation(String alias, String userId) {
        return call("remove the person from the organisation", () -> {
            try (Response response = organisation(alias).members().removeMember(userId)) {
                if (response.getStatus() != 404) { // already gone there: the portal catches up
                    expectSuccess(response);
                }
            }
            UserResource user = realm().users().get(userId);
            user.roles().realmLevel().remove(List.of(realm().roles().get(LEAD_ROLE).toRepresentation()));
            return logout(user);
        });
    }

    @Override
    public long endSessions(String userId) {
        return call("end the person's sessions", () -> logout(realm().users().get(userId)));
    }

    /** Ends every session of the user; Keycloak also refuses their tokens issued until now (not-before). */
    private static long logout(UserResource user) {
        long now = Instant.now().getEpochSecond();
        user.logout();
        return now;
    }

    @Override
    public List<Member> members(String alias) {
        return call("read the organisation's members", () -> {
            Set<String> leads = new HashSet<>();
            realm().roles().get(LEAD_ROLE).getUserMembers(0, 10_000).forEach(u -> leads.add(u.getId()));
            return organisation(alias).members().list(0, 10_000).stream()
                    .map(m -> new Member(m.getId(), m.getUsername(), m.getEmail(),
                            String.join(" ", nonNull(m.getFirstName()), nonNull(m.getLastName())).strip(),
                            Boolean.TRUE.equals(m.isEnabled()), leads.contains(m.getId())))
                    .toList();
        });
    }

    /** The Keycloak Organization with this alias (aliases never change; ids are Keycloak's own). */
    private OrganizationResource organisation(String alias) {
        OrganizationRepresentation found = realm().organizations().search(alias, false, 0, 100).stream()
                .filter(o -> alias.equals(o.getAlias())).findFirst()
                .or(() -> realm().organizations().list(0, 1000).stream().filter(o -> alias.equals(o.getAlias())).findFirst())
                .orElseThrow(() -> new DirectoryFailure("Keycloak has no organisation with the alias " + alias, false, null));
        return realm().organizations().get(found.getId());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void expectSuccess(Response response) {
        if (response.getStatus() >= 300) {
            throw new WebApplicationException(response.getStatus() + " " + response.readEntity(String.class),
                    response.getStatus());
        }
    }

    private static void undo(Runnable step, String what) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not %s in Keycloak; the reconciliation job will report it", what);
        }
    }

    /**
     * Runs one conversation with Keycloak, turning what can go wrong into one kind of failure. The
     * caller's database transaction is suspended meanwhile: the REST client would otherwise carry it to
     * its own threads, and a rollback after a refusal would not be clean.
     */
    private <T> T call(String what, Supplier<T> step) {
        try {
            return QuarkusTransaction.suspendingExisting().call(() -> talk(what, step));
        } catch (QuarkusTransactionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private static <T> T talk(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (DirectoryFailure | AliasTaken | EmailTaken | InvalidInput e) {
            throw e;
        } catch (ProcessingException e) {
            LOG.warnf("Keycloak unreachable when trying to %s: %s", what, e.getMessage());
            throw new DirectoryFailure("Keycloak could not be reached to " + what + ".", true, e);
        } catch (WebApplicationException e) {
            LOG.warnf("Keycloak refused to %s: %s", what, e.getMessage());
            throw new DirectoryFailure("Keycloak refused to " + what + " (" + e.getResponse().getStatus() + ").",
                    false, e);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Keycloak failed to %s", what);
            throw new DirectoryFailure("Keycloak failed to " + what + ".", true, e);
        }
    }
}
