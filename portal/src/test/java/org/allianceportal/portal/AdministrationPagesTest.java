package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.allianceportal.core.admin.AuditEntry;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.shared.Role;
import org.allianceportal.notifications.calendar.CalendarFeed;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/**
 * The admin console's pages, bad input kept with field messages, Keycloak being unreachable, and what
 * the portal's membership decides at the next request: a disabled person's session ends, a role given
 * in the portal counts at once. Keycloak itself is tested end to end (deployment's AdministrationIT);
 * here it is unreachable (port 1), as it is when it is down.
 */
@QuarkusTest
class AdministrationPagesTest {

    @Inject
    TestWorld world;

    @Inject
    CalendarFeed feeds;

    @Test
    @TestSecurity(user = "admin", roles = "portal-admin")
    @OidcSecurity(claims = @Claim(key = "sub", value = "t-admin"))
    void the_administrator_starts_in_the_console_and_founds_an_alliance_that_its_parties_see_in_their_history() {
        TestWorld.Ids ids = world.ids();
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/admin"));
        String console = given().get("/admin").then().statusCode(200).extract().asString();
        assertThat(console).contains("Test Acme", "Test Globex", "Secret Acme–Globex pact", "Create organisation",
                "Create alliance");

        Csrf csrf = Csrf.from("/admin");
        Response refused = csrf.post("/admin/alliances", Map.of("name", "Solo venture", "parties",
                String.valueOf(ids.acme())));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString()).contains("id=\"alliance-parties-error\"", "at least two",
                "value=\"Solo venture\"");

        Response founded = given().redirects().follow(false).formParam("csrf-token", csrf.token())
                .formParam("name", "Pages pilot").formParam("parties", ids.acme()).formParam("parties", ids.globex())
                .post("/admin/alliances");
        assertThat(founded.statusCode()).isEqualTo(303);
        long pilot = Long.parseLong(founded.header("Location").replaceAll(".*/", ""));
        assertThat(given().get("/admin/alliances/" + pilot).then().statusCode(200).extract().asString())
                .contains("Pages pilot", "Acknowledgement deadlines", "Archive this alliance");
        assertThat(LogEntry.count("allianceId = ?1 and action = 'alliance.founded'", pilot)).isEqualTo(1);
        assertThat(AuditEntry.count("action = 'alliance.founded' and targetId = ?1", pilot)).isEqualTo(1);

        Response badDays = csrf.post("/admin/alliances/" + pilot + "/deadlines", Map.of("HIGH", "0", "MEDIUM", "x",
                "LOW", "5"));
        assertThat(badDays.statusCode()).isEqualTo(400);
        assertThat(badDays.body().asString()).contains("id=\"deadlines-HIGH-error\"", "id=\"deadlines-MEDIUM-error\"",
                "value=\"x\"");
        assertThat(csrf.post("/admin/alliances/" + pilot + "/deadlines", Map.of("HIGH", "2", "MEDIUM", "4", "LOW", "6"))
                .statusCode()).isEqualTo(303);
        assertThat(csrf.post("/admin/alliances/" + pilot + "/archive", Map.of()).statusCode()).isEqualTo(303);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Alliance.<Alliance>findById(pilot).isArchived())).isTrue();
    }

    @Test
    @TestSecurity(user = "admin", roles = "portal-admin")
    @OidcSecurity(claims = @Claim(key = "sub", value = "t-admin"))
    void with_keycloak_unreachable_nothing_is_created_and_the_form_comes_back_as_typed() {
        Csrf csrf = Csrf.from("/admin");
        Response page = csrf.post("/admin/organisations", Map.of("name", "Hooli Pages", "alias", "hooli-pages"));
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body().asString()).contains("Keycloak could not be reached", "Nothing was changed",
                "value=\"Hooli Pages\"", "value=\"hooli-pages\"");
        assertThat(Organisation.count("keycloakAlias", "hooli-pages")).isZero();

        Response bad = csrf.post("/admin/organisations", Map.of("name", "", "alias", "Not An Alias"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body().asString()).contains("id=\"organisation-name-error\"", "id=\"organisation-alias-error\"",
                "value=\"Not An Alias\"");

        Response api = given().header("X-CSRF-Token", csrf.token()).contentType("application/json")
                .body("{\"email\":\"hank@hooli.example\",\"name\":\"Hank\",\"role\":\"LEAD\"}")
                .post("/api/v1/admin/organisations/" + world.ids().acme() + "/people");
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.contentType()).isEqualTo("application/problem+json");
        assertThat(Membership.count("email", "hank@hooli.example")).isZero();
    }

    @Test
    @TestSecurity(user = "dora", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-dora"), @Claim(key = "organization", value = TestWorld.GLOBEX)})
    void the_portals_membership_decides_at_the_next_request_whatever_the_token_says() {
        world.ids();
        given().get("/organisation/people").then().statusCode(200); // first contact: enrolled as the token says
        String feed = feeds.url("t-dora").replaceAll(".*/calendar/", "").replace(".ics", "");
        assertThat(feedOf(feed)).as("the calendar feed works").isTrue();

        setMembership("t-dora", Role.MEMBER, MembershipStatus.ACTIVE);
        given().get("/organisation/people").then().statusCode(403); // the token still says "lead"

        setMembership("t-dora", Role.LEAD, MembershipStatus.DISABLED);
        Response page = given().redirects().follow(false).cookie("q_session", "sealed-tokens").get("/organisation/people");
        assertThat(page.statusCode()).as("the page asks for a new login").isEqualTo(303);
        assertThat(page.header("Location")).endsWith("/organisation/people");
        assertThat(page.header("Set-Cookie")).contains("q_session=;").containsIgnoringCase("Max-Age=0");
        Response form = given().redirects().follow(false).formParam("name", "Eve").post("/organisation/people");
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(form.header("Location")).as("a form goes to the start page, not to a POST-only address")
                .matches("http://[^/]+/");
        Response api = given().get("/api/v1/admin/access-review");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.contentType()).isEqualTo("application/problem+json");
        assertThat(feedOf(feed)).as("the calendar feed stops").isFalse(); // its page answers 404 then
    }

    private boolean feedOf(String token) {
        return QuarkusTransaction.requiringNew().call(() -> feeds.feed(token).isPresent());
    }

    @Test
    void without_the_demo_mailbox_its_pages_do_not_exist() {
        given().get("/demo/mailbox").then().statusCode(404);
    }

    private static void setMembership(String userId, Role role, MembershipStatus status) {
        QuarkusTransaction.requiringNew().run(() -> {
            Membership m = Membership.<Membership>findByUserId(userId).orElseThrow();
            m.role = role;
            m.status = status;
        });
    }
}
