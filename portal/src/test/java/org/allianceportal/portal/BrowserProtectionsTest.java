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
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/**
 * What every answer of the portal tells the browser (every GET route found by reflection, whatever its
 * status, plus errors and files), HSTS only over HTTPS as a proxy reports it, and logging out by a form.
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class BrowserProtectionsTest {

    @Inject
    TestWorld world;

    static void assertProtected(Response response, String what) {
        assertThat(response.header("Content-Security-Policy")).as(what)
                .contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
    }

    @Test
    void every_page_route_error_and_file_carries_the_browser_protections() throws Exception {
        TestWorld.Ids ids = world.ids();
        Map<String, Long> values = Map.of("allianceId", ids.acmeGlobex(), "commitmentId", ids.commitment(),
                "concernId", ids.concern(), "checkInId", ids.checkIn(), "index", 0L, "organisationId", ids.acme(),
                "personId", 1L, "number", 0L);
        List<Route> gets = Route.all().stream().filter(r -> r.verb().equals("GET")).toList();
        assertThat(gets).hasSizeGreaterThanOrEqualTo(20);
        int pages = 0;
        for (Route route : gets) {
            String url = Route.fill(route.path().replace("{token}", "not-a-token"), values)
                    + AllianceIsolationTest.query(route.toString());
            Response response = given().redirects().follow(false).get(url);
            assertProtected(response, route + " (" + response.statusCode() + ")");
            assertThat(response.header("Strict-Transport-Security")).as(route + " over plain HTTP").isNull();
            if (response.statusCode() == 200 && response.contentType().startsWith("text/html")) {
                pages++;
            }
        }
        assertThat(pages).as("pages that alice sees").isGreaterThanOrEqualTo(12);
        for (String other : List.of("/nothing/here", "/style.css", "/api/v1/nothing", "/q/health/live")) {
            assertProtected(given().get(other), other);
        }
    }

    @Test
    void over_https_as_the_proxy_reports_it_the_browser_is_told_to_keep_to_https() {
        Response https = given().header("X-Forwarded-Proto", "https").get("/");
        assertThat(https.statusCode()).isEqualTo(200);
        assertThat(https.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(given().header("X-Forwarded-Proto", "http").get("/").header("Strict-Transport-Security")).isNull();
    }

    @Test
    void logging_out_is_a_form_with_the_token_that_drops_the_session_and_ends_the_keycloak_session() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page).contains("<form method=\"post\" action=\"/logout\" class=\"logout\">").doesNotContain("href=\"/logout\"");
        Csrf csrf = new Csrf(Csrf.tokenIn(page, "the header's Log out form"));

        Response loggedOut = given().redirects().follow(false).cookie("q_session", "sealed-tokens")
                .cookie("q_session_chunk_1", "more").formParam("csrf-token", csrf.token()).post("/logout");
        assertThat(loggedOut.statusCode()).isEqualTo(303);
        assertThat(loggedOut.header("Location")).startsWith("http://localhost:8180/realms/alliance/protocol/openid-connect/logout?")
                .contains("client_id=portal", "post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A8081%2F");
        assertThat(loggedOut.headers().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("q_session=;")
                .containsIgnoringCase("Max-Age=0")).anySatisfy(c -> assertThat(c).startsWith("q_session_chunk_1=;"));

        Response forged = given().redirects().follow(false).cookie("q_session", "sealed-tokens")
                .formParam("csrf-token", "forged").post("/logout");
        assertThat(forged.statusCode()).as("a logout another site sent").isEqualTo(400);
        assertThat(forged.headers().getValues("Set-Cookie")).as("the session stays").isEmpty();
        assertThat(forged.body().asString()).contains(FormTokenPagesTest.SEND_AGAIN, "id=\"confirm-logout\"");

        Response asked = given().redirects().follow(false).cookie("q_session", "sealed-tokens").get("/logout");
        assertThat(asked.statusCode()).as("a GET only asks").isEqualTo(200);
        assertThat(asked.headers().getValues("Set-Cookie")).isEmpty();
        assertThat(asked.body().asString()).contains("id=\"confirm-logout\"");
    }
}
