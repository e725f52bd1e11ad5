package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium with a fresh profile, and the few gestures the scenarios need: log in
 * through Keycloak's two login pages, log out, follow links, fill and submit forms, read what the page
 * says. Every wait is explicit; nothing sleeps.
 */
public final class Browser implements AutoCloseable {

    public static final String INSTALL_HINT = "install chromium and chromium-driver (apt-get install -y chromium chromium-driver)";

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final Path profile;
    private final String portalUrl;

    private Browser(WebDriver driver, Path profile, String portalUrl) {
        this.driver = driver;
        this.profile = profile;
        this.portalUrl = portalUrl;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    private static File chromium() {
        return new File(System.getProperty("alliance.e2e.chromium", "/usr/bin/chromium"));
    }

    private static File chromedriver() {
        return new File(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    }

    /** Fails with the install command when the browser or its driver is missing (they are never downloaded). */
    public static void requireInstalled() {
        for (File executable : List.of(chromium(), chromedriver())) {
            if (!executable.canExecute()) {
                throw new IllegalStateException(executable + " is missing: " + INSTALL_HINT);
            }
        }
    }

    /** Starts Chromium (/usr/bin/chromium with /usr/bin/chromedriver unless configured) with a fresh profile. */
    public static Browser open(String portalUrl, Path workDir) throws IOException {
        requireInstalled();
        File chromium = chromium();
        File chromedriver = chromedriver();
        System.setProperty("webdriver.chrome.driver", chromedriver.getPath());
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
        return new Browser(driver, profile, portalUrl);
    }

    // ------------------------------------------------------------------ logging in and out

    /**
     * Logs in through Keycloak: opens the portal, which sends the browser to the login page; the
     * username goes on the first page, the password on the second (Organizations' identity-first login).
     */
    public void logIn(String username, String password) {
        driver.get(portalUrl + "/");
        assertOnKeycloakLoginPage("opening the portal as " + username + " must ask for a login");
        completeLogIn(username, password);
    }

    /** Fills in Keycloak's login page(s), which the browser is on, and waits until the portal shows the person. */
    private void completeLogIn(String username, String password) {
        type(By.id("username"), username);
        WebElement passwordField;
        if (driver.findElements(By.id("password")).stream().anyMatch(WebElement::isDisplayed)) {
            passwordField = driver.findElement(By.id("password")); // a one-page login form, just in case
        } else {
            submit(By.id("kc-login"));
            passwordField = waitFor(By.id("password"), "Keycloak's password page after entering " + username);
        }
        passwordField.sendKeys(password);
        submit(By.id("kc-login"));
        wait.withMessage(() -> "back on the portal, logged in as " + username + "; the browser is at " + url()
                        + " showing: " + excerpt())
                .until(d -> url().startsWith(portalUrl) && !d.findElements(By.cssSelector("header .who")).isEmpty());
    }

    /** The "Log out" button (a form with the form token), and proof that the portal then asks for a new login. */
    public void logOut() {
        driver.findElement(By.xpath("//form[@action='/logout']//button[normalize-space()='Log out']")).click();
        // RP-initiated logout: portal → Keycloak end-session → portal start page → Keycloak login page.
        assertOnKeycloakLoginPage("after logging out");
        driver.get(portalUrl + "/");
        assertOnKeycloakLoginPage("the portal after logging out must ask for a new login");
    }

    /**
     * "Forgot password?" on Keycloak's login page, as someone who cannot log in does: Keycloak then e-mails
     * a link to set a new password ({@link #acceptInvitation} follows it: the same pages).
     */
    public void requestPasswordReset(String username) {
        driver.get(portalUrl + "/");
        assertOnKeycloakLoginPage("opening the portal as " + username + " must ask for a login");
        type(By.id("username"), username);
        if (driver.findElements(By.id("password")).stream().noneMatch(WebElement::isDisplayed)) {
            submit(By.id("kc-login"));
            waitFor(By.id("password"), "Keycloak's password page after entering " + username);
        }
        submit(By.partialLinkText("Forgot"));
        type(By.id("username"), username);
        submit(By.cssSelector("#kc-reset-password-form [type=submit]"));
        wait.withMessage(() -> "Keycloak saying it sent the e-mail; the browser is at " + url() + " showing: " + excerpt())
                .until(d -> pageText().contains("You should receive an email"));
    }

    /**
     * Follows the link of Keycloak's invitation e-mail (execute-actions: verify the e-mail address, set a
     * password) as the invited person does, on Keycloak's own pages, and logs in to the portal with the
     * new password. Following the e-mailed link is what verifies the address, so the one form to fill
     * in is the new password; Keycloak first lists the actions and waits for a click.
     */
    public void acceptInvitation(String link, String username, String newPassword) {
        driver.get(link);
        By proceed = By.partialLinkText("Click here to proceed");
        By newPasswordField = By.id("password-new");
        wait.withMessage(() -> "Keycloak's page for the invitation link " + link + "; the browser is at " + url()
                        + " showing: " + excerpt())
                .until(d -> !d.findElements(proceed).isEmpty() || !d.findElements(newPasswordField).isEmpty());
        if (!driver.findElements(proceed).isEmpty()) {
            submit(proceed);
        }
        type(newPasswordField, newPassword);
        type(By.id("password-confirm"), newPassword);
        submit(By.id("kc-submit"));
        // "Your account has been updated" with a way back to the portal (the link's redirect_uri)
        By back = By.partialLinkText("Back to Application");
        wait.withMessage(() -> "Keycloak's confirmation after setting " + username + "'s password; the browser is at "
                        + url() + " showing: " + excerpt())
                .until(d -> !d.findElements(back).isEmpty() || url().startsWith(portalUrl));
        if (!driver.findElements(back).isEmpty()) {
            submit(back);
        }
        // Setting the password opens no Keycloak session: the portal asks for a login
        if (!isLoggedIn()) {
            assertOnKeycloakLoginPage("back from Keycloak's pages, " + username + " logs in");
            completeLogIn(username, newPassword);
        }
    }

    private boolean isLoggedIn() {
        return url().startsWith(portalUrl) && !driver.findElements(By.cssSelector("header .who")).isEmpty();
    }

    /** Waits until the browser shows Keycloak's login page, e.g. after the portal refused a session. */
    public void assertOnKeycloakLoginPage(String why) {
        wait.withMessage(() -> why + ": expected Keycloak's login page, but the browser is at " + url()
                        + " showing: " + excerpt())
                .until(d -> url().startsWith(AllianceStack.KEYCLOAK_URL)
                        && !d.findElements(By.id("username")).isEmpty());
    }

    /** The portal's session cookies (and their chunks) as the browser holds them now, e.g. to replay later. */
    public java.util.Set<org.openqa.selenium.Cookie> sessionCookies() {
        return driver.manage().getCookies().stream().filter(c -> c.getName().startsWith("q_session"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Puts cookies copied earlier back into the browser, as someone who kept a copy would. */
    public void replay(java.util.Set<org.openqa.selenium.Cookie> cookies) {
        driver.get(portalUrl + "/style.css"); // a page of the portal's origin, reachable without a login
        cookies.forEach(c -> driver.manage().addCookie(c));
    }

        /** The value of one of the portal's cookies (HttpOnly ones too), or null. */
    public String cookie(String name) {
        org.openqa.selenium.Cookie cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

        /**
     * Opens the portal path again and again until it sends the browser to Keycloak's login page: for a
     * session ended by a message the portal gets on its own time (Keycloak's back-channel logout).
     */
    public void openUntilLoggedOut(String path, String why) {
        openUntil(path, b -> url().startsWith(AllianceStack.KEYCLOAK_URL) && !findAll(By.id("username")).isEmpty(),
                why + ": expected Keycloak's login page");
    }

    /** Opens the portal path again and again until the page shows what {@code shown} waits for (work done after a commit). */
    public void openUntil(String path, java.util.function.Predicate<Browser> shown, String why) {
        wait.withMessage(() -> why + ": not shown at " + url() + ", page shows: " + excerpt())
                .until(d -> {
                    d.get(portalUrl + path);
                    return shown.test(this);
                });
    }

        /** Who the portal header says is logged in, e.g. "Alice Archer · Acme Corp". */
    public String loggedInAs() {
        return driver.findElement(By.cssSelector("header .who")).getText();
    }

    // ------------------------------------------------------------------ moving around

    /** Opens a portal path ("/alliances/1") or a full URL. */
    public void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : portalUrl + pathOrUrl);
    }

    public void clickLink(String text) {
        submit(By.linkText(text));
    }

    public void clickLinkContaining(String text) {
        submit(By.partialLinkText(text));
    }

    /** Clicks something that loads a new page (link or submit button) and waits until the old page is gone. */
    public void submit(By by) {
        WebElement page = driver.findElement(By.tagName("html"));
        waitFor(by, "something to click").click();
        wait.withMessage(() -> "a new page after clicking " + by + "; still at " + url())
                .until(d -> isGone(page));
    }

    /**
     * Whether the element's page has been replaced. ChromeDriver sometimes reports a node of a page
     * that is going away as "does not belong to the document" instead of as stale: both mean gone.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Waits until the current URL matches the regular expression and returns it. */
    public String waitForUrl(String regex) {
        wait.withMessage(() -> "URL matching " + regex + ", but the browser is at " + url() + " showing: " + excerpt())
                .until(d -> url().matches(regex));
        return url();
    }

    // ------------------------------------------------------------------ forms

    public void type(By field, String text) {
        WebElement input = waitFor(field, "input field");
        input.clear();
        input.sendKeys(text);
    }

    public void choose(By select, String visibleText) {
        new Select(waitFor(select, "drop-down")).selectByVisibleText(visibleText);
    }

    public void check(By radioOrCheckbox) {
        WebElement box = waitFor(radioOrCheckbox, "radio button or check box");
        if (!box.isSelected()) {
            box.click();
        }
    }

    /**
     * Sets a value the way a script would. Used for date inputs, whose keyboard entry depends on the
     * browser's locale; the form still submits whatever the input holds.
     */
    public void setValue(By field, String value) {
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                waitFor(field, "input field"), value);
    }

    /** On an alliance's dashboard: the "Raise a concern" form, filled in and sent. */
    public void raiseConcern(String raisedTo, String severity, String title, String description) {
        clickLink("Raise a concern");
        choose(By.id("raisedToId"), raisedTo);
        check(By.cssSelector("input[name=severity][value=" + severity + "]"));
        type(By.id("title"), title);
        type(By.id("description"), description);
        submit(By.xpath("//button[normalize-space()='Raise the concern']"));
    }

    // ------------------------------------------------------------------ reading the page

    public String url() {
        return driver.getCurrentUrl();
    }

    public String title() {
        return driver.getTitle();
    }

    public String heading() {
        return waitFor(By.tagName("h1"), "page heading").getText();
    }

    public String text(By by) {
        return waitFor(by, "element").getText();
    }

    public WebElement find(By by) {
        return waitFor(by, "element");
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    /** Waits until the element shows the text (e.g. a state badge after a step). */
    public void waitForText(By by, String expected) {
        wait.withMessage(() -> "text '" + expected + "' in " + by + " at " + url() + ", page shows: " + excerpt())
                .until(ExpectedConditions.textToBePresentInElementLocated(by, expected));
    }

    /**
     * The HTTP status of a GET from inside the page, with this browser's session: what a user
     * following a link would get, without Selenium having to expose response codes.
     */
    public int httpStatus(String pathOrUrl) {
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'})
                    .then(r => done(r.status), e => done(-1));
                """, pathOrUrl.startsWith("http") ? pathOrUrl : portalUrl + pathOrUrl);
        assertThat(status).as("status of %s", pathOrUrl).isInstanceOf(Number.class);
        return ((Number) status).intValue();
    }

    /**
     * The body of a GET from inside the page, with this browser's session (e.g. a download the user
     * would save); fails unless the portal answers 200.
     */
    public String fetchText(String pathOrUrl) {
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'})
                    .then(r => r.text().then(t => done({status: r.status, text: t})),
                          e => done({status: -1, text: String(e)}));
                """, pathOrUrl.startsWith("http") ? pathOrUrl : portalUrl + pathOrUrl);
        assertThat(result).as("answer to GET %s", pathOrUrl).isInstanceOf(Map.class);
        Map<?, ?> answer = (Map<?, ?>) result;
        String text = String.valueOf(answer.get("text"));
        assertThat(((Number) answer.get("status")).intValue())
                .as("HTTP status of GET %s; body starts: %s", pathOrUrl, text.substring(0, Math.min(300, text.length())))
                .isEqualTo(200);
        return text;
    }

    private WebElement waitFor(By by, String what) {
        return wait.withMessage(() -> what + " " + by + " at " + url() + ", page shows: " + excerpt())
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The start of the visible page text, for failure messages. */
    public String excerpt() {
        try {
            String text = driver.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ").strip();
            return text.length() > 600 ? text.substring(0, 600) + "…" : text;
        } catch (RuntimeException e) {
            return "(page text unavailable: " + e.getClass().getSimpleName() + ")";
        }
    }

    // ------------------------------------------------------------------ evidence on failure

    /** Saves a screenshot and the HTML of the current page as dir/name.png and dir/name.html. */
    public void saveEvidence(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), "<!-- " + url() + " -->\n" + driver.getPageSource(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a profile left in target/ is harmless
            }
        }
    }
}
