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
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.log.CheckpointSigner;
import org.allianceportal.core.log.merkle.LogVerifier;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The history page and the log API as a partner uses them: what happened in sentences, subjects named and linked,
 * down to verifying the export offline.
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class LogPagesTest {

    @Inject
    TestWorld world;

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    CheckInService checkIns;

    @Inject
    SessionFactory sessions;

    @Inject
    CheckpointSigner signer;

    @Test
    void the_history_shows_the_verified_checkpoint_the_key_fingerprint_and_filters() {
        long alliance = world.ids().acmeGlobex();
        String page = given().get("/alliances/" + alliance + "/history").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"verified-badge\"", "Verified up to checkpoint", "id=\"fingerprint\"",
                "/api/v1/alliances/" + alliance + "/log/export");
        assertThat(page).contains("Admin founded the alliance “Secret Acme–Globex pact” of Test Acme and Test Globex",
                "Test Acme proposed that Test Acme delivers to Test Globex by",
                "Test Acme raised a concern of high severity with Test Globex, to be acknowledged by",
                "Test Acme set the check-ins to weekly from", "Test Acme scheduled a check-in for");

        String concernsOnly = given().queryParam("action", "concern.").get("/alliances/" + alliance + "/history")
                .then().statusCode(200).extract().asString();
        assertThat(concernsOnly).contains("raised a concern").doesNotContain("proposed that");

        String checkInsOnly = given().queryParam("subjectType", "checkin").get("/alliances/" + alliance + "/history")
                .then().statusCode(200).extract().asString();
        assertThat(checkInsOnly).contains("<option value=\"checkin\" selected>A check-in</option>",
                "scheduled a check-in for", "/check-ins/" + world.ids().checkIn()).doesNotContain("raised a concern");
    }

    @Test
    void every_link_of_the_history_opens_and_names_its_subject_by_title() {
        TestWorld.Ids ids = world.ids();
        String history = "/alliances/" + ids.acmeGlobex() + "/history";
        String page = given().get(history).then().statusCode(200).extract().asString();
        assertThat(page).contains(
                "<a href=\"/alliances/" + ids.acmeGlobex() + "/commitments/" + ids.commitment() + "\">Secret pricing study</a>",
                "<a href=\"/alliances/" + ids.acmeGlobex() + "/concerns/" + ids.concern() + "\">Secret worry</a>",
                "<a href=\"/alliances/" + ids.acmeGlobex() + "/check-ins/" + ids.checkIn() + "\">Check-in of ");
        assertThat(page).doesNotContain(">commitment " + ids.commitment() + "<", "/checkins/");
        assertEveryLinkOpens(history, page);
    }

    @Test
    void a_busy_history_reads_in_sentences_without_raw_payloads_and_every_link_opens() {
        long alliance = busyAlliance();
        String history = "/alliances/" + alliance + "/history";
        String page = given().get(history).then().statusCode(200).extract().asString();
        String table = table(page);
        assertThat(table).as("the history table shows no raw JSON").doesNotContain("{", "}", "&quot;")
                .contains("Test Acme proposed moving the due date from", "Test Umbrella agreed to move the due date to",
                        "Test Acme reported it delivered, with the evidence “The deck, as agreed”",
                        "Test Umbrella disputed the delivery: “The pricing slide is missing”",
                        "Test Umbrella raised a concern of medium severity with Test Acme",
                        "Test Acme acknowledged the concern", "Test Acme commented “We are on it”",
                        "Test Acme cancelled the check-in: “Both leads travel”", "Test Acme moved the check-in to",
                        ">Co-branded launch deck</a>", ">Delivery disputed: Co-branded launch deck</a>", ">Check-in of ");
        assertThat(table).doesNotContain("AGREED", "DISPUTED", "MEDIUM", "CANCELLED");
        assertEveryLinkOpens(history, page);

        // the exact payload stays on the proof page
        String proof = given().get(history + "/0/proof").then().statusCode(200).extract().asString();
        assertThat(proof).contains("id=\"proof-sentence\"", "Admin founded the alliance", "id=\"proof-payload\"",
                "{&quot;name&quot;:&quot;History pages&quot;");
    }

    @Test
    void the_subjects_of_a_history_page_are_named_with_one_query_however_many_there_are() {
        long alliance = busyAlliance();
        String history = "/alliances/" + alliance + "/history";
        long few = statementsToRender(history);
        Actor alice = new Actor("t-alice", "Alice", world.ids().acme(), Role.LEAD);
        for (int i = 0; i < 12; i++) {
            commitments.propose(alice, alliance, new CommitmentTerms("Extra deliverable " + i, null, world.ids().acme(),
                    umbrella().id, LocalDate.now().plusDays(40 + i)));
            concerns.raise(alice, alliance, new ConcernService.Draft(umbrella().id, Severity.LOW,
                    "Extra worry " + i, "More to say", null));
        }
        long many = statementsToRender(history);
        assertThat(given().get(history).then().extract().asString()).contains(">Extra deliverable 11</a>", ">Extra worry 11</a>");
        assertThat(few).as("statements are counted").isPositive();
        assertThat(many).as("SQL statements for a page of 24 more subjects").isEqualTo(few);
    }

    /** The statements one rendering of the page takes, once it is warm (its checkpoint signed, the visitor known). */
    private long statementsToRender(String path) {
        given().get(path).then().statusCode(200);
        Statistics statistics = sessions.getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            statistics.clear();
            given().get(path).then().statusCode(200);
            return statistics.getPrepareStatementCount();
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    /** Every link in the page's main part answers 200 (relative pager links are resolved against the page). */
    private static void assertEveryLinkOpens(String pagePath, String page) {
        String main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
        Matcher href = Pattern.compile("href=\"([^\"#]+)\"").matcher(main);
        List<String> links = new ArrayList<>();
        while (href.find()) {
            String link = href.group(1).replace("&amp;", "&");
            links.add(link.startsWith("?") ? pagePath + link : link);
        }
        assertThat(links).as("links of " + pagePath).hasSizeGreaterThan(5);
        for (String link : links) {
            assertThat(given().redirects().follow(false).get(link).statusCode()).as(link).isEqualTo(200);
        }
    }

    private synchronized Organisation umbrella() {
        return Organisation.findByAlias("t-umbrella").orElseGet(() -> alliances.createOrganisation(
                new Actor("test-admin", "Admin", null, Role.ADMIN), "Test Umbrella", "t-umbrella"));
    }

    private static String table(String page) {
        return page.substring(page.indexOf("<table class=\"log\">"), page.indexOf("</table>"));
    }

    /**
     * An alliance of Acme and Umbrella where much happened: a commitment agreed, its due date moved, delivered and
     * disputed (which raised a concern), the concern acknowledged and commented, check-ins cancelled and moved.
     * Umbrella has nobody, so other tests' notification centres stay as they were.
     */
    private long busyAlliance() {
        TestWorld.Ids ids = world.ids();
        Actor admin = new Actor("test-admin", "Admin", null, Role.ADMIN);
        Actor alice = new Actor("t-alice", "Alice", ids.acme(), Role.LEAD);
        Actor bob = new Actor("t-bob", "Bob", umbrella().id, Role.LEAD);
        long a = alliances.create(admin, "History pages", null, List.of(ids.acme(), umbrella().id)).id;
        Commitment c = commitments.propose(alice, a, new CommitmentTerms("Co-branded launch deck", null, ids.acme(),
                umbrella().id, LocalDate.now().plusDays(20)));
        c = commitments.agree(alice, new Ref(a, c.id, c.version));
        c = commitments.agree(bob, new Ref(a, c.id, c.version));
        c = commitments.proposeDueDate(alice, new Ref(a, c.id, c.version), LocalDate.now().plusDays(35), "The printer is late");
        c = commitments.agreeDueDate(bob, new Ref(a, c.id, c.version));
        c = commitments.claimDelivery(alice, new Ref(a, c.id, c.version), "The deck, as agreed");
        commitments.dispute(bob, new Ref(a, c.id, c.version), "The pricing slide is missing");
        Concern k = concerns.ofAlliance(alice, a).get(0);
        k = concerns.acknowledge(alice, new Ref(a, k.id, k.version), null);
        concerns.comment(alice, a, k.id, "We are on it");
        checkIns.setCadence(alice, a, new CheckInService.CadenceDraft(Frequency.MONTHLY, LocalDate.now().plusDays(2),
                LocalTime.of(9, 30), "Europe/Berlin", 45));
        List<CheckIn> scheduled = checkIns.ofAlliance(alice, a);
        checkIns.cancel(alice, new Ref(a, scheduled.get(0).id, scheduled.get(0).version), "Both leads travel");
        checkIns.reschedule(alice, new Ref(a, scheduled.get(1).id, scheduled.get(1).version),
                scheduled.get(1).startsAt.plus(Duration.ofHours(2)));
        return a;
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
    void entries_newer_than_the_latest_checkpoint_are_pending_until_the_next_one_is_signed() {
        TestWorld.Ids ids = world.ids();
        long alliance = alliances.create(new Actor("test-admin", "Admin", null, Role.ADMIN), "Not yet signed", null,
                List.of(ids.acme(), ids.globex())).id;
        String history = "/alliances/" + alliance + "/history";
        assertThat(given().get(history).then().statusCode(200).extract().asString())
                .contains("id=\"no-checkpoint\"", "pending")
                .doesNotContain("id=\"verified-badge\"", "/history/0/proof", "/log/export");
        assertThat(given().get(history + "/0/proof").then().statusCode(200).extract().asString())
                .contains("id=\"proof-pending\"", "Admin founded the alliance").doesNotContain("id=\"proof-failed\"");
        given().get("/api/v1/alliances/" + alliance + "/log/checkpoint").then().statusCode(404);
        given().get("/api/v1/alliances/" + alliance + "/log/export").then().statusCode(404);

        signer.signPending();
        assertThat(given().get(history).then().statusCode(200).extract().asString())
                .contains("id=\"verified-badge\"", "Verified up to checkpoint 1", "/history/0/proof");
        assertThat(given().get(history + "/0/proof").then().statusCode(200).extract().asString())
                .contains("id=\"proof-verified\"");
    }

    @Test
    void api_errors_are_problem_details() {
        given().get("/api/v1/alliances/999999/log/entries").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
