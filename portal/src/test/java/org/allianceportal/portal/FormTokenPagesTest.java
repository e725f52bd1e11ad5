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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.allianceportal.core.admin.AuditEntry;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernComment;
import org.allianceportal.core.log.TransparencyLog;
import org.allianceportal.core.shared.KeyRing;
import org.allianceportal.portal.web.FormKeys;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/**
 * The forms' token (CSRF protection) as people meet it: one per login session, so forms opened in any
 * number of tabs stay valid together; a form without a valid token (missing, forged, or from another
 * login) is not acted on but comes back with what was typed, asking to be sent again.
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME),
        @Claim(key = "sid", value = "login-1")})
class FormTokenPagesTest {

    static final String SEND_AGAIN = "Check what you typed below, then send it again.";

    @Inject
    TestWorld world;

    @Inject
    TransparencyLog log;

    @Inject
    FormKeys keys;

    @Test
    void two_forms_opened_before_either_is_sent_are_both_accepted() {
        TestWorld.Ids ids = world.ids();
        String alliance = "/alliances/" + ids.acmeGlobex();
        Csrf proposeTab = Csrf.from(alliance + "/commitments/new");
        Csrf raiseTab = Csrf.from(alliance + "/concerns/new");
        assertThat(raiseTab.token()).as("one token per login session, not one per page view").isEqualTo(proposeTab.token());

        Response proposed = proposeTab.post(alliance + "/commitments", Map.of("title", "Joint pricing sheet",
                "ownerId", String.valueOf(ids.acme()), "beneficiaryId", String.valueOf(ids.globex()), "dueDate", "2099-03-01"));
        assertThat(proposed.statusCode()).as("the form opened first").isEqualTo(303);
        Response raised = raiseTab.post(alliance + "/concerns", Map.of("raisedToId", String.valueOf(ids.globex()),
                "severity", "LOW", "title", "Pricing sheet format", "description", "Please use the shared template"));
        assertThat(raised.statusCode()).as("the form opened second").isEqualTo(303);
    }

    @Test
    void eight_forms_fetched_once_and_sent_at_the_same_time_are_all_accepted() throws Exception {
        TestWorld.Ids ids = world.ids();
        String concern = "/alliances/" + ids.acmeGlobex() + "/concerns/" + ids.concern();
        List<Csrf> tabs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tabs.add(Csrf.from(concern));
        }
        long before = ConcernComment.count("concern.id", ids.concern());
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < tabs.size(); i++) {
                Csrf tab = tabs.get(i);
                String body = "Comment from tab " + i;
                answers.add(senders.submit(() -> tab.post(concern + "/comments", Map.of("body", body)).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(303);
            }
        } finally {
            senders.shutdown();
        }
        assertThat(ConcernComment.count("concern.id", ids.concern())).isEqualTo(before + 8);
    }

    @Test
    void a_form_sent_without_its_token_comes_back_with_what_was_typed_and_asks_to_send_it_again() {
        TestWorld.Ids ids = world.ids();
        String alliance = "/alliances/" + ids.acmeGlobex();
        long before = Concern.count();
        Response refused = given().redirects().follow(false).formParams(Map.of("raisedToId", String.valueOf(ids.globex()),
                "severity", "HIGH", "title", "Invoices arrive late", "description", "Three weeks <late>"))
                .post(alliance + "/concerns");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("text/html");
        String page = refused.body().asString();
        assertThat(page).contains("id=\"raise-notice\"", SEND_AGAIN, "value=\"Invoices arrive late\"",
                ">Three weeks &lt;late&gt;</textarea>").containsPattern("value=\"HIGH\"\\s+checked");
        assertThat(Concern.count()).as("nothing was raised").isEqualTo(before);

        Response sentAgain = new Csrf(Csrf.tokenIn(page, "the refused form")).post(alliance + "/concerns", Map.of(
                "raisedToId", String.valueOf(ids.globex()), "severity", "HIGH", "title", "Invoices arrive late",
                "description", "Three weeks late"));
        assertThat(sentAgain.statusCode()).as("the form that came back can be sent").isEqualTo(303);
    }

    @Test
    void a_forged_token_or_one_from_another_login_is_refused_the_same_way() {
        TestWorld.Ids ids = world.ids();
        String alliance = "/alliances/" + ids.acmeGlobex();
        Map<String, String> terms = Map.of("title", "Forged promise", "ownerId", String.valueOf(ids.acme()),
                "beneficiaryId", String.valueOf(ids.globex()), "dueDate", "2099-03-01");
        long before = Commitment.count();
        String earlierLogin = keys.ring().sign("form", "t-alice\nlogin-0");
        String otherKey = KeyRing.of(keys.ring().current().id(), "another-form-key-0123456789abcdefghij", "")
                .sign("form", "t-alice\nlogin-1");
        String unknownKey = "9" + Csrf.from(alliance + "/commitments/new").token().substring(1);
        for (String token : List.of("forged", earlierLogin, otherKey, unknownKey,
                Csrf.from(alliance + "/commitments/new").token() + "x")) {
            Response refused = new Csrf(token).post(alliance + "/commitments", terms);
            assertThat(refused.statusCode()).as(token).isEqualTo(400);
            assertThat(refused.body().asString()).as(token).contains(SEND_AGAIN, "value=\"Forged promise\"");
        }
        assertThat(Commitment.count()).isEqualTo(before);
    }

    @Test
    void an_api_call_that_changes_something_with_the_browsers_session_needs_the_token_in_a_header() {
        given().contentType("text/plain").body("hello").post("/api/v1/test-only/echo").then().statusCode(403)
                .contentType("application/problem+json");
        String token = Csrf.from("/alliances/" + world.ids().acmeGlobex() + "/concerns/new").token();
        given().header("X-CSRF-Token", token).contentType("text/plain").body("hello").post("/api/v1/test-only/echo")
                .then().statusCode(200);
    }

    /**
     * Every form of the portal (found by reflection) sent without a token: each comes back asking to be
     * sent again, and nothing is recorded. A new form handler that forgot FormPost would act and fail here.
     */
    @Test
    void every_form_sent_without_a_token_is_shown_again_and_changes_nothing() throws Exception {
        TestWorld.Ids lab = world.lab();
        Map<String, Long> params = Map.of("allianceId", lab.acmeGlobex(), "commitmentId", lab.commitment(),
                "concernId", lab.concern(), "checkInId", lab.checkIn(), "organisationId", lab.acme(), "personId", 1L,
                "warningId", 1L, "roundId", 1L);
        long entries = log.size(lab.acmeGlobex());
        // the pages' forms; the JSON API answers with problem details (ApiAccessTest, AdminAuthorisationTest)
        List<Route> forms = Route.all().stream().filter(r -> r.verb().equals("POST") && !r.path().startsWith("/api/"))
                .toList();
        assertThat(forms).hasSizeGreaterThanOrEqualTo(30);
        for (Route route : forms) {
            Response response = given().redirects().follow(false).formParams(AllianceIsolationTest.formFilledIn(lab))
                    .post(route.fill(params));
            if (route.method().isAnnotationPresent(RolesAllowed.class)) {
                // the admin console's forms are not a lead's to send at all (the sweep below sends them as the admin)
                assertThat(response.statusCode()).as(route.toString()).isEqualTo(403);
                continue;
            }
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(400);
            assertThat(response.body().asString()).as(route.toString()).contains(SEND_AGAIN);
        }
        assertThat(log.size(lab.acmeGlobex())).as("log entries of the lab alliance").isEqualTo(entries);
    }

    /** The admin console's forms without a token, sent by the platform administrator: none acts, none is audited. */
    @Test
    @TestSecurity(user = "admin", roles = "portal-admin")
    @OidcSecurity(claims = @Claim(key = "sub", value = "t-admin"))
    void every_admin_form_sent_without_a_token_is_shown_again_and_changes_nothing() throws Exception {
        TestWorld.Ids lab = world.lab();
        Map<String, Long> params = Map.of("allianceId", lab.acmeGlobex(), "organisationId", lab.acme(), "personId", 1L);
        long entries = log.size(lab.acmeGlobex());
        long audited = AuditEntry.count();
        List<Route> forms = Route.all().stream().filter(r -> r.verb().equals("POST") && r.path().startsWith("/admin"))
                .toList();
        assertThat(forms).hasSizeGreaterThanOrEqualTo(10);
        for (Route route : forms) {
            Response response = given().redirects().follow(false).formParams(AllianceIsolationTest.formFilledIn(lab))
                    .post(route.fill(params));
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(400);
            assertThat(response.body().asString()).as(route.toString()).contains(SEND_AGAIN);
        }
        assertThat(log.size(lab.acmeGlobex())).isEqualTo(entries);
        assertThat(AuditEntry.count()).as("administration log").isEqualTo(audited);
    }
}
