package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Walks every alliance-scoped route of the portal (every page and every form, found by reflection)
 * as a user of an organisation that is not party to the alliance: each must answer 404 and show
 * nothing of it. A route with a path parameter this test cannot fill, or a route missing from
 * {@link #KNOWN_ROUTES}, fails the test, so a new route cannot slip by untested.
 */
@QuarkusTest
class AllianceIsolationTest {

    /** Every alliance-scoped route. A new one must be added here, after checking it is scoped. */
    static final List<String> KNOWN_ROUTES = List.of(
            "GET /alliances/{allianceId}",
            "GET /alliances/{allianceId}/history",
            "GET /alliances/{allianceId}/history/{index}/proof",
            "GET /alliances/{allianceId}/commitments/new",
            "POST /alliances/{allianceId}/commitments",
            "GET /alliances/{allianceId}/commitments/{commitmentId}",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/agree",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/due-date",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/due-date/agree",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/due-date/decline",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/delivery",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/accept",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/dispute",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/closure",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/closure/agree",
            "POST /alliances/{allianceId}/commitments/{commitmentId}/closure/decline",
            "GET /alliances/{allianceId}/concerns/new",
            "POST /alliances/{allianceId}/concerns",
            "GET /alliances/{allianceId}/concerns/{concernId}",
            "POST /alliances/{allianceId}/concerns/{concernId}/acknowledge",
            "POST /alliances/{allianceId}/concerns/{concernId}/respond",
            "POST /alliances/{allianceId}/concerns/{concernId}/resolution",
            "POST /alliances/{allianceId}/concerns/{concernId}/resolution/confirm",
            "POST /alliances/{allianceId}/concerns/{concernId}/resolution/reject",
            "POST /alliances/{allianceId}/concerns/{concernId}/escalate",
            "POST /alliances/{allianceId}/concerns/{concernId}/reopen",
            "POST /alliances/{allianceId}/concerns/{concernId}/comments",
            "GET /alliances/{allianceId}/commitments",
            "GET /alliances/{allianceId}/concerns",
            "GET /alliances/{allianceId}/check-ins",
            "POST /alliances/{allianceId}/check-ins/cadence",
            "GET /alliances/{allianceId}/check-ins/{checkInId}",
            "GET /alliances/{allianceId}/check-ins/{checkInId}/invite.ics",
            "POST /alliances/{allianceId}/check-ins/{checkInId}/reschedule",
            "POST /alliances/{allianceId}/check-ins/{checkInId}/cancel",
            "POST /alliances/{allianceId}/check-ins/{checkInId}/agenda",
            "POST /alliances/{allianceId}/check-ins/{checkInId}/attendance",
            "POST /alliances/{allianceId}/check-ins/{checkInId}/minutes",
            "POST /alliances/{allianceId}/check-ins/{checkInId}/approve",
            "GET /api/v1/alliances/{allianceId}/log/entries",
            "GET /api/v1/alliances/{allianceId}/log/checkpoint",
            "GET /api/v1/alliances/{allianceId}/log/proof/inclusion",
            "GET /api/v1/alliances/{allianceId}/log/proof/consistency",
            "GET /api/v1/alliances/{allianceId}/log/export",
            "GET /alliances/{allianceId}/health",
            "POST /alliances/{allianceId}/health/thresholds",
            "POST /alliances/{allianceId}/health/warnings/{warningId}/respond",
            "GET /api/v1/alliances/{allianceId}/health",
            "GET /api/v1/alliances/{allianceId}/health/signals.csv",
            "GET /api/v1/alliances/{allianceId}/health/snapshots.csv",
            "GET /alliances/{allianceId}/pulse",
            "POST /alliances/{allianceId}/pulse/{roundId}");

    /** Query parameters some GET routes need to be valid for a party member. */
    static String query(String route) {
        return route.endsWith("/proof/inclusion") ? "?index=0&size=1"
                : route.endsWith("/proof/consistency") ? "?first=1&second=1" : "";
    }

    @Inject
    TestWorld world;

    @Test
    void every_alliance_scoped_route_is_known_to_this_test() throws Exception {
        assertThat(new TreeSet<>(allianceScopedRoutes())).isEqualTo(new TreeSet<>(KNOWN_ROUTES));
    }

    @Test
    @TestSecurity(user = "ivan", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-ivan"), @Claim(key = "organization", value = TestWorld.INITECH)})
    void a_non_party_organisation_gets_404_on_every_route_and_sees_nothing() throws Exception {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.globexInitech() + "/commitments/new");
        for (String route : allianceScopedRoutes()) {
            String[] parts = route.split(" ", 2);
            String url = fill(parts[1], Map.of("allianceId", ids.acmeGlobex(), "commitmentId", ids.commitment(),
                    "concernId", ids.concern(), "index", 0L, "checkInId", ids.checkIn(), "warningId", 1L, "roundId", 1L));
            Response response = parts[0].equals("GET")
                    ? given().redirects().follow(false).get(url + query(route))
                    : csrf.post(url, formFilledIn(ids));
            assertThat(response.statusCode()).as(route).isEqualTo(404);
            assertThat(response.body().asString()).as(route)
                    .doesNotContain("Secret Acme–Globex pact", "Secret pricing study", "Secret worry");
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
    void a_party_member_reaches_the_same_pages() throws Exception {
        TestWorld.Ids ids = world.ids();
        for (String route : allianceScopedRoutes()) {
            if (route.startsWith("GET ")) {
                String url = fill(route.substring(4), Map.of("allianceId", ids.acmeGlobex(),
                        "commitmentId", ids.commitment(), "concernId", ids.concern(), "index", 0L, "checkInId", ids.checkIn(),
                        "warningId", 1L, "roundId", 1L));
                assertThat(given().get(url + query(route)).statusCode()).as(route).isEqualTo(200);
            }
        }
    }

    /** A value for every field any form sends, so each POST would be valid if the alliance were visible. */
    static Map<String, String> formFilledIn(TestWorld.Ids ids) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String text : List.of("title", "body", "reason", "evidence", "note", "description", "response", "resolution")) {
            fields.put(text, "x");
        }
        fields.put("version", "0");
        fields.put("raisedToId", String.valueOf(ids.globex()));
        fields.put("severity", "HIGH");
        fields.put("ownerId", String.valueOf(ids.globex()));
        fields.put("beneficiaryId", String.valueOf(ids.acme()));
        fields.put("dueDate", "2099-01-01");
        fields.put("newDueDate", "2099-01-01");
        fields.put("kind", "WITHDRAW");
        fields.put("frequency", "WEEKLY");
        fields.put("firstDate", "2099-01-01");
        fields.put("localTime", "10:00");
        fields.put("zone", "UTC");
        fields.put("durationMinutes", "60");
        fields.put("startsAt", "2099-01-01T10:00");
        fields.put("agenda", "x");
        fields.put("minutes", "x");
        for (String line : List.of("warnBelow", "urgentBelow", "maxDrop", "silenceDays", "maxDisputes", "maxBreaches",
                "maxOverdue", "maxMissedCheckIns")) {
            fields.put(line, line.equals("urgentBelow") ? "40" : "60");
        }
        for (String statement : List.of("s1", "s2", "s3", "s4")) {
            fields.put(statement, "3");
        }
        return fields;
    }

    /** "METHOD /path" of every resource method whose path holds {allianceId}, found in the compiled portal. */
    static List<String> allianceScopedRoutes() throws IOException, ClassNotFoundException {
        // the admin console's alliance routes are the platform administrator's (AdminAuthorisationTest)
        return Route.all().stream().filter(r -> r.path().contains("{allianceId}") && !r.path().startsWith("/admin/")
                && !r.path().startsWith("/api/v1/admin/")).map(Route::toString).toList();
    }

    static String fill(String path, Map<String, Long> values) {
        return Route.fill(path, values);
    }

    /** The form token taken from a form page the user may see, so POSTs reach the resource. */
    record Csrf(String token) {
        static Csrf from(String formPage) {
            Response page = given().get(formPage);
            assertThat(page.statusCode()).as(formPage).isEqualTo(200);
            return new Csrf(tokenIn(page.body().asString(), formPage));
        }

        /** The token in a page's forms ({@code {#csrf /}}). */
        static String tokenIn(String html, String what) {
            Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
            assertThat(m.find()).as("a form token on " + what + ":\n" + html).isTrue();
            return m.group(1);
        }

        Response post(String url, Map<String, String> fields) {
            return given().redirects().follow(false).formParams(fields).formParam("csrf-token", token).post(url);
        }

        /** Sends a body encoded by the caller, as a browser (or something less kind) would send it. */
        Response postEncoded(String url, String body) {
            return given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .body(body + "&csrf-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).post(url);
        }
    }
}
