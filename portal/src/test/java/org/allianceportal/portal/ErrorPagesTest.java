package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/**
 * Every page error is the portal's own page with a way back, and every API error RFC 9457 problem
 * details: no address, a method the address does not take, a parameter that does not convert, a body
 * too large or unreadable, a missing role, and an unexpected failure (without its stack trace or SQL).
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class ErrorPagesTest {

    @Inject
    TestWorld world;

    @Test
    void an_unknown_address_and_a_non_numeric_alliance_are_the_portals_404_page_with_a_way_back() {
        long alliance = world.ids().acmeGlobex();
        for (String path : new String[] {"/nothing/here", "/alliances/abc", "/alliances/" + alliance + "/commitments/abc"}) {
            Response response = given().header("Referer", "http://localhost:8081/alliances/" + alliance).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertPortalPage(response, path);
            assertThat(response.body().asString()).as(path).contains("<h1>Not found</h1>",
                    "href=\"/alliances/" + alliance + "\" id=\"error-back\"");
        }
        assertThat(given().header("Referer", "https://elsewhere.example/phish").get("/nothing/here").body().asString())
                .as("a way back, never to another site").doesNotContain("elsewhere.example");
    }

    @Test
    void a_method_the_address_does_not_take_is_a_405_page() {
        Response response = given().delete("/alliances/" + world.ids().acmeGlobex());
        assertThat(response.statusCode()).isEqualTo(405);
        assertPortalPage(response, "DELETE");
    }

    @Test
    void a_form_parameter_that_is_not_a_number_is_a_400_page_not_an_empty_body() {
        TestWorld.Ids ids = world.ids();
        String page = "/alliances/" + ids.acmeGlobex() + "/concerns/" + ids.concern();
        Response response = Csrf.from(page).post(page + "/escalate", Map.of("version", "abc", "note", "why"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertPortalPage(response, "version=abc");
    }

    @Test
    void a_body_over_the_form_limits_or_with_broken_encoding_is_a_page_that_says_so() {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.acmeGlobex() + "/concerns/new");
        Response tooLarge = csrf.post("/alliances/" + ids.acmeGlobex() + "/concerns", Map.of("title", "x".repeat(300_000)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertPortalPage(tooLarge, "300,000 characters");
        assertThat(tooLarge.body().asString()).contains("Too long to send");

        Response broken = csrf.postEncoded("/alliances/" + ids.acmeGlobex() + "/concerns", "title=a%ZZb");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertPortalPage(broken, "%ZZ");
    }

    @Test
    @TestSecurity(user = "anna", roles = "member")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-anna"), @Claim(key = "organization", value = TestWorld.ACME)})
    void a_page_for_another_role_is_a_403_page() {
        Response response = given().get("/admin/dead-letters");
        assertThat(response.statusCode()).isEqualTo(403);
        assertPortalPage(response, "dead letters");
    }

    @Test
    void an_unexpected_failure_is_a_500_page_with_a_reference_and_without_its_details() {
        Response page = given().get("/test-only/failure");
        assertThat(page.statusCode()).isEqualTo(500);
        assertPortalPage(page, "failure");
        assertThat(page.body().asString()).contains("reference").doesNotContain("IllegalStateException", "secret",
                "select", "FailingResource");

        Response api = given().get("/api/v1/test-only/failure");
        assertThat(api.statusCode()).isEqualTo(500);
        assertThat(api.contentType()).isEqualTo("application/problem+json");
        assertThat(api.jsonPath().getInt("status")).isEqualTo(500);
        assertThat(api.body().asString()).doesNotContain("IllegalStateException", "secret", "select", "\tat ");
    }

    @Test
    void api_errors_are_problem_details() {
        long alliance = world.ids().acmeGlobex();
        for (String path : new String[] {"/api/v1/nothing", "/api/v1/alliances/abc/log/entries",
                "/api/v1/alliances/999999/log/entries"}) {
            Response response = given().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(response.jsonPath().getString("title")).as(path).isEqualTo("Not found");
        }
        Response bad = given().get("/api/v1/alliances/" + alliance + "/log/proof/inclusion?index=5&size=1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).isEqualTo("application/problem+json");
        assertThat(bad.jsonPath().getString("detail")).isEqualTo("index must be below size");
    }

    /** The portal's layout (header with the Log out form, main, footer) with a message and a link home; nothing technical. */
    static void assertPortalPage(Response response, String what) {
        assertThat(response.contentType()).as(what).startsWith("text/html");
        assertThat(response.body().asString()).as(what).contains("<header class=\"top\">", "action=\"/logout\"",
                "<main id=\"main\">", "id=\"error-message\"", "href=\"/\" id=\"error-home\"", "</footer>")
                .doesNotContain("\tat ", "Exception");
    }
}
