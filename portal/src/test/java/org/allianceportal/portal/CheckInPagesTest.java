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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/** Check-in pages as people use them: the rhythm, a meeting with its suggested agenda, invites and the private feed. */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class CheckInPagesTest {

    @Inject
    TestWorld world;

    @Test
    void the_calendar_lists_the_scheduled_check_ins_and_a_bad_rhythm_is_refused_with_the_input_kept() {
        long alliance = world.ids().acmeGlobex();
        String list = given().get("/alliances/" + alliance + "/check-ins").then().statusCode(200).extract().asString();
        assertThat(list).contains("Meeting weekly", "Scheduled");
        Csrf csrf = Csrf.from("/alliances/" + alliance + "/check-ins");
        Response refused = csrf.post("/alliances/" + alliance + "/check-ins/cadence", Map.of("frequency", "WEEKLY",
                "firstDate", "2001-01-01", "localTime", "25:99", "zone", "Nowhere/Land", "durationMinutes", "60"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString()).contains("Give the time as hh:mm", "value=\"Nowhere/Land\"");
    }

    @Test
    void a_meeting_page_suggests_the_agenda_and_offers_its_invite() {
        long alliance = world.ids().acmeGlobex();
        long checkIn = world.ids().checkIn();
        String page = given().get("/alliances/" + alliance + "/check-ins/" + checkIn).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("Open concerns", "Secret worry", "Commitments due by", "id=\"checkin-state\"");
        String ics = given().get("/alliances/" + alliance + "/check-ins/" + checkIn + "/invite.ics").then()
                .statusCode(200).contentType("text/calendar").extract().asString();
        assertThat(ics).contains("BEGIN:VCALENDAR", "UID:checkin-" + checkIn + "@alliance-portal.local", "SEQUENCE:0");
    }

    @Test
    void the_private_calendar_feed_works_without_logging_in_and_only_with_its_own_token() {
        world.ids();
        String preferences = given().get("/notifications/preferences").then().statusCode(200).extract().asString();
        Matcher feed = Pattern.compile("(/calendar/[A-Za-z0-9_.-]+\\.ics)").matcher(preferences);
        assertThat(feed.find()).isTrue();
        String ics = given().auth().none().get(feed.group(1)).then().statusCode(200).extract().asString();
        assertThat(ics).contains("Secret Acme–Globex pact check-in", "Due: Secret pricing study");
        assertThat(ics).as("Initech's alliance is not Acme's").doesNotContain("Globex–Initech supply");
        given().get(feed.group(1).replace(".ics", "x.ics")).then().statusCode(404);
    }

    @Test
    void a_new_calendar_address_stops_the_old_one_at_once() {
        world.ids();
        String before = feedPath(given().get("/notifications/preferences").then().statusCode(200).extract().asString());
        given().auth().none().get(before).then().statusCode(200);

        Response renewed = Csrf.from("/notifications/preferences").post("/notifications/preferences/calendar-link", Map.of());
        assertThat(renewed.statusCode()).isEqualTo(303);
        String after = feedPath(given().get(renewed.header("Location")).then().statusCode(200).extract().asString());
        assertThat(after).isNotEqualTo(before);
        given().auth().none().get(before).then().statusCode(404);
        assertThat(given().auth().none().get(after).then().statusCode(200).extract().asString())
                .contains("Secret Acme–Globex pact check-in");

        Csrf.from("/notifications/preferences").post("/notifications/preferences/calendar-link", Map.of());
        given().auth().none().get(after).then().statusCode(404);
    }

    static String feedPath(String preferencesPage) {
        Matcher feed = Pattern.compile("(/calendar/[A-Za-z0-9_.-]+\\.ics)").matcher(preferencesPage);
        assertThat(feed.find()).as("the feed's address on the preferences page").isTrue();
        return feed.group(1);
    }
}
