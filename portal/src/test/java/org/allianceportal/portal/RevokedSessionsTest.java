package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.oidc.SecurityEvent;
import io.quarkus.oidc.common.runtime.OidcConstants;
import io.quarkus.oidc.runtime.TokenVerificationResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import org.allianceportal.portal.AllianceIsolationTest.Csrf;
import org.junit.jupiter.api.Test;

/**
 * A session that ended (a logout here, or Keycloak's back-channel logout) stays ended: the same session
 * cookie, replayed, is refused at once, for pages and the API, by a record every replica reads. Each test
 * is its own login session ({@code sid}), so the tests do not end each other's.
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
class RevokedSessionsTest {

    @Inject
    TestWorld world;

    @Inject
    Event<SecurityEvent> securityEvents;

    static void assertRefused(String api, String what) {
        Response page = given().redirects().follow(false).cookie("q_session", "the-copied-cookie").get("/");
        assertThat(page.statusCode()).as(what + ": a page").isEqualTo(303);
        assertThat(page.headers().getValues("Set-Cookie")).as(what).anySatisfy(c -> assertThat(c).startsWith("q_session=;"));
        given().get(api).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME),
            @Claim(key = "sid", value = "ended-by-logout")})
    void after_logging_out_the_sessions_cookie_is_refused() {
        String api = "/api/v1/alliances/" + world.ids().acmeGlobex() + "/log/entries";
        given().get(api).then().statusCode(200);
        String page = given().get("/").then().statusCode(200).extract().asString();
        Response loggedOut = new Csrf(Csrf.tokenIn(page, "the Log out form")).post("/logout", Map.of());
        assertThat(loggedOut.statusCode()).isEqualTo(303);
        assertRefused(api, "after logout");
    }

    @Test
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME),
            @Claim(key = "sid", value = "ended-in-keycloak")})
    void a_back_channel_logout_from_keycloak_ends_the_session() throws Exception {
        String api = "/api/v1/alliances/" + world.ids().acmeGlobex() + "/log/entries";
        given().get("/").then().statusCode(200);
        // what Quarkus OIDC reports once it has verified Keycloak's logout token
        securityEvents.fireAsync(new SecurityEvent(SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED,
                Map.of(OidcConstants.BACK_CHANNEL_LOGOUT_TOKEN, new TokenVerificationResult(
                        new JsonObject().put("sid", "ended-in-keycloak").put("sub", "t-alice"), null))))
                .toCompletableFuture().get();
        assertRefused(api, "after Keycloak's back-channel logout");
    }

    @Test
    @OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME),
            @Claim(key = "sid", value = "still-going")})
    void another_login_session_of_the_same_person_goes_on() {
        world.ids();
        given().get("/").then().statusCode(200);
    }
}
