package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.shared.Role;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.allianceportal.notifications.delivery.Deliveries;
import org.allianceportal.notifications.delivery.Fanout;
import org.allianceportal.notifications.delivery.Words;
import org.allianceportal.notifications.preference.Mode;
import org.allianceportal.notifications.preference.Preferences;
import org.allianceportal.notifications.preference.Unsubscribe;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/** The notification centre, preferences, unsubscribe without login, and dead letters for admins. */
@QuarkusTest
class NotificationPagesTest {

    @Inject
    TestWorld world;

    @Inject
    Fanout fanout;

    @Inject
    Deliveries deliveries;

    @Inject
    Preferences preferences;

    @Inject
    Unsubscribe unsubscribe;

    @Inject
    MembershipService memberships;

    @Test
    @TestSecurity(user = "bruno", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-bruno"), @Claim(key = "email", value = "bruno@globex.example"),
            @Claim(key = "organization", value = TestWorld.GLOBEX)})
    void the_centre_shows_notices_with_an_unread_count_until_read() {
        world.ids();
        given().get("/notifications").then().statusCode(200); // bruno's membership is enrolled at his first visit
        fanout.fanOut(10_000);
        String page = given().get("/notifications").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"unread-count\"", "Concern raised: Secret worry");
        Csrf csrf = Csrf.from("/notifications");
        assertThat(csrf.post("/notifications/read", Map.of()).statusCode()).isEqualTo(303);
        assertThat(given().get("/notifications").then().extract().asString()).doesNotContain("id=\"unread-count\"");
    }

    @Test
    @TestSecurity(user = "bruno", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-bruno"), @Claim(key = "email", value = "bruno@globex.example"),
            @Claim(key = "organization", value = TestWorld.GLOBEX)})
    void a_notice_about_several_reminders_lists_them_in_the_centre() {
        long alliance = world.ids().acmeGlobex();
        given().get("/notifications").then().statusCode(200);
        String commitments = "http://localhost:8080/alliances/" + alliance + "/commitments";
        Words words = new Words("2 commitments are overdue in Acme–Globex", "Please deliver each.", List.of(
                new Words.Fact("Due Mon 7 Jan 2030", "Price list", commitments + "/1"),
                new Words.Fact("Due Tue 8 Jan 2030", "Roadmap", commitments + "/2")), "Open the commitments");
        QuarkusTransaction.requiringNew().run(() -> deliveries.planFor(Membership.findByUserId("t-bruno").orElseThrow(),
                "list-test:" + UUID.randomUUID(), new Deliveries.Notice(alliance, "reminder.commitment_overdue", words,
                        commitments + "?owner=2"), Instant.now()));
        assertThat(given().get("/notifications").then().statusCode(200).extract().asString())
                .contains("2 commitments are overdue in Acme–Globex")
                .containsPattern("<a href=\"" + commitments + "/1\">Price list</a> <span class=\"muted\">Due Mon 7 Jan 2030")
                .contains(commitments + "/2\">Roadmap</a>");
    }

    @Test
    @TestSecurity(user = "anna", roles = "member")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-anna"), @Claim(key = "organization", value = TestWorld.ACME)})
    void preferences_are_saved_and_a_bad_absence_is_refused_with_the_input_kept() {
        Csrf csrf = Csrf.from("/notifications/preferences");
        Response saved = csrf.post("/notifications/preferences",
                Map.of("modes", "concern.raised|DIGEST", "absenceStart", "", "absenceEnd", ""));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(preferences.mode("t-anna", "concern.raised")).isEqualTo(Mode.DIGEST);

        Response refused = csrf.post("/notifications/preferences",
                Map.of("absenceStart", "2027-01-10", "absenceEnd", "2027-01-01"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString()).contains("id=\"preferences-endsOn-error\"", "value=\"2027-01-10\"",
                "value=\"2027-01-01\"");
        assertThat(preferences.absence("t-anna")).isEmpty();

        // a year java.time reads but the database cannot store is a field message, not a 500
        Response farOff = csrf.post("/notifications/preferences",
                Map.of("absenceStart", "+9999999-01-01", "absenceEnd", "+9999999-01-02"));
        assertThat(farOff.statusCode()).isEqualTo(400);
        assertThat(farOff.body().asString()).contains("between the years 1 and 9999", "value=\"+9999999-01-01\"");
        assertThat(preferences.absence("t-anna")).isEmpty();
    }

    @Test
    @TestSecurity(user = "bruno", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-bruno"), @Claim(key = "organization", value = TestWorld.GLOBEX)})
    void a_lead_is_offered_a_one_time_password_in_keycloaks_account_console() {
        world.ids();
        String page = given().get("/notifications/preferences").then().statusCode(200).extract().asString();
        assertThat(page).contains("As a lead you agree and accept on your organisation's behalf",
                "id=\"set-up-otp\" href=\"http://localhost:8180/realms/alliance/account/account-security/signing-in\"");
    }

    @Test
    @TestSecurity(user = "cleo", roles = "member")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-cleo"), @Claim(key = "organization", value = TestWorld.ACME)})
    void a_refused_absence_saves_none_of_the_modes_and_the_form_keeps_the_choices() {
        world.ids();
        Csrf csrf = Csrf.from("/notifications/preferences");
        Response refused = given().redirects().follow(false).formParam("csrf-token", csrf.token())
                .formParam("modes", "concern.raised|DIGEST", "commitment.proposed|OFF")
                .formParam("absenceStart", "2027-01-10").formParam("absenceEnd", "2027-01-01")
                .post("/notifications/preferences");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString()).contains("Nothing was saved", "id=\"preferences-endsOn-error\"",
                "value=\"concern.raised|DIGEST\" selected", "value=\"commitment.proposed|OFF\" selected");
        assertThat(preferences.mode("t-cleo", "concern.raised")).isEqualTo(Mode.IMMEDIATE);
        assertThat(preferences.mode("t-cleo", "commitment.proposed")).isEqualTo(Mode.IMMEDIATE);

        Response badDate = csrf.post("/notifications/preferences",
                Map.of("modes", "concern.raised|OFF", "absenceStart", "someday", "absenceEnd", ""));
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(preferences.mode("t-cleo", "concern.raised")).as("an unreadable date saves nothing either")
                .isEqualTo(Mode.IMMEDIATE);

        assertThat(csrf.post("/notifications/preferences", Map.of("modes", "concern.raised|OFF", "absenceStart",
                "2027-01-01", "absenceEnd", "2027-01-10")).statusCode()).isEqualTo(303);
        assertThat(preferences.mode("t-cleo", "concern.raised")).isEqualTo(Mode.OFF);
        assertThat(preferences.absence("t-cleo")).isPresent();
    }

    @Test
    void the_unsubscribe_link_works_without_logging_in_after_one_click_on_a_button() {
        world.ids(); // a link goes only to someone with access: bella of Globex
        memberships.enrol("t-bella", "bella", "Bella", "bella@test.example",
                Organisation.findByAlias(TestWorld.GLOBEX).orElseThrow(), Role.MEMBER);
        String token = unsubscribe.link("t-bella", "commitment.proposed").replaceAll(".*token=", "");
        String page = given().get("/unsubscribe?token=" + token).then().statusCode(200).extract().asString();
        assertThat(page).contains("A commitment is proposed", "id=\"confirm-unsubscribe\"");
        assertThat(preferences.mode("t-bella", "commitment.proposed")).as("the link alone changes nothing")
                .isEqualTo(Mode.IMMEDIATE);
        Csrf csrf = Csrf.from("/unsubscribe?token=" + token);
        assertThat(csrf.post("/unsubscribe", Map.of("token", token)).body().asString()).contains("id=\"unsubscribed\"");
        assertThat(preferences.mode("t-bella", "commitment.proposed")).isEqualTo(Mode.OFF);
        assertThat(given().get("/unsubscribe?token=forged.AAAA").then().statusCode(200).extract().asString())
                .contains("not valid");
    }

    /**
     * A mail program's own unsubscribe button (RFC 8058) POSTs "List-Unsubscribe=One-Click" to the link of the
     * List-Unsubscribe header, without the page's form token: the signed link is enough, and only with it.
     */
    @Test
    void a_mail_programs_one_click_unsubscribe_needs_the_signed_link_and_no_form_token() {
        world.ids();
        memberships.enrol("t-berta", "berta", "Berta", "berta@test.example",
                Organisation.findByAlias(TestWorld.GLOBEX).orElseThrow(), Role.MEMBER);
        String link = unsubscribe.link("t-berta", java.util.List.of("concern.commented", "commitment.agreed"));
        String token = link.replaceAll(".*token=", "");
        assertThat(given().get("/unsubscribe?token=" + token).then().statusCode(200).extract().asString())
                .as("a digest's link names every kind it gathered")
                .contains("“Someone comments on a concern” or “A commitment is agreed”");

        given().redirects().follow(false).formParam("token", token).post("/unsubscribe?token=" + token)
                .then().statusCode(400);
        assertThat(preferences.mode("t-berta", "concern.commented")).as("the page's form still needs its token")
                .isEqualTo(Mode.IMMEDIATE);
        String forged = token.substring(0, token.length() - 2) + "AA";
        given().formParam("List-Unsubscribe", "One-Click").post("/unsubscribe?token=" + forged).then().statusCode(404);
        assertThat(preferences.mode("t-berta", "concern.commented")).isEqualTo(Mode.IMMEDIATE);

        given().formParam("List-Unsubscribe", "One-Click").post("/unsubscribe?token=" + token).then().statusCode(200);
        assertThat(preferences.mode("t-berta", "concern.commented")).isEqualTo(Mode.OFF);
        assertThat(preferences.mode("t-berta", "commitment.agreed")).isEqualTo(Mode.OFF);
    }

    @Test
    @TestSecurity(user = "anna", roles = "member")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-anna"), @Claim(key = "organization", value = TestWorld.ACME)})
    void dead_letters_are_for_administrators_only() {
        given().get("/admin/dead-letters").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "portal-admin")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-admin")})
    void administrators_see_dead_letters() {
        assertThat(given().get("/admin/dead-letters").then().statusCode(200).extract().asString())
                .contains("Undeliverable e-mail");
    }
}
