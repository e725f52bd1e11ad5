package org.allianceportal.deployment;

import static org.allianceportal.deployment.AlliancePortalIT.ACME_GLOBEX;
import static org.allianceportal.deployment.AlliancePortalIT.ALICE;
import static org.allianceportal.deployment.AlliancePortalIT.BRUNO;
import static org.allianceportal.deployment.AlliancePortalIT.IVAN;
import static org.allianceportal.deployment.AlliancePortalIT.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.allianceportal.deployment.AlliancePortalIT.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Trust health end to end on the demo world, in Chromium: alice (Acme) and bruno (Globex) each open the
 * Acme–Globex health page from the dashboard and see the same index, the same explained losses and the
 * same open warning (the demo's disputed delivery); ivan (Initech, not a party) gets 404 on the page
 * and on the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustHealthIT {

    @RegisterExtension
    @Order(0)
    static final BeforeAllCallback prerequisites = context -> Browser.requireInstalled();

    @RegisterExtension
    @Order(1)
    static final AllianceStack stack = AllianceStack.shared();

    static Browser alice;
    static Browser bruno;
    static Browser current;

    @RegisterExtension
    @Order(2)
    static final Storyline storyline = new Storyline(stack, () -> current);

    static String healthPath;

    @AfterAll
    static void closeBrowsers() {
        for (Browser b : new Browser[] {alice, bruno}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    @Order(1)
    void aliceReachesTheHealthPageFromTheDashboardWithTheIndexAndTheOpenWarning() throws Exception {
        alice = logIn(ALICE);
        alice.clickLink(ACME_GLOBEX);
        alice.waitForUrl(".*/alliances/\\d+$");
        String dashboardIndex = alice.text(By.id("dashboard-index"));
        assertThat(alice.text(By.id("health-summary"))).contains("Warning", "1 delivery by Acme Corp was disputed");

        alice.clickLink("Trust health");
        healthPath = AlliancePortalIT.path(alice.waitForUrl(".*/alliances/\\d+/health$"));
        assertThat(alice.heading()).isEqualTo("Trust health");
        assertThat(alice.text(By.id("health-index"))).isEqualTo(dashboardIndex);
        assertThat(warnings(alice)).singleElement().asString().contains("1 delivery by Acme Corp was disputed");
        assertThat(alice.findAll(By.cssSelector("#losses li"))).isNotEmpty();
        assertThat(alice.findAll(By.cssSelector("#trend circle"))).as("weekly snapshots in the trend").hasSizeGreaterThan(3);
        assertThat(alice.text(By.id("balance"))).contains("Acme Corp", "Globex Inc", "Deliveries disputed");
        // the README's screenshot of the health page, taken from the real stack on every run
        alice.saveEvidence(Path.of("target", "screenshots"), "trust-health");
    }

    @Test
    @Order(2)
    void brunoSeesTheSameIndexLossesAndWarningAsAlice() throws Exception {
        bruno = logIn(BRUNO);
        // the record may change between two page loads (a deadline job, a minute passing): compare loads made
        // back to back, and load again if something changed in between
        Picture seenByAlice = null;
        Picture seenByBruno = null;
        for (int attempt = 0; attempt < 3 && (seenByAlice == null || !seenByAlice.equals(seenByBruno)); attempt++) {
            seenByAlice = picture(alice);
            seenByBruno = picture(bruno);
        }
        assertThat(seenByBruno).isEqualTo(seenByAlice);
        assertThat(seenByBruno.warnings()).singleElement().asString().contains("1 delivery by Acme Corp was disputed");
        assertThat(seenByBruno.index()).matches("\\d{1,3}");
    }

    @Test
    @Order(3)
    void ivanGetsNotFoundForThePageAndTheApi() throws Exception {
        Browser ivan = logIn(IVAN);
        try {
            ivan.open(healthPath);
            assertThat(ivan.heading()).isEqualTo("Not found");
            assertThat(ivan.pageSource()).doesNotContain(ACME_GLOBEX).doesNotContain("disputed");
            assertThat(ivan.httpStatus(healthPath)).isEqualTo(404);
            assertThat(ivan.httpStatus("/api/v1" + healthPath)).isEqualTo(404);
            assertThat(ivan.httpStatus("/api/v1" + healthPath + "/signals.csv")).isEqualTo(404);
        } finally {
            current = null;
            ivan.close();
        }
    }

    /** What both partners must see alike: the index, the losses, the warnings and the balance view. */
    record Picture(String index, List<String> losses, List<String> warnings, String balance) {
    }

    static Picture picture(Browser b) {
        current = b;
        b.open(healthPath);
        return new Picture(b.text(By.id("health-index")),
                b.findAll(By.cssSelector("#losses li")).stream().map(WebElement::getText).toList(),
                warnings(b), b.text(By.id("balance")));
    }

    static List<String> warnings(Browser b) {
        return b.findAll(By.cssSelector("article.warning ul.reasons")).stream().map(WebElement::getText).toList();
    }

    static Browser logIn(User user) throws Exception {
        Browser b = Browser.open(AllianceStack.PORTAL_URL, stack.home().resolve("browser"));
        current = b;
        b.logIn(user.username(), PASSWORD);
        assertThat(b.loggedInAs()).isEqualTo(user.header());
        return b;
    }
}
