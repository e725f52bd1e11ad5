package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

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
 * commitment across Acme Corp and Globex Inc, and check that Initech sees none of it.
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

    /** Checked before the stack starts, so a missing browser costs no minute of start-up. */
    @RegisterExtension
    @Order(0)
    static final BeforeAllCallback chromiumInstalled = context -> Browser.requireInstalled();

    @RegisterExtension
    @Order(1)
    static final AllianceStack stack = new AllianceStack();

    static Browser browser;

    @RegisterExtension
    @Order(2)
    static final Storyline storyline = new Storyline(stack, () -> browser);

    // What earlier steps found out, for the later ones.
    static String alliancePath;
    static String concernPath;
    static String commitmentPath;

    @BeforeAll
    static void openBrowser() throws Exception {
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

        browser.clickLink(ACME_GLOBEX);
        alliancePath = path(browser.waitForUrl(".*/alliances/\\d+$"));
        assertThat(browser.heading()).isEqualTo(ACME_GLOBEX);

        browser.clickLink("Raise a concern");
        browser.choose(By.id("raisedToId"), "Globex Inc");
        browser.check(By.cssSelector("input[name=severity][value=HIGH]"));
        browser.type(By.id("title"), CONCERN);
        browser.type(By.id("description"), "Forty leads from the webinar have had no call from Globex in two weeks.");
        browser.submit(By.xpath("//button[normalize-space()='Raise the concern']"));

        concernPath = path(browser.waitForUrl(".*" + alliancePath + "/concerns/\\d+$"));
        assertThat(browser.heading()).isEqualTo(CONCERN);
        assertThat(browser.text(By.id("concern-state"))).isEqualTo("Raised");
        assertThat(browser.pageText()).contains("High severity");
        assertThat(browser.text(By.id("acknowledge-by"))).contains("left");

        logOut();
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

        browser.clickLink(COMMITMENT);
        assertThat(browser.text(By.id("commitment-state"))).isEqualTo("Accepted");
        assertThat(browser.pageText()).contains("Nothing for you to do here right now.");

        logOut();
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

    /** The alliance names on the "Your alliances" page. */
    static List<String> allianceNames() {
        browser.find(By.tagName("h1"));
        return browser.findAll(By.cssSelector(".card h2 a")).stream().map(WebElement::getText).toList();
    }

    /** A value from the facts list of a commitment or concern page, by its label. */
    static String fact(String label) {
        return browser.text(By.xpath("//dl[@class='facts']/dt[normalize-space()='" + label + "']/following-sibling::dd[1]"));
    }

    static String path(String url) {
        return url.substring(AllianceStack.PORTAL_URL.length());
    }
}
