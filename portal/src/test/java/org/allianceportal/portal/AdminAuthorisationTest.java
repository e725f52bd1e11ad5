package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/**
 * Every administration route (found by reflection: the console, the JSON admin API, a lead's people
 * page, the access review) for each kind of visitor: the platform administrator, a lead of the
 * organisation, a lead of another organisation, a member and someone not logged in. Forms and JSON
 * bodies are sent empty, with a valid form token, so an allowed call is answered by the domain (200,
 * 303, 400, 404, 409) and a refused one by the authorisation (401, 403) before anything reaches Keycloak.
 */
@QuarkusTest
class AdminAuthorisationTest {

    /** What a lead may do for their own organisation (core decides; these have no role annotation). */
    static final Set<String> LEADS_OWN = Set.of(
            "GET /organisation/people", "POST /organisation/people",
            "POST /organisation/people/{personId}/resend", "POST /organisation/people/{personId}/remove",
            "GET /admin/access-review", "GET /admin/access-review.csv", "GET /api/v1/admin/access-review",
            "GET /api/v1/admin/organisations/{organisationId}/people",
            "POST /api/v1/admin/organisations/{organisationId}/people",
            "POST /api/v1/admin/organisations/{organisationId}/people/{personId}/resend",
            "POST /api/v1/admin/organisations/{organisationId}/people/{personId}/remove");

    /** A lead's own organisation is the one they belong to: these routes carry no organisation id. */
    static final Set<String> OWN_WITHOUT_ID = Set.of("GET /organisation/people", "POST /organisation/people",
            "POST /organisation/people/{personId}/resend", "POST /organisation/people/{personId}/remove",
            "GET /admin/access-review", "GET /admin/access-review.csv", "GET /api/v1/admin/access-review");

    static final long NOBODY = 999_999_999L;

    @Inject
    TestWorld world;

    @Inject
    AllianceService alliances;

    private static Long matrixAlliance;

    enum Visitor { ADMIN, LEAD, LEAD_OF_ANOTHER, MEMBER, ANONYMOUS }

    @Test
    @TestSecurity(user = "admin", roles = "portal-admin")
    @OidcSecurity(claims = @Claim(key = "sub", value = "t-admin"))
    void the_platform_administrator_reaches_every_administration_route() throws Exception {
        sweep(Visitor.ADMIN, "/admin");
    }

    @Test
    @TestSecurity(user = "alice", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
    void a_lead_reaches_their_own_organisations_people_and_nothing_else() throws Exception {
        sweep(Visitor.LEAD, "/organisation/people");
    }

    @Test
    @TestSecurity(user = "bruno", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-bruno"), @Claim(key = "organization", value = TestWorld.GLOBEX)})
    void a_lead_of_another_organisation_is_refused_the_people_of_this_one() throws Exception {
        sweep(Visitor.LEAD_OF_ANOTHER, "/organisation/people");
    }

    @Test
    @TestSecurity(user = "anna", roles = "member")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-anna"), @Claim(key = "organization", value = TestWorld.ACME)})
    void a_member_is_refused_every_administration_route() throws Exception {
        sweep(Visitor.MEMBER, "/notifications/preferences");
    }

    @Test
    void someone_not_logged_in_is_sent_to_log_in_everywhere() throws Exception {
        sweep(Visitor.ANONYMOUS, null);
    }

    private void sweep(Visitor visitor, String formPage) throws Exception {
        TestWorld.Ids ids = world.ids();
        Map<String, Long> params = Map.of("allianceId", matrixAlliance(ids), "organisationId", ids.acme(),
                "personId", NOBODY);
        String token = formPage == null ? "" : Csrf.from(formPage).token();
        List<Route> routes = Route.all().stream().filter(r -> r.path().startsWith("/admin")
                || r.path().startsWith("/api/v1/admin") || r.path().startsWith("/organisation")).toList();
        assertThat(routes).as("administration routes").hasSizeGreaterThanOrEqualTo(40);
        for (Route route : routes) {
            Response response = send(route, route.fill(params), token);
            int status = response.statusCode();
            String what = visitor + " " + route;
            if (visitor == Visitor.ANONYMOUS) {
                assertThat(status).as(what).isIn(302, 401);
            } else if (allowed(visitor, route)) {
                assertThat(status).as(what).isNotIn(401, 403).isLessThan(500);
                if (route.verb().equals("GET")) {
                    assertThat(status).as(what).isEqualTo(200);
                }
            } else {
                assertThat(status).as(what).isEqualTo(403);
            }
        }
    }

    private static boolean allowed(Visitor visitor, Route route) {
        String key = route.toString();
        return switch (visitor) {
            // the administrator belongs to no organisation: there is no "own" people page for them
            case ADMIN -> !key.contains(" /organisation/");
            case LEAD -> LEADS_OWN.contains(key);
            case LEAD_OF_ANOTHER -> OWN_WITHOUT_ID.contains(key);
            case MEMBER, ANONYMOUS -> false;
        } && (visitor != Visitor.LEAD && visitor != Visitor.LEAD_OF_ANOTHER
                || !route.method().isAnnotationPresent(RolesAllowed.class));
    }

    private static Response send(Route route, String url, String token) {
        boolean api = url.startsWith("/api/");
        var request = given().redirects().follow(false);
        if (route.verb().equals("GET")) {
            return request.get(url);
        }
        return api ? request.header("X-CSRF-Token", token).contentType("application/json").body("{}")
                .request(route.verb(), url)
                : request.formParam("csrf-token", token).request(route.verb(), url);
    }

    /** An alliance of Acme and Globex for this test alone: the administrator's sweep archives it. */
    private synchronized long matrixAlliance(TestWorld.Ids ids) {
        if (matrixAlliance == null) {
            Actor admin = new Actor("test-admin", "Admin", null, Role.ADMIN);
            matrixAlliance = alliances.create(admin, "Matrix alliance", null, List.of(ids.acme(), ids.globex())).id;
        }
        return matrixAlliance;
    }
}
