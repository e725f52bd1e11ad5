package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The portal end to end, as its users see it: the real stack (deployment/stack.sh: PostgreSQL,
 * Keycloak with the demo realm, the portal with demo data) driven through headless Chromium. Each
 * step is one user's visit, from Keycloak login to logout; together they follow one concern and one
 * commitment across Acme Corp and Globex Inc, and check that Initech sees none of it. Then the
 * partners check the transparency log: the history page's verification and proofs, and the offline
 * verifier (core/target/alliance-log-verifier.jar, a process of its own) on exports downloaded in the
 * browser, before and after new activity, and on an export with one altered entry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlliancePortalIT {

    record User(String username, String name, String organisation) {
        String header() {
            return name + " · " + organisation;
        }
    }

    static final String PASSWORD = "demo";
    static final User ALICE = new User("alice", "Alice Archer", "Acme Corp");
    static final User BRUNO = new User("bruno", "Bruno Baker", "Globex Inc");
    static final User IVAN = new User("ivan", "Ivan Irwin", "Initech");

    static final String ACME_GLOBEX = "Acme–Globex Joint Go-To-Market";
    static final String GLOBEX_INITECH = "Globex–Initech Supply";

    /** Makes this run's records unmistakable (the database is fresh anyway). */
    static final String RUN = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss", Locale.ROOT));
    static final String CONCERN = "Leads from the joint webinar not followed up (e2e " + RUN + ")";
    static final String COMMITMENT = "Co-branded launch deck for the joint campaign (e2e " + RUN + ")";
    static final LocalDate DUE = LocalDate.now().plusDays(30);
    static final String COMMENT = "Thanks for the call-backs; please share the lead list by Friday (e2e " + RUN + ")";

    /** Checked before the stack starts, so a missing browser or verifier jar costs no minute of start-up. */
    @RegisterExtension
    @Order(0)
    static final BeforeAllCallback prerequisites = context -> {
        Browser.requireInstalled();
        AlliancePortalIT.verifier.requireBuilt();
    };

    @RegisterExtension
    @Order(1)
    static final AllianceStack stack = AllianceStack.shared();

    /** The partners' offline log verifier (core/target/alliance-log-verifier.jar), run as a process of its own. */
    static final OfflineVerifier verifier = new OfflineVerifier(stack.repo(), stack.home().resolve("log-verifier"));

    static Browser browser;

    @RegisterExtension
    @Order(2)
    static final Storyline storyline = new Storyline(stack, () -> browser);

    // What earlier steps found out, for the later ones.
    static String alliancePath;
    static String concernPath;
    static String commitmentPath;
    static String verifierKey;
    static String fingerprint;
    static long acmeGlobexCheckpoint;
    static long acmeGlobexVerified;
    static Path acmeGlobexState;
    static Path acmeGlobexExport;

    @BeforeAll
    static void openBrowser() throws Exception {
        verifier.reset(); // the database is fresh, so must be what the verifier remembers
        browser = Browser.open(AllianceStack.PORTAL_URL, stack.home().resolve("browser"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    // ------------------------------------------------------------------ a concern, raised and acknowledged

    @Test
    @Order(1)
    void aliceSeesOnlyHerOwnAlliancesAndRaisesAHighConcernToGlobex() {
        logIn(ALICE);
        assertThat(browser.heading()).isEqualTo("Your alliances");
        assertThat(allianceNames()).contains(ACME_GLOBEX).doesNotContain(GLOBEX_INITECH);
        // the session cookie, or its first chunk when the sealed tokens do not fit one cookie
        String session = browser.cookie("q_session") != null ? browser.cookie("q_session") : browser.cookie("q_session_chunk_1");
        assertThat(session).as("the tokens sealed under session key 1, not readable JWTs")
                .matches("1\\.[A-Za-z0-9_-]{200,}").doesNotContain("eyJ");

        browser.clickLink(ACME_GLOBEX);
        alliancePath = path(browser.waitForUrl(".*/alliances/\\d+$"));
        assertThat(browser.heading()).isEqualTo(ACME_GLOBEX);

        browser.raiseConcern("Globex Inc", "HIGH", CONCERN,
                "Forty leads from the webinar have had no call from Globex in two weeks.");

        concernPath = path(browser.waitForUrl(".*" + alliancePath + "/concerns/\\d+$"));
        assertThat(browser.heading()).isEqualTo(CONCERN);
        assertThat(browser.text(By.id("concern-state"))).isEqualTo("Raised");
        assertThat(browser.pageText()).contains("High severity");
        assertThat(browser.text(By.id("acknowledge-by"))).contains("left");

        var copied = browser.sessionCookies();
        logOut();
        browser.replay(copied);
        browser.open("/");
        browser.assertOnKeycloakLoginPage("a copy of alice's session cookie taken before she logged out is refused");
    }

    @Test
    @Order(2)
    void brunoSeesTheConcernRaisedToGlobexWithItsDeadlineAndAcknowledgesIt() {
        logIn(BRUNO);
        browser.clickLink(ACME_GLOBEX);

        WebElement raisedToGlobex = browser.find(By.cssSelector("section[aria-labelledby=raised-to-us]"));
        assertThat(raisedToGlobex.findElement(By.tagName("h2")).getText()).isEqualTo("Concerns raised to Globex Inc");
        WebElement row = raisedToGlobex.findElement(By.xpath(".//li[.//a[normalize-space()='" + CONCERN + "']]"));
        assertThat(row.getText()).contains("High", "Raised", "acknowledge by", "left");

        browser.clickLink(CONCERN);
        assertThat(path(browser.url())).isEqualTo(concernPath);
        assertThat(browser.text(By.id("concern-state"))).isEqualTo("Raised");
        browser.type(By.id("ack-note"), "Seen; our sales lead will call back this week.");
        browser.submit(By.id("acknowledge"));
        browser.waitForText(By.id("concern-state"), "Acknowledged");
        assertThat(browser.findAll(By.id("acknowledge"))).as("the Acknowledge button, once acknowledged").isEmpty();

        logOut();
    }

    @Test
    @Order(3)
    void aliceSeesHerConcernAcknowledged() {
        logIn(ALICE);
        browser.clickLink(ACME_GLOBEX);
        WebElement raisedByAcme = browser.find(By.cssSelector("section[aria-labelledby=raised-by-us]"));
        assertThat(raisedByAcme.getText()).contains(CONCERN, "Acknowledged");

        browser.clickLink(CONCERN);
        assertThat(browser.text(By.id("concern-state"))).isEqualTo("Acknowledged");
        assertThat(browser.pageText()).contains("Seen; our sales lead will call back this week.");

        logOut();
    }

    // ------------------------------------------------------------------ a third party sees nothing

    @Test
    @Order(4)
    void ivanOfInitechCannotOpenTheAcmeGlobexAlliance() {
        logIn(IVAN);
        assertThat(allianceNames()).contains(GLOBEX_INITECH).doesNotContain(ACME_GLOBEX);

        browser.open(alliancePath);
        assertThat(browser.heading()).isEqualTo("Not found");
        assertThat(browser.title()).startsWith("Not found");
        assertThat(browser.pageSource()).doesNotContain(ACME_GLOBEX).doesNotContain("Joint Go-To-Market");
        assertThat(browser.httpStatus(alliancePath)).as("HTTP status of %s for Ivan", alliancePath).isEqualTo(404);

        browser.open(concernPath);
        assertThat(browser.heading()).isEqualTo("Not found");
        assertThat(browser.pageSource()).doesNotContain(CONCERN);
        assertThat(browser.httpStatus(concernPath)).as("HTTP status of %s for Ivan", concernPath).isEqualTo(404);

        logOut();
    }

    // ------------------------------------------------------------------ a commitment, from proposal to acceptance

    @Test
    @Order(5)
    void aliceProposesWhatAcmeOwesGlobexAndAgreesToIt() {
        logIn(ALICE);
        browser.clickLink(ACME_GLOBEX);
        browser.clickLink("Propose a commitment");
        // another tab opens another form before this one is sent: both must stay valid
        assertThat(browser.fetchText(alliancePath + "/concerns/new")).contains("Raise a concern");
        browser.type(By.id("title"), COMMITMENT);
        browser.type(By.id("description"), "Ten slides, both logos, reviewed by both marketing teams.");
        browser.choose(By.id("ownerId"), "Acme Corp");
        browser.choose(By.id("beneficiaryId"), "Globex Inc");
        browser.setValue(By.id("dueDate"), DUE.toString());
        browser.submit(By.xpath("//button[normalize-space()='Propose']"));

        commitmentPath = path(browser.waitForUrl(".*" + alliancePath + "/commitments/\\d+$"));
        assertThat(browser.heading()).isEqualTo(COMMITMENT);
        assertThat(browser.text(By.id("commitment-state"))).isEqualTo("Proposed");
        assertThat(fact("Owed by")).isEqualTo("Acme Corp");
        assertThat(fact("Owed to")).isEqualTo("Globex Inc");
        assertThat(fact("Due")).contains(DUE.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)));

        browser.submit(By.id("agree"));
        assertThat(fact("Agreed by")).isEqualTo("Acme Corp: yes · Globex Inc: not yet");
        assertThat(browser.text(By.id("commitment-state"))).as("state until Globex agrees too").isEqualTo("Proposed");

        logOut();
    }

    @Test
    @Order(6)
    void brunoAgreesForGlobexSoTheCommitmentIsAgreed() {
        logIn(BRUNO);
        browser.clickLink(ACME_GLOBEX);
        WebElement owedToGlobex = browser.find(By.cssSelector("section[aria-labelledby=owed-to-us]"));
        assertThat(owedToGlobex.getText()).contains(COMMITMENT, "Proposed");

        browser.clickLink(COMMITMENT);
        assertThat(path(browser.url())).isEqualTo(commitmentPath);
        browser.submit(By.id("agree"));
        browser.waitForText(By.id("commitment-state"), "Agreed");
        assertThat(fact("Agreed by")).isEqualTo("Acme Corp: yes · Globex Inc: yes");

        logOut();
    }

    @Test
    @Order(7)
    void aliceClaimsDeliveryWithEvidence() {
        logIn(ALICE);
        browser.open(commitmentPath);
        assertThat(browser.text(By.id("commitment-state"))).isEqualTo("Agreed");
        browser.type(By.id("evidence"), "Deck shared: https://files.acme.example/launch-deck-v3.pdf");
        browser.submit(By.id("claim-delivery"));
        browser.waitForText(By.id("commitment-state"), "Delivered");
        assertThat(fact("Evidence of delivery")).isEqualTo("Deck shared: https://files.acme.example/launch-deck-v3.pdf");

        logOut();
    }

    @Test
    @Order(8)
    void brunoAcceptsTheDelivery() {
        logIn(BRUNO);
        browser.open(commitmentPath);
        assertThat(browser.text(By.id("commitment-state"))).isEqualTo("Delivered");
        browser.submit(By.id("accept"));
        browser.waitForText(By.id("commitment-state"), "Accepted");
        assertThat(browser.findAll(By.id("accept"))).as("the Accept button, once accepted").isEmpty();

        logOut();
    }

    @Test
    @Order(9)
    void aliceSeesTheCommitmentAccepted() {
        logIn(ALICE);
        browser.clickLink(ACME_GLOBEX);
        WebElement acmeOwes = browser.find(By.cssSelector("section[aria-labelledby=we-owe]"));
        assertThat(acmeOwes.getText()).contains(COMMITMENT, "Accepted");
        // the README's screenshot is this page, taken from the real stack on every run
        browser.saveEvidence(Path.of("target", "screenshots"), "dashboard");

        browser.clickLink(COMMITMENT);
        assertThat(browser.text(By.id("commitment-state"))).isEqualTo("Accepted");
        assertThat(browser.pageText()).contains("Nothing for you to do here right now.");

        logOut();
    }

    // ------------------------------------------------------------------ the transparency log, checked by the partners

    @Test
    @Order(10)
    void aliceSeesTheAcmeGlobexHistoryVerifiedAndTheProofOfItsFirstEntry() {
        logIn(ALICE);
        String[] publicKey = publicKey();
        verifierKey = publicKey[0];
        fingerprint = publicKey[1];

        browser.clickLink(ACME_GLOBEX);
        browser.clickLink("History");
        assertThat(path(browser.waitForUrl(".*" + alliancePath + "/history$"))).isEqualTo(alliancePath + "/history");
        assertThat(browser.heading()).isEqualTo("History");
        acmeGlobexCheckpoint = verifiedCheckpoint();
        assertThat(browser.text(By.id("fingerprint"))).as("fingerprint on the history page").isEqualTo(fingerprint);
        assertThat(browser.findAll(By.cssSelector("section[aria-labelledby=trust] [role=alert]")))
                .as("verification alarms on the history page").isEmpty();
        assertThat(browser.findAll(By.linkText("proof"))).as("proof links of the entries").isNotEmpty();

        // Newest first: page back until entry 0 shows up.
        By proofOfFirstEntry = By.cssSelector("a[href='" + alliancePath + "/history/0/proof']");
        for (int older = 0; browser.findAll(proofOfFirstEntry).isEmpty(); older++) {
            assertThat(older).as("'Older' pages followed looking for entry 0").isLessThan(20);
            browser.clickLink("Older");
        }
        browser.submit(proofOfFirstEntry);
        assertThat(path(browser.url())).isEqualTo(alliancePath + "/history/0/proof");
        assertThat(browser.heading()).isEqualTo("Proof of entry 0");
        assertThat(browser.text(By.id("proof-verified"))).isEqualTo("Included");
        assertThat(browser.findAll(By.id("proof-failed"))).isEmpty();
        assertThat(browser.pageText()).contains("in the checkpoint of size " + acmeGlobexCheckpoint);

        logOut();
    }

    @Test
    @Order(11)
    void aliceVerifiesTheAcmeGlobexExportOfflineWithThePartnersVerifier() {
        logIn(ALICE);
        acmeGlobexState = verifier.state("acme-globex");
        acmeGlobexExport = downloadExport(alliancePath, "acme-globex-1");
        OfflineVerifier.Run run = verifier.verify(verifierKey, acmeGlobexState, acmeGlobexExport);

        assertThat(run.exitCode()).as("verifier exit code (%s)", run).isZero();
        assertThat(run.output()).as("verifier output").startsWith("OK:")
                .contains(alliancePath + ": ").contains(" entries verified, first check");
        acmeGlobexVerified = run.entriesVerified();
        // The export covers what the history page showed (and whatever a scheduled job may have added since).
        assertThat(acmeGlobexVerified).as("entries verified offline").isGreaterThanOrEqualTo(acmeGlobexCheckpoint);

        logOut();
    }

    @Test
    @Order(12)
    void ivanVerifiesTheGlobexInitechExportOfflineWithAStateOfItsOwn() {
        logIn(IVAN);
        assertThat(publicKey()).as("the portal's public key, read by Initech").containsExactly(verifierKey, fingerprint);
        assertThat(browser.httpStatus("/api/v1" + alliancePath + "/log/export"))
                .as("HTTP status of the Acme–Globex export for Ivan").isEqualTo(404);

        browser.clickLink(GLOBEX_INITECH);
        String globexInitechPath = path(browser.waitForUrl(".*/alliances/\\d+$"));
        assertThat(globexInitechPath).isNotEqualTo(alliancePath);
        Path export = downloadExport(globexInitechPath, "globex-initech-1");
        OfflineVerifier.Run run = verifier.verify(verifierKey, verifier.state("globex-initech"), export);

        assertThat(run.exitCode()).as("verifier exit code (%s)", run).isZero();
        assertThat(run.output()).as("verifier output").startsWith("OK:")
                .contains(globexInitechPath + ": ").contains("entries verified, first check");
        assertThat(run.entriesVerified()).isPositive();

        logOut();
    }

    @Test
    @Order(13)
    void aliceCommentsAndTheVerifierFindsTheLongerLogConsistentWithWhatItSaw() {
        logIn(ALICE);
        browser.open(concernPath);
        browser.type(By.id("body"), COMMENT);
        browser.submit(By.xpath("//button[normalize-space()='Post']"));
        assertThat(browser.text(By.cssSelector("ol.thread"))).contains(COMMENT);

        browser.clickLink("History of the alliance");
        browser.openUntil(path(browser.url()), b -> verifiedCheckpoint() > acmeGlobexVerified,
                "a checkpoint covering Alice's comment (signed moments after its commit, not by the page)");
        long checkpoint = verifiedCheckpoint();
        assertThat(checkpoint).as("checkpoint after Alice's comment").isGreaterThan(acmeGlobexVerified);
        assertThat(browser.text(By.xpath("//table[@class='log']//tr[contains(., '" + COMMENT + "')]")))
                .as("history entry of Alice's comment").contains("Alice Archer", "commented “" + COMMENT + "”");

        acmeGlobexExport = downloadExport(alliancePath, "acme-globex-2");
        OfflineVerifier.Run run = verifier.verify(verifierKey, acmeGlobexState, acmeGlobexExport);

        assertThat(run.exitCode()).as("verifier exit code (%s)", run).isZero();
        assertThat(run.output()).as("verifier output").startsWith("OK:").contains(alliancePath + ": ")
                .contains(" entries verified, consistent with the " + acmeGlobexVerified + " seen before");
        acmeGlobexVerified = run.entriesVerified();
        assertThat(acmeGlobexVerified).as("entries verified offline").isGreaterThanOrEqualTo(checkpoint);

        logOut();
    }

    @Test
    @Order(14)
    void theVerifierNamesTheEntryOfAnExportWhoseLeafWasAltered() throws Exception {
        long altered = acmeGlobexVerified / 2;
        String original = Files.readString(acmeGlobexExport, StandardCharsets.UTF_8);
        String tampered = OfflineVerifier.alterLeaf(original, altered);
        assertThat(tampered).hasSameSizeAs(original).isNotEqualTo(original);
        Path tamperedExport = verifier.save("exports/acme-globex-2-entry-" + altered + "-altered.jsonl", tampered);

        // On a copy of the state of the last check, so that state stays as a good run left it.
        Path stateCopy = verifier.copyState(acmeGlobexState, "acme-globex-tamper-check");
        OfflineVerifier.Run run = verifier.verify(verifierKey, stateCopy, tamperedExport);
        assertThat(run.exitCode()).as("verifier exit code on the altered export (%s)", run).isEqualTo(1);
        assertThat(run.output()).as("verifier output").startsWith("FAILED:").contains("entry " + altered + " ");

        // Without earlier state it cannot name the entry, but it still refuses the export.
        OfflineVerifier.Run fresh = verifier.verify(verifierKey, verifier.state("acme-globex-fresh"), tamperedExport);
        assertThat(fresh.exitCode()).as("verifier exit code on the altered export, fresh state (%s)", fresh).isEqualTo(1);
        assertThat(fresh.output()).as("verifier output").startsWith("FAILED:");

        // And the untouched export still verifies against the untouched state.
        OfflineVerifier.Run again = verifier.verify(verifierKey, acmeGlobexState, acmeGlobexExport);
        assertThat(again.exitCode()).as("verifier exit code on the original export (%s)", again).isZero();
        assertThat(again.output()).startsWith("OK:")
                .contains("consistent with the " + acmeGlobexVerified + " seen before");
    }

    // ------------------------------------------------------------------ helpers

    static void logIn(User user) {
        browser.logIn(user.username(), PASSWORD);
        assertThat(browser.loggedInAs()).as("portal header after %s logged in", user.username())
                .isEqualTo(user.header());
    }

    static void logOut() {
        browser.logOut();
    }

    // ------------------------------------------------------------------ check-in reminders by e-mail

    @Test
    @Order(15)
    void aliceReceivesTheReminderOfTheDemoAlliancesCheckInTomorrowWithTheInvite() throws Exception {
        // the demo's next check-in is about 20 hours away: its 24-hour reminder goes out soon after start
        MimeMessage reminder = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(150);
        while (reminder == null && System.nanoTime() < deadline) {
            for (MimeMessage m : stack.mailbox().getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals("alice@acme.example")
                        && m.getSubject().contains("Check-in tomorrow")) {
                    reminder = m;
                }
            }
            if (reminder == null) {
                stack.mailbox().waitForIncomingEmail(5_000, stack.mailbox().getReceivedMessages().length + 1);
            }
        }
        assertThat(reminder).as("alice's check-in reminder; mails seen: %d", stack.mailbox().getReceivedMessages().length)
                .isNotNull();
        assertThat(reminder.getSubject()).isEqualTo("Check-in tomorrow: " + ACME_GLOBEX);
        String content = com.icegreen.greenmail.util.GreenMailUtil.getBody(reminder);
        assertThat(content).contains("text/plain", "text/html", "text/calendar");
        assertThat(calendarPart(reminder.getContent())).contains("METHOD:REQUEST", "BEGIN:VEVENT", "UID:checkin-");
        assertThat(reminder.getHeader("Message-ID")[0]).endsWith("@alliance-portal.local>");
    }

    // ------------------------------------------------------------------ the API for programs, without a browser

    @Test
    @Order(16)
    void aProgramWithoutALoginGetsThePublicKeyA401FromTheApiAndIsSentToKeycloakOnlyByPages() throws Exception {
        HttpClient stranger = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> key = get(stranger, "/api/v1/log/public-key");
        assertThat(key.statusCode()).as("public key without login").isEqualTo(200);
        assertThat(key.body().strip().split("\n")).hasSize(2);
        assertThat(key.body()).contains("fingerprint " + fingerprint);

        HttpResponse<String> entries = get(stranger, "/api/v1" + alliancePath + "/log/entries");
        assertThat(entries.statusCode()).as("API without login: %s", entries.headers().map()).isEqualTo(401);
        assertThat(entries.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(entries.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(entries.body()).contains("\"status\":401").doesNotContain(ACME_GLOBEX);

        HttpResponse<String> page = get(stranger, alliancePath);
        assertThat(page.statusCode()).as("a page without login").isIn(302, 303);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(AllianceStack.KEYCLOAK_URL + "/realms/alliance/protocol/openid-connect/auth"));
    }

    static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(AllianceStack.PORTAL_URL + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The text of the first text/calendar part of a MIME message, decoded. */
    static String calendarPart(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/calendar")) {
                    return part.getContent() instanceof java.io.InputStream in
                            ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : String.valueOf(part.getContent());
                }
                String nested = calendarPart(part.getContent());
                if (!nested.isEmpty()) {
                    return nested;
                }
            }
        }
        return "";
    }

    /** The alliance names on the "Your alliances" page. */
    static List<String> allianceNames() {
        browser.find(By.tagName("h1"));
        return browser.findAll(By.cssSelector(".card h2 a")).stream().map(WebElement::getText).toList();
    }

    /** A value from the facts list of a commitment or concern page, by its label. */
    static String fact(String label) {
        return browser.text(By.xpath("//dl[@class='facts']/dt[normalize-space()='" + label + "']/following-sibling::dd[1]"));
    }

    /** The verifier key and the fingerprint from /api/v1/log/public-key, read with the browser's session. */
    static String[] publicKey() {
        String[] lines = browser.fetchText("/api/v1/log/public-key").strip().split("\n");
        assertThat(lines).as("lines of /api/v1/log/public-key").hasSize(2);
        assertThat(lines[1]).as("second line of /api/v1/log/public-key").matches("fingerprint [0-9a-f]{64}");
        return new String[] {lines[0].strip(), lines[1].substring("fingerprint ".length())};
    }

    /** Downloads an alliance's log export with the browser's session and saves it where the verifier reads it. */
    static Path downloadExport(String alliancePath, String name) {
        String export = browser.fetchText("/api/v1" + alliancePath + "/log/export");
        assertThat(export).as("export of %s", alliancePath).contains("\"checkpoint\":");
        return verifier.save("exports/" + name + ".jsonl", export);
    }

    /** The checkpoint size on the history page's verified badge. */
    static long verifiedCheckpoint() {
        String badge = browser.text(By.id("verified-badge"));
        assertThat(badge).as("verified badge").matches("Verified up to checkpoint \\d+");
        return Long.parseLong(badge.substring("Verified up to checkpoint ".length()));
    }

    static String path(String url) {
        return url.substring(AllianceStack.PORTAL_URL.length());
    }
}
