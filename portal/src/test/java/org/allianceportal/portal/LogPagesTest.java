package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.allianceportal.core.log.merkle.LogVerifier;
import org.allianceportal.core.log.merkle.Merkle;
import org.junit.jupiter.api.Test;

/** The history page and the log API as a partner uses them, down to verifying the export offline. */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class LogPagesTest {

    @Inject
    TestWorld world;

    @Test
    void the_history_shows_the_verified_checkpoint_the_key_fingerprint_and_filters() {
        long alliance = world.ids().acmeGlobex();
        String page = given().get("/alliances/" + alliance + "/history").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"verified-badge\"", "Verified up to checkpoint", "id=\"fingerprint\"",
                "/api/v1/alliances/" + alliance + "/log/export");
        assertThat(page).contains("Alliance founded", "Commitment proposed", "Concern raised");

        String concernsOnly = given().queryParam("action", "concern.").get("/alliances/" + alliance + "/history")
                .then().statusCode(200).extract().asString();
        assertThat(concernsOnly).contains("Concern raised").doesNotContain("Commitment proposed");
    }

    @Test
    void an_entry_proves_its_inclusion_on_its_proof_page_and_through_the_api() {
        long alliance = world.ids().acmeGlobex();
        assertThat(given().get("/alliances/" + alliance + "/history/1/proof").then().statusCode(200).extract().asString())
                .contains("id=\"proof-verified\"", "commitment.proposed");

        String note = given().get("/api/v1/alliances/" + alliance + "/log/checkpoint").then().statusCode(200)
                .extract().asString();
        long size = Long.parseLong(note.split("\n")[1]);
        byte[] root = Base64.getDecoder().decode(note.split("\n")[2]);
        JsonPath entries = given().get("/api/v1/alliances/" + alliance + "/log/entries?start=0&end=" + size)
                .then().statusCode(200).extract().jsonPath();
        assertThat(entries.getList("index")).hasSize((int) size);
        for (int i = 0; i < size; i++) {
            byte[] leafHash = Merkle.leafHash(Base64.getDecoder().decode(entries.getString("[" + i + "].leaf")));
            JsonPath proof = given().get("/api/v1/alliances/" + alliance + "/log/proof/inclusion?index=" + i + "&size=" + size)
                    .then().statusCode(200).extract().jsonPath();
            List<byte[]> path = proof.getList("proof", String.class).stream().map(Base64.getDecoder()::decode).toList();
            assertThat(Merkle.verifyInclusion(i, size, leafHash, path, root)).as("entry " + i).isTrue();
        }
    }

    @Test
    void the_export_verifies_with_the_published_key_in_the_offline_verifier() throws Exception {
        long alliance = world.ids().acmeGlobex();
        String key = given().get("/api/v1/log/public-key").then().statusCode(200).extract().asString().split("\n")[0];
        String export = given().get("/api/v1/alliances/" + alliance + "/log/export").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")).extract().asString();
        LogVerifier.Result result = LogVerifier.verify(export, key, Files.createTempDirectory("partner"));
        assertThat(result.verified()).as(result.message()).isTrue();
    }

    @Test
    void api_errors_are_problem_details() {
        given().get("/api/v1/alliances/999999/log/entries").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
