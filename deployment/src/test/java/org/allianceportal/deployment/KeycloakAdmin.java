package org.allianceportal.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keycloak's own side of the stack, for the tests: tokens, and what an administrator sees and does in
 * Keycloak's console, through its admin REST API.
 *
 * <p>Three identities: people get tokens by password grant through the test's own public client
 * {@value #TEST_CLIENT} (created by {@link #ensureTestClient()}; the realm's {@code portal} client has no
 * password grant, rightly); what the portal may see is read with the portal's own service account
 * {@code portal-admin-api} (client credentials), so the tests also prove its roles are enough; and the
 * changes "made in Keycloak's console" (disabling a user, removing an organization member) are made as
 * the bootstrap administrator of the master realm, as a person in the console would.
 */
public final class KeycloakAdmin {

    public static final String REALM = "alliance";
    /** The public client the tests get people's tokens from (password grant, organization scope). */
    public static final String TEST_CLIENT = "portal-e2e";

    private static final String ADMIN_API_CLIENT = "portal-admin-api";
    // stack.sh's defaults; AllianceStack does not change them (the client secret is made by stack.sh at its first start)
    private static final String BOOTSTRAP_ADMIN = "kcadmin";
    private static final String BOOTSTRAP_PASSWORD = "kcadmin";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A Keycloak user as the console shows it. */
    public record User(String id, String username, String email, boolean enabled, boolean emailVerified,
            List<String> requiredActions) {
    }

    /** A Keycloak Organization. */
    public record Organization(String id, String name, String alias, boolean enabled) {
    }

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    public KeycloakAdmin(String url) {
        this.url = url;
    }

    // ------------------------------------------------------------------ tokens

    /** An access token of a person of the realm (password grant of {@value #TEST_CLIENT}); fails with Keycloak's answer. */
    public String token(String username, String password) {
        return tokenFrom(REALM, Map.of("grant_type", "password", "client_id", TEST_CLIENT, "username", username,
                "password", password, "scope", "openid"), "token of " + username);
    }

    /**
     * An access token of a person issued to another application of the realm (Keycloak's own {@code admin-cli}),
     * so without the portal as audience: the portal must refuse it.
     */
    public String tokenForAnotherApplication(String username, String password) {
        return tokenFrom(REALM, Map.of("grant_type", "password", "client_id", "admin-cli", "username", username,
                "password", password, "scope", "openid"), "admin-cli token of " + username);
    }

    /** Whether Keycloak gives this person a token at all (a disabled user gets none). */
    public boolean canLogIn(String username, String password) {
        return postForm(tokenUrl(REALM), Map.of("grant_type", "password", "client_id", TEST_CLIENT,
                "username", username, "password", password)).statusCode() == 200;
    }

    /** The portal's service account: client credentials of {@code portal-admin-api}. */
    public String serviceAccountToken() {
        return tokenFrom(REALM, Map.of("grant_type", "client_credentials", "client_id", ADMIN_API_CLIENT,
                "client_secret", adminApiSecret()), "token of the portal's service account");
    }

    /** The service account's secret, as stack.sh made it in the stack's state folder. */
    private static String adminApiSecret() {
        Path file = AllianceStack.shared().home().resolve("secrets/portal-admin-client-secret");
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AssertionError("stack.sh keeps the portal-admin-api client's secret in " + file, e);
        }
    }

    /** The bootstrap administrator of the master realm, as someone working in Keycloak's console. */
    public String consoleToken() {
        return tokenFrom("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", BOOTSTRAP_ADMIN, "password", BOOTSTRAP_PASSWORD), "token of Keycloak's bootstrap admin");
    }

    private String tokenFrom(String realm, Map<String, String> params, String what) {
        HttpResponse<String> answer = postForm(tokenUrl(realm), params);
        if (answer.statusCode() != 200) {
            throw new AssertionError(what + ": Keycloak answered " + answer.statusCode() + " " + answer.body());
        }
        return read(answer.body()).path("access_token").asText();
    }

    private String tokenUrl(String realm) {
        return url + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    // ------------------------------------------------------------------ the test client

    /**
     * Creates the public client {@value #TEST_CLIENT} unless it exists: password grant only, with the
     * {@code organization} scope by default (so tokens carry the organization claim, as the portal's do)
     * and the portal as audience.
     */
    public void ensureTestClient() {
        String admin = consoleToken();
        JsonNode existing = getJson(admin, adminPath("/clients?clientId=" + TEST_CLIENT));
        if (!existing.isEmpty()) {
            return;
        }
        ObjectNode client = json.createObjectNode()
                .put("clientId", TEST_CLIENT)
                .put("name", "End-to-end tests (password grant)")
                .put("enabled", true)
                .put("publicClient", true)
                .put("protocol", "openid-connect")
                .put("standardFlowEnabled", false)
                .put("directAccessGrantsEnabled", true);
        client.putArray("defaultClientScopes").add("basic").add("profile").add("email").add("roles").add("organization");
        ObjectNode audience = client.putArray("protocolMappers").addObject()
                .put("name", "portal audience")
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config").put("included.client.audience", "portal").put("access.token.claim", "true")
                .put("id.token.claim", "false");
        HttpResponse<String> created = send(admin, "POST", adminPath("/clients"), client.toString());
        expect(created, 201, "creating the client " + TEST_CLIENT);
    }

    // ------------------------------------------------------------------ what the console shows (the portal's service account)

    public Optional<User> userByEmail(String email) {
        JsonNode users = getJson(serviceAccountToken(),
                adminPath("/users?exact=true&briefRepresentation=false&email=" + encode(email)));
        return users.isEmpty() ? Optional.empty() : Optional.of(user(users.get(0)));
    }

    public User user(String userId) {
        return user(getJson(serviceAccountToken(), adminPath("/users/" + userId)));
    }

    /** The aliases of the (enabled or disabled) organizations the user belongs to. */
    public List<String> organizationsOf(String userId) {
        List<String> aliases = new ArrayList<>();
        getJson(serviceAccountToken(), adminPath("/organizations/members/" + userId + "/organizations"))
                .forEach(o -> aliases.add(o.path("alias").asText()));
        return aliases;
    }

    public Optional<Organization> organizationByAlias(String alias) {
        List<Organization> found = new ArrayList<>();
        getJson(serviceAccountToken(), adminPath("/organizations?briefRepresentation=true&search=" + encode(alias)))
                .forEach(o -> found.add(new Organization(o.path("id").asText(), o.path("name").asText(),
                        o.path("alias").asText(), o.path("enabled").asBoolean())));
        return found.stream().filter(o -> o.alias().equals(alias)).findFirst();
    }

    /** The realm roles mapped to the user directly (e.g. "lead"). */
    public List<String> realmRolesOf(String userId) {
        List<String> roles = new ArrayList<>();
        getJson(serviceAccountToken(), adminPath("/users/" + userId + "/role-mappings/realm"))
                .forEach(r -> roles.add(r.path("name").asText()));
        return roles;
    }

    // ------------------------------------------------------------------ what an administrator does in the console

    /** Switches the user off, as the "Enabled" toggle of Keycloak's console does. */
    public void disableUser(String userId) {
        expect(send(consoleToken(), "PUT", adminPath("/users/" + userId), "{\"enabled\":false}"), 204,
                "disabling user " + userId);
    }

    /** Ends all the user's sessions, as the "Sign out" of the user's "Sessions" tab in the console does. */
    public void signOut(String userId) {
        expect(send(consoleToken(), "POST", adminPath("/users/" + userId + "/logout"), null), 204, "signing out " + userId);
    }

        /** Removes the user from the organization, as the organization's "Members" tab of the console does. */
    public void removeMember(String organizationAlias, String userId) {
        Organization organization = organizationByAlias(organizationAlias)
                .orElseThrow(() -> new AssertionError("no Keycloak organization " + organizationAlias));
        expect(send(consoleToken(), "DELETE", adminPath("/organizations/" + organization.id() + "/members/" + userId), null),
                204, "removing " + userId + " from " + organizationAlias);
    }

    // ------------------------------------------------------------------ HTTP

    private User user(JsonNode u) {
        List<String> actions = new ArrayList<>();
        u.path("requiredActions").forEach(a -> actions.add(a.asText()));
        return new User(u.path("id").asText(), u.path("username").asText(), u.path("email").asText(),
                u.path("enabled").asBoolean(), u.path("emailVerified").asBoolean(), List.copyOf(actions));
    }

    private String adminPath(String path) {
        return url + "/admin/realms/" + REALM + path;
    }

    private JsonNode getJson(String token, String uri) {
        HttpResponse<String> answer = send(token, "GET", uri, null);
        expect(answer, 200, "GET " + uri);
        return read(answer.body());
    }

    private HttpResponse<String> send(String token, String method, String uri, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    private HttpResponse<String> postForm(String uri, Map<String, String> params) {
        String body = params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return exchange(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static void expect(HttpResponse<String> answer, int status, String what) {
        if (answer.statusCode() != status) {
            throw new AssertionError(what + ": Keycloak answered " + answer.statusCode() + " " + answer.body());
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
