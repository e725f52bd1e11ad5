package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's mailbox: a real SMTP server in the portal when alliance.demo.mailbox-port is set, and
 * pages that show what it received, links included, without login (the invited person has none yet).
 */
@QuarkusTest
@TestProfile(DemoMailboxTest.WithMailbox.class)
class DemoMailboxTest {

    static final int PORT = 3127;

    public static class WithMailbox implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("alliance.demo.mailbox-port", String.valueOf(PORT));
        }
    }

    @Test
    void an_invitation_sent_over_smtp_is_readable_with_its_link() {
        GreenMailUtil.sendTextEmail("hank@hooli.example", "noreply@alliance-portal.local", "Update Your Account",
                "Click to set your password:\nhttp://localhost:8180/realms/alliance/login-actions/action-token?key=abc.def\n",
                new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        String list = given().get("/demo/mailbox").then().statusCode(200).extract().asString();
        assertThat(list).contains("hank@hooli.example", "Update Your Account");
        String message = given().get("/demo/mailbox/0").then().statusCode(200).extract().asString();
        assertThat(message).contains("href=\"http://localhost:8180/realms/alliance/login-actions/action-token?key=abc.def\"");
        given().get("/demo/mailbox/7").then().statusCode(404);
    }
}
