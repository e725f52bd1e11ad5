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
import org.allianceportal.core.pulse.Pulse;
import org.allianceportal.core.pulse.PulseRound;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/** The pulse page: one answer per person through the page's form, and results that stay hidden under 3 answers. */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class PulsePagesTest {

    @Inject
    TestWorld world;

    @Inject
    Pulse pulse;

    @Test
    void alice_answers_once_and_her_single_answer_shows_nothing() {
        long a = world.newHealthLab("Pulse lab " + System.nanoTime());
        PulseRound round = pulse.open(a);
        String page = given().get("/alliances/" + a + "/pulse").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"pulse-form\"", "Our partner keeps its commitments.", "name=\"s4\"");

        Csrf csrf = Csrf.from("/alliances/" + a + "/pulse");
        Response missing = csrf.post("/alliances/" + a + "/pulse/" + round.id, Map.of("s1", "5", "s2", "4", "s3", "4"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body().asString()).contains("id=\"pulse-s4-error\"", "value=\"5\" checked");

        Response sent = csrf.post("/alliances/" + a + "/pulse/" + round.id,
                Map.of("s1", "5", "s2", "4", "s3", "4", "s4", "2"));
        assertThat(sent.statusCode()).isEqualTo(303);
        String after = given().get("/alliances/" + a + "/pulse").then().statusCode(200).extract().asString();
        assertThat(after).contains("id=\"answered\"", "Fewer than 3 answers, so nothing is shown, from: Test Acme.")
                .doesNotContain("id=\"pulse-form\"", "Test Acme: 5");

        Response again = csrf.post("/alliances/" + a + "/pulse/" + round.id,
                Map.of("s1", "1", "s2", "1", "s3", "1", "s4", "1"));
        assertThat(again.statusCode()).isEqualTo(409);
    }
}
