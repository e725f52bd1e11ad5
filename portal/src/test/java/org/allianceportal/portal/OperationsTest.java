package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allianceportal.core.log.Checkpoints;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.allianceportal.portal.log.LogDuties;
import org.allianceportal.portal.operations.OperationsMetrics;
import org.junit.jupiter.api.Test;

/** What whoever runs the portal sees: alliance_* metrics that move with the work, readiness, request ids. */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class OperationsTest {

    @Inject
    TestWorld world;

    @Inject
    OperationsMetrics metrics;

    @Inject
    Checkpoints checkpoints;

    @Inject
    LogDuties logDuties;

    static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series ("name" or "name{labels}") in a Prometheus scrape; fails if it is missing. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([-+0-9.eE]+|NaN)$").matcher(scrape);
        assertThat(m.find()).as(series + " in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void the_alliance_metrics_are_there_and_move_when_a_concern_is_raised_and_the_logs_are_audited() {
        TestWorld.Ids ids = world.ids();
        checkpoints.publish(ids.acmeGlobex());
        metrics.refresh();
        String before = scrape();
        for (String series : List.of("alliance_outbox_oldest_age_seconds", "alliance_deliveries{status=\"PENDING\"}",
                "alliance_deliveries{status=\"SENT\"}", "alliance_dead_letters", "alliance_reminders_planning_seconds_count",
                "alliance_dispatch_seconds_count", "alliance_log_audit_findings",
                "alliance_checkpoint_age_seconds{alliance=\"" + ids.acmeGlobex() + "\"}")) {
            assertThat(value(before, series)).as(series).isGreaterThanOrEqualTo(0);
        }

        String alliance = "/alliances/" + ids.acmeGlobex();
        assertThat(Csrf.from(alliance + "/concerns/new").post(alliance + "/concerns", Map.of("raisedToId",
                String.valueOf(ids.globex()), "severity", "HIGH", "title", "Metrics must see this",
                "description", "Raised to move the metrics")).statusCode()).isEqualTo(303);
        metrics.refresh();
        String after = scrape();
        assertThat(value(after, "alliance_outbox_backlog")).as("Globex must hear of the concern")
                .isGreaterThan(value(before, "alliance_outbox_backlog"));
        assertThat(value(after, "alliance_log_append_seconds_count")).as("the concern went into the log")
                .isGreaterThan(value(before, "alliance_log_append_seconds_count"));
        assertThat(value(after, "alliance_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(0);

        logDuties.auditLogs();
        String audited = scrape();
        assertThat(value(audited, "alliance_log_audits_total{result=\"verified\"}"))
                .isEqualTo(value(after, "alliance_log_audits_total{result=\"verified\"}") + 1);
        assertThat(value(audited, "alliance_log_audit_findings")).isZero();
    }

    @Test
    void readiness_covers_the_database_and_keycloak() {
        JsonPath ready = given().get("/q/health/ready").then().extract().jsonPath();
        List<String> checks = ready.getList("checks.name");
        assertThat(checks).contains("Keycloak realm").anySatisfy(name -> assertThat(name).containsIgnoringCase("database"));
        assertThat(ready.getString("checks.find { it.name == 'Keycloak realm' }.data.url"))
                .isEqualTo("http://localhost:8180/realms/alliance");
    }

    @Test
    void every_answer_names_its_request_and_keeps_the_proxys_id() {
        String made = given().get("/").then().statusCode(200).extract().header("X-Request-Id");
        assertThat(made).matches("[0-9a-f-]{36}");
        assertThat(given().get("/").header("X-Request-Id")).isNotEqualTo(made);
        assertThat(given().header("X-Request-Id", "ingress-4711-abcd").get("/").header("X-Request-Id"))
                .isEqualTo("ingress-4711-abcd");
        assertThat(given().header("X-Request-Id", "bad id\nwith newline").get("/").header("X-Request-Id"))
                .matches("[0-9a-f-]{36}");
    }
}
