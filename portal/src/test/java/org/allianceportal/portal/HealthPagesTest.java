package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.health.HealthWarning;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/**
 * The trust-health page, the dashboard's summary and the API on an alliance with an open warning (Globex
 * disputed a delivery of Acme's): both partners see the same figures and the same warning, leads answer
 * it through the page's form, and reading writes nothing.
 */
@QuarkusTest
class HealthPagesTest {

    @Inject
    TestWorld world;

    @Inject
    TrustHealth health;

    @Test
    @TestSecurity(user = "alice", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
    void alice_sees_the_index_its_explanations_the_warning_and_both_parties_side_by_side() {
        assertSameHealthPage();
    }

    @Test
    @TestSecurity(user = "bruno", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-bruno"), @Claim(key = "organization", value = TestWorld.GLOBEX)})
    void bruno_sees_exactly_the_same_figures_and_warning() {
        assertSameHealthPage();
    }

    @Test
    @TestSecurity(user = "alice", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
    void the_dashboard_shows_the_index_and_the_open_warning() {
        long a = world.healthLab();
        TrustHealth.Health h = expected(a);
        String page = given().get("/alliances/" + a).then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"dashboard-index\">" + h.score().index() + "<",
                "id=\"dashboard-warning-" + h.open().get(0).id + "\"",
                "1 delivery by Test Acme was disputed in the last 90 days.", "/alliances/" + a + "/health");
    }

    @Test
    @TestSecurity(user = "alice", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
    void the_api_answers_with_the_issues_field_names_and_the_csv_exports_signals_and_snapshots() {
        long a = world.healthLab();
        TrustHealth.Health h = expected(a);
        JsonPath json = given().get("/api/v1/alliances/" + a + "/health").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertThat(json.getInt("index")).isEqualTo(h.score().index());
        assertThat(json.getList("signals.name")).contains("disputes", "silent-days", "check-ins-missed");
        Map<String, Object> disputes = json.getMap("signals.find { it.name == 'disputes' && it.organisation == 'Test Acme' }");
        assertThat(disputes).containsEntry("value", 1).containsEntry("threshold", 1).containsKey("organisation");
        assertThat(json.getList("warnings.reason", String.class))
                .contains("1 delivery by Test Acme was disputed in the last 90 days.");
        assertThat(json.getList("snapshots")).isNotNull();

        Response signals = given().get("/api/v1/alliances/" + a + "/health/signals.csv");
        assertThat(signals.statusCode()).isEqualTo(200);
        assertThat(signals.contentType()).startsWith("text/csv");
        assertThat(signals.body().asString()).startsWith("signal,organisation,value,threshold\r\n")
                .contains("disputes,Test Acme,1,1\r\n");
        Response snapshots = given().get("/api/v1/alliances/" + a + "/health/snapshots.csv");
        assertThat(snapshots.body().asString()).startsWith("week,index,taken_at\r\n");
    }

    @Test
    @TestSecurity(user = "alice", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
    void reading_the_page_and_the_api_writes_nothing() {
        long a = world.healthLab();
        long before = rows(a);
        given().get("/alliances/" + a + "/health").then().statusCode(200);
        given().get("/alliances/" + a).then().statusCode(200);
        given().get("/api/v1/alliances/" + a + "/health").then().statusCode(200);
        given().get("/api/v1/alliances/" + a + "/health/signals.csv").then().statusCode(200);
        assertThat(rows(a)).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "bella", roles = "member")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-bella-health"), @Claim(key = "organization", value = TestWorld.GLOBEX)})
    void a_member_sees_the_warning_but_neither_the_response_form_nor_the_lines_form() {
        long a = world.healthLab();
        String page = given().get("/alliances/" + a + "/health").then().statusCode(200).extract().asString();
        assertThat(page).contains("1 delivery by Test Acme was disputed", "Open until a lead of a party records a response.")
                .doesNotContain("/respond\"", "/health/thresholds\"");
    }

    @Test
    @TestSecurity(user = "alice", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
    void bad_lines_come_back_with_field_messages_and_a_lead_s_response_closes_the_warning_into_the_log() {
        long a = world.newHealthLab("Health lab " + System.nanoTime());
        Csrf csrf = Csrf.from("/alliances/" + a + "/health");
        Response refused = csrf.post("/alliances/" + a + "/health/thresholds", Map.of("version", "0", "warnBelow", "40",
                "urgentBelow", "60", "maxDrop", "ten", "silenceDays", "21", "maxDisputes", "1", "maxBreaches", "3",
                "maxOverdue", "4", "maxMissedCheckIns", "2"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString()).contains("id=\"thresholds-urgentBelow-error\"",
                "id=\"thresholds-maxDrop-error\"", "value=\"ten\"");

        HealthWarning open = expected(a).open().get(0);
        Response answered = csrf.post("/alliances/" + a + "/health/warnings/" + open.id + "/respond",
                Map.of("version", String.valueOf(open.version), "response", "Joint fix session on Friday"));
        assertThat(answered.statusCode()).isEqualTo(303);
        assertThat(expected(a).open()).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> LogEntry.<LogEntry>find(
                "allianceId = ?1 and action = 'health.warning_answered'", a).singleResult().payload))
                .contains("Joint fix session on Friday");
        String page = given().get("/alliances/" + a + "/health").then().statusCode(200).extract().asString();
        assertThat(page).contains("No open warning.", "Joint fix session on Friday");
    }

    /** What the page must show, from the service as a neutral party member sees it. */
    private void assertSameHealthPage() {
        long a = world.healthLab();
        TrustHealth.Health h = expected(a);
        String page = given().get("/alliances/" + a + "/health").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"health-index\">" + h.score().index() + "<");
        h.score().losses().forEach(l -> assertThat(page).contains(l.reason()));
        assertThat(h.open()).hasSize(1);
        assertThat(page).contains("id=\"warning-" + h.open().get(0).id + "\"",
                "1 delivery by Test Acme was disputed in the last 90 days.",
                "<th>Test Acme</th><th>Test Globex</th>", "Deliveries disputed", "/alliances/" + a + "/commitments/");
    }

    private TrustHealth.Health expected(long a) {
        return health.of(new Actor("t-reader", "Reader", world.ids().acme(), Role.MEMBER), a);
    }

    private static long rows(long a) {
        return QuarkusTransaction.requiringNew().call(() -> LogEntry.count("allianceId", a) + HealthWarning.count()
                + org.allianceportal.core.health.HealthSnapshot.count()
                + ((Number) LogEntry.getEntityManager().createNativeQuery("select count(*) from health_check")
                        .getSingleResult()).longValue());
    }
}
