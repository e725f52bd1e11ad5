package org.allianceportal.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/**
 * Input a person cannot read as an answer, sent to the forms: NUL bytes (PostgreSQL refuses them),
 * text far over the limits, and bytes that are not UTF-8. Each comes back as a field message on the
 * form's own page with the rest of the input kept; none as a server error, a bare 413 or an empty 400.
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class BadInputPagesTest {

    /** Percent-escapes of two bytes that are not UTF-8 (0xC3 must be followed by a continuation byte). */
    static final String NOT_UTF8 = "%C3%28";

    @Inject
    TestWorld world;

    @Test
    void a_title_with_a_nul_byte_is_a_field_message_and_the_other_input_stays() {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.acmeGlobex() + "/concerns/new");
        long before = Concern.count();
        Response response = csrf.post("/alliances/" + ids.acmeGlobex() + "/concerns", Map.of("raisedToId",
                String.valueOf(ids.globex()), "severity", "HIGH", "title", "Late\u0000quotes", "description", "Quotes wait"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("text/html");
        String page = response.body().asString();
        assertThat(page).contains("id=\"raise-title-error\"", "control characters");
        assertThat(page).contains(">Quotes wait</textarea>").containsPattern("value=\"HIGH\"\\s+checked")
                .containsPattern("value=\"" + ids.globex() + "\"\\s+selected");
        assertThat(Concern.count()).isEqualTo(before);
    }

    @Test
    void a_5000_character_title_reaches_the_domain_and_comes_back_as_at_most_200_characters() {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.acmeGlobex() + "/commitments/new");
        long before = Commitment.count();
        Response response = csrf.post("/alliances/" + ids.acmeGlobex() + "/commitments", Map.of("title", "x".repeat(5000),
                "description", "Deck for the launch", "ownerId", String.valueOf(ids.acme()),
                "beneficiaryId", String.valueOf(ids.globex()), "dueDate", "2099-01-31"));
        assertThat(response.statusCode()).isEqualTo(400);
        String page = response.body().asString();
        assertThat(page).contains("id=\"propose-title-error\"", "at most 200 characters");
        assertThat(page).contains(">Deck for the launch</textarea>", "value=\"2099-01-31\"", "x".repeat(5000))
                .containsPattern("value=\"" + ids.acme() + "\"\\s+selected");
        assertThat(Commitment.count()).isEqualTo(before);
    }

    @Test
    void bytes_that_are_not_utf8_are_a_field_message_and_the_other_input_stays() {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.acmeGlobex() + "/concerns/new");
        long before = Concern.count();
        Response response = csrf.postEncoded("/alliances/" + ids.acmeGlobex() + "/concerns",
                encoded(Map.of("raisedToId", String.valueOf(ids.globex()), "severity", "LOW", "title", "Slow replies"))
                        + "&description=Quotes" + NOT_UTF8 + "wait");
        assertThat(response.statusCode()).isEqualTo(400);
        String page = response.body().asString();
        assertThat(page).contains("id=\"raise-description-error\"", "did not arrive as readable text");
        assertThat(page).contains("value=\"Slow replies\"").containsPattern("value=\"LOW\"\\s+checked");
        assertThat(Concern.count()).isEqualTo(before);
    }

    @Test
    void a_textarea_over_its_limit_is_a_field_message_with_the_limit() {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.acmeGlobex() + "/concerns/new");
        Response response = csrf.post("/alliances/" + ids.acmeGlobex() + "/concerns", Map.of("raisedToId",
                String.valueOf(ids.globex()), "severity", "LOW", "title", "Too much to say",
                "description", "ü".repeat(5000))); // 30,000 bytes percent-encoded: still reaches the domain
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().asString()).contains("id=\"raise-description-error\"", "at most 4000 characters",
                "value=\"Too much to say\"");
    }

    @Test
    void a_select_a_number_and_a_date_with_a_nul_are_field_messages_with_the_input_kept() {
        TestWorld.Ids ids = world.ids();
        Csrf csrf = Csrf.from("/alliances/" + ids.acmeGlobex() + "/commitments/new");
        String select = csrf.post("/alliances/" + ids.acmeGlobex() + "/commitments", Map.of("title", "Shared deck",
                "ownerId", ids.acme() + "\u00000", "beneficiaryId", String.valueOf(ids.globex()),
                "dueDate", "2099-01-31")).then().statusCode(400).extract().asString();
        assertThat(select).contains("id=\"propose-ownerId-error\"", "Choose the party organisation that owes it",
                "value=\"Shared deck\"", "value=\"2099-01-31\"")
                .containsPattern("value=\"" + ids.globex() + "\"\\s+selected");

        String date = csrf.post("/alliances/" + ids.acmeGlobex() + "/commitments", Map.of("title", "Shared deck",
                "ownerId", String.valueOf(ids.acme()), "beneficiaryId", String.valueOf(ids.globex()),
                "dueDate", "2099-01\u0000-31")).then().statusCode(400).extract().asString();
        assertThat(date).contains("id=\"propose-dueDate-error\"", "Write the date as yyyy-mm-dd", "value=\"Shared deck\"")
                .containsPattern("value=\"" + ids.acme() + "\"\\s+selected");

        String cadence = csrf.post("/alliances/" + ids.acmeGlobex() + "/check-ins/cadence", Map.of("frequency", "WEEKLY",
                "firstDate", "2099-01-04", "localTime", "10:00", "zone", "Europe/Berlin",
                "durationMinutes", "6\u00000")).then().statusCode(400).extract().asString();
        assertThat(cadence).contains("id=\"cadence-durationMinutes-error\"", "between 5 minutes and 8 hours",
                "value=\"Europe/Berlin\"", "value=\"2099-01-04\"", "value=\"10:00\"")
                .containsPattern("value=\"WEEKLY\"\\s+selected");
    }

    @Test
    void refused_minutes_keep_their_action_items() {
        TestWorld.Ids lab = world.lab();
        String page = "/alliances/" + lab.acmeGlobex() + "/check-ins/" + world.startedCheckIn(lab.acmeGlobex());
        Csrf csrf = Csrf.from(page);
        String refused = csrf.post(page + "/minutes", Map.of("version", "0", "minutes", "We met",
                "decisions", "Go ahead", "itemTitle", "y".repeat(201), "itemOwner", String.valueOf(lab.globex()),
                "itemBeneficiary", String.valueOf(lab.acme()), "itemDue", "2099-02-01"))
                .then().statusCode(400).extract().asString();
        assertThat(refused).contains("id=\"minutes-actionItems-error\"", "at most 200 characters", "y".repeat(201),
                "value=\"2099-02-01\"", ">Go ahead</textarea>")
                .containsPattern("value=\"" + lab.globex() + "\"\\s+selected");
    }

    /**
     * Every form field of every form, found by reflection, gets a NUL, 5,000 characters and bytes that
     * are not UTF-8 in turn (in a lab alliance of its own, since some of these are accepted and change
     * things): the answer is a redirect, a refusal with a message on the portal's page, or a domain
     * answer (403, 404, 409; 200 for the unsubscribe page) — never a 5xx, a 413, an empty body or a stack trace.
     */
    @Test
    void no_bad_value_in_any_form_field_gets_a_server_error_or_a_bare_answer() throws Exception {
        TestWorld.Ids lab = world.lab();
        Map<String, Long> params = Map.of("allianceId", lab.acmeGlobex(), "commitmentId", lab.commitment(),
                "concernId", lab.concern(), "checkInId", lab.checkIn(), "organisationId", lab.acme(), "personId", 1L,
                "warningId", 1L, "roundId", 1L);
        Csrf csrf = Csrf.from("/alliances/" + lab.acmeGlobex() + "/commitments/new");
        // the pages' forms; the JSON API answers with problem details (ApiAccessTest, AdminAuthorisationTest)
        List<Route> forms = Route.all().stream().filter(r -> r.verb().equals("POST") && !r.path().startsWith("/api/"))
                .toList();
        assertThat(forms).hasSizeGreaterThanOrEqualTo(30);
        int sent = 0;
        for (Route route : forms) {
            String url = route.fill(params);
            for (String field : route.formFields()) {
                for (String bad : List.of("a%00b", "x".repeat(5000), "a" + NOT_UTF8 + "b")) {
                    Map<String, String> fields = new LinkedHashMap<>(AllianceIsolationTest.formFilledIn(lab));
                    fields.remove(field);
                    Response response = csrf.postEncoded(url, encoded(fields) + "&" + field + "=" + bad);
                    String what = route + " with " + field + "=" + bad.substring(0, Math.min(bad.length(), 12));
                    int status = response.statusCode();
                    assertThat(status).as(what).isIn(200, 303, 400, 403, 404, 409);
                    if (status != 303) {
                        String body = response.body().asString();
                        assertThat(response.contentType()).as(what).startsWith("text/html");
                        assertThat(body).as(what).contains("<main id=\"main\">", "role=\"alert\"")
                                .doesNotContain("Exception", "org.hibernate", "SQL", "\tat ");
                    }
                    sent++;
                }
            }
        }
        assertThat(sent).as("bad values sent").isGreaterThan(100);
    }

    static String encoded(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
