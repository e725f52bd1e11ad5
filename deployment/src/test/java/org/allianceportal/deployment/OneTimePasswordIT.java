package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * One-time passwords (Keycloak's own OTP) on the run's real Keycloak. In the demo realm a lead is offered one:
 * the portal's preferences page leads alice to Keycloak's account console, where she can set up an authenticator
 * app (she stops at the QR code, so the demo login stays a password). The production realm
 * (deployment/kubernetes/realm-import.yaml), imported beside the demo realm under another name, requires one of
 * administrators: an administrator without one is made to set it up at login, while a lead logs in with the
 * password alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneTimePasswordIT {

    @RegisterExtension
    @Order(0)
    static final BeforeAllCallback prerequisites = context -> Browser.requireInstalled();

    @RegisterExtension
    @Order(1)
    static final AllianceStack stack = AllianceStack.shared();

    static Browser browser;

    @RegisterExtension
    @Order(2)
    static final Storyline storyline = new Storyline(stack, () -> browser);

    static final String PRODUCTION_REALM = "alliance-production-check";
    static final String PASSWORD = "A-long-enough-password-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    static final KeycloakAdmin keycloak = new KeycloakAdmin(AllianceStack.KEYCLOAK_URL);

    @AfterAll
    static void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        admin("DELETE", "", null);
    }

    @Test
    @Order(1)
    void aliceALeadIsOfferedAOneTimePasswordAndReachesKeycloaksSetUp() throws Exception {
        browser = Browser.open(AllianceStack.PORTAL_URL, stack.home().resolve("browser"));
        browser.logIn(AlliancePortalIT.ALICE.username(), AlliancePortalIT.PASSWORD);
        browser.open("/notifications/preferences");
        assertThat(browser.text(By.id("signing-in"))).isEqualTo("Signing in");
        assertThat(browser.pageText()).contains("As a lead you agree and accept on your organisation's behalf");

        browser.submit(By.id("set-up-otp"));
        browser.waitForUrl(AllianceStack.KEYCLOAK_URL + "/realms/alliance/account/.*");
        // the account console (a script page) lists the authenticator app as a way of signing in
        browser.submit(By.xpath("//*[self::a or self::button][starts-with(normalize-space(.), 'Set up')"
                + " and contains(., 'uthenticator application')]"));
        browser.waitForUrl(AllianceStack.KEYCLOAK_URL + "/realms/alliance/.*");
        browser.find(By.id("kc-totp-secret-qr-code"));
        assertThat(browser.pageText()).contains("Mobile Authenticator Setup");
    }

    @Test
    @Order(2)
    void theProductionRealmMakesAnAdministratorSetUpAOneTimePasswordAndLetsALeadInWithThePassword() throws Exception {
        JsonNode file = KubernetesManifestTest.YAML.readTree(stack.repo().resolve("deployment/kubernetes/realm-import.yaml").toFile());
        String realm = JSON.writeValueAsString(file.path("spec").path("realm"))
                .replace("${PORTAL_CLIENT_SECRET}", "portal-secret-for-this-check-only")
                .replace("${PORTAL_ADMIN_CLIENT_SECRET}", "admin-api-secret-for-this-check-only")
                .replace("${FIRST_ADMIN_PASSWORD}", PASSWORD);
        ObjectNode renamed = (ObjectNode) JSON.readTree(realm);
        renamed.put("realm", PRODUCTION_REALM);
        admin("DELETE", "", null); // left over by an aborted run
        HttpResponse<String> imported = send(HttpRequest.newBuilder(URI.create(AllianceStack.KEYCLOAK_URL + "/admin/realms"))
                .header("Authorization", "Bearer " + keycloak.consoleToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(renamed))).build(), null);
        assertThat(imported.statusCode()).as("importing the production realm: %s", imported.body()).isEqualTo(201);

        // a second administrator, made in the console later, with no required action of its own
        createUser("second-admin");
        String adminId = JSON.readTree(admin("GET", "/users?exact=true&username=second-admin", null).body()).get(0)
                .path("id").asText();
        String role = admin("GET", "/roles/portal-admin", null).body();
        assertThat(admin("POST", "/users/" + adminId + "/role-mappings/realm", "[" + role + "]").statusCode())
                .isEqualTo(204);
        createUser("a-lead");

        assertThat(logIn("second-admin")).as("where an administrator's password leads")
                .contains("/login-actions/required-action?execution=CONFIGURE_TOTP");
        assertThat(logIn("a-lead")).as("where a lead's password leads").startsWith("https://portal.example.com/");
    }

    static void createUser(String username) {
        HttpResponse<String> created = admin("POST", "/users", """
                {"username":"%s","enabled":true,"email":"%s@example.com","emailVerified":true,"firstName":"Check",
                 "lastName":"Person","credentials":[{"type":"password","value":"%s","temporary":false}]}"""
                .formatted(username, username, PASSWORD));
        assertThat(created.statusCode()).as("creating %s: %s", username, created.body()).isEqualTo(201);
    }

    /** Logs in on the production realm's login page for the portal client; returns where Keycloak sends the browser. */
    static String logIn(String username) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LocalhostCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String realm = AllianceStack.KEYCLOAK_URL + "/realms/" + PRODUCTION_REALM;
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/auth?"
                + "client_id=portal&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fportal.example.com%2F"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")).build(), browser);
        Matcher action = LOGIN_FORM.matcher(page.body());
        assertThat(action.find()).as("the production realm's login page (%d)", page.statusCode()).isTrue();
        String form = Map.of("username", username, "password", PASSWORD).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), browser);
        assertThat(answer.statusCode()).as("the answer to %s's password: %s", username, answer.body()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }

    /**
     * A cookie jar that keeps Keycloak's cookies on http://localhost: Keycloak marks them Secure, which browsers
     * accept there (localhost counts as a secure origin) and Java's CookieManager does not.
     */
    static final class LocalhostCookies extends CookieHandler {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return cookies.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> plain = new HashMap<>();
            headers.forEach((name, values) -> plain.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure", "")).toList() : values));
            cookies.put(uri, plain);
        }
    }

    /** Keycloak's admin REST API on the production realm's copy, as the console's bootstrap administrator. */
    static HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(AllianceStack.KEYCLOAK_URL + "/admin/realms/"
                        + PRODUCTION_REALM + path))
                .header("Authorization", "Bearer " + keycloak.consoleToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build(), null);
    }

    static HttpResponse<String> send(HttpRequest request, HttpClient client) {
        try {
            HttpClient http = client != null ? client : HttpClient.newHttpClient();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
