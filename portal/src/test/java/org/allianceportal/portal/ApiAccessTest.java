package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call the JSON API: the public key is for anyone (an auditor needs it before anything else);
 * every other route answers a caller without a login with 401, a WWW-Authenticate challenge and problem
 * details, never a redirect to the login page. (That pages still send people to Keycloak, and that the
 * browser's session works on the API, is proven against the real Keycloak in AlliancePortalIT.)
 */
@QuarkusTest
class ApiAccessTest {

    @Inject
    TestWorld world;

    @Test
    void the_public_key_needs_no_login() {
        Response response = given().redirects().follow(false).get("/api/v1/log/public-key");
        assertThat(response.statusCode()).isEqualTo(200);
        String[] lines = response.body().asString().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).matches("fingerprint [0-9a-f]{64}");
    }

    @Test
    void every_other_api_route_answers_a_caller_without_a_login_with_401_and_problem_details() throws Exception {
        TestWorld.Ids ids = world.ids();
        List<Route> api = Route.all().stream()
                .filter(r -> r.path().startsWith("/api/") && !r.path().equals("/api/v1/log/public-key")).toList();
        assertThat(api).hasSizeGreaterThanOrEqualTo(5);
        for (Route route : api) {
            String url = route.fill(Map.of("allianceId", ids.acmeGlobex(), "organisationId", ids.acme(), "personId", 1L));
            // a JSON body where the route reads one: the login is missing, not the content type
            Response response = given().redirects().follow(false).contentType("application/json").body("{}")
                    .request(route.verb(), url);
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(route.toString()).startsWith("Bearer");
            assertThat(response.contentType()).as(route.toString()).isEqualTo("application/problem+json");
            assertThat(response.jsonPath().getInt("status")).isEqualTo(401);
            assertThat(response.body().asString()).as(route.toString()).doesNotContain("Secret");
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
    void a_logged_in_caller_reaches_the_same_routes() {
        long alliance = world.ids().acmeGlobex();
        given().get("/api/v1/alliances/" + alliance + "/log/entries").then().statusCode(200);
        given().get("/api/v1/log/public-key").then().statusCode(200);
    }
}
