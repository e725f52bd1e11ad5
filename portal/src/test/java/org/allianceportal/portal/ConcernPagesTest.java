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
import org.allianceportal.core.concern.Concern;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/** The concern forms as a browser uses them: CSRF, field errors with the input kept, redirects, conflicts. */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "name", value = "Alice Archer"),
        @Claim(key = "organization", value = TestWorld.ACME)})
class ConcernPagesTest {

    @Inject
    TestWorld world;

    @Test
    void a_refused_concern_keeps_what_was_typed_and_says_what_is_missing() {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.acmeGlobex() + "/concerns/new");
        long before = Concern.count();
        Response response = csrf.post("/alliances/" + ids.acmeGlobex() + "/concerns", Map.of(
                "raisedToId", String.valueOf(ids.globex()), "severity", "HIGH", "title", " ",
                "description", "Quotes <b>wait</b> a week"));
        assertThat(response.statusCode()).isEqualTo(400);
        String page = response.body().asString();
        assertThat(page).contains("id=\"raise-title-error\"", "Name the concern in a few words.");
        assertThat(page).as("the typed text comes back, escaped").contains("Quotes &lt;b&gt;wait&lt;/b&gt; a week");
        assertThat(page).containsPattern("value=\"HIGH\"\\s+checked");
        assertThat(Concern.count()).isEqualTo(before);
    }

    @Test
    void raising_redirects_to_the_new_concern_with_its_deadline() {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.acmeGlobex() + "/concerns/new");
        Response response = csrf.post("/alliances/" + ids.acmeGlobex() + "/concerns", Map.of(
                "raisedToId", String.valueOf(ids.globex()), "severity", "HIGH", "title", "Late quotes",
                "description", "Quotes wait a week"));
        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.header("Location");
        assertThat(location).matches(".*/alliances/" + ids.acmeGlobex() + "/concerns/\\d+");
        String page = given().get(location).body().asString();
        assertThat(page).contains("Late quotes", "Acknowledge by", " left)");
        assertThat(page).as("alice is on the raising side: she cannot acknowledge").doesNotContain("id=\"acknowledge\"");
    }

    @Test
    void a_form_without_the_csrf_token_is_refused() {
        TestWorld.Ids ids = world.ids();
        long before = Concern.count();
        Response response = given().redirects().follow(false).formParams(Map.of(
                "raisedToId", String.valueOf(ids.globex()), "severity", "LOW", "title", "t", "description", "d"))
                .post("/alliances/" + ids.acmeGlobex() + "/concerns");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Concern.count()).isEqualTo(before);
    }

    @Test
    void a_step_taken_on_a_stale_page_shows_the_conflict_page() {
        TestWorld.Ids ids = world.ids();
        String concernPage = "/alliances/" + ids.acmeGlobex() + "/concerns/" + ids.concern();
        Csrf csrf = Csrf.from(concernPage);
        Response response = csrf.post(concernPage + "/escalate", Map.of("version", "999", "note", "why"));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body().asString()).contains("Someone changed this first");
    }
}
