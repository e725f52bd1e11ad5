package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
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
 * Administration and the access lifecycle end to end, against the real Keycloak and a real SMTP server
 * (GreenMail): the platform administrator sets up a partner company and an alliance, invites people, and
 * takes access away again; the invited people follow Keycloak's e-mail, set their password on Keycloak's
 * own pages and use the portal in Chromium. One step per "done when" point of the administration issue;
 * each builds on the ones before.
 *
 * <p>Keycloak's invitation e-mail reaches GreenMail because stack.sh points the realm's SMTP server at
 * ALLIANCE_SMTP_HOST/ALLIANCE_SMTP_PORT, which AllianceStack sets to GreenMail's address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministrationIT {

    record Person(String email, String name, String password) {
        String header(String organisation) {
            return name + " · " + organisation;
        }
    }

    static final String DEMO_PASSWORD = "demo";
    static final String PILOT = "Hooli–Acme Pilot";
    static final Person HANK = new Person("hank@hooli.example", "Hank Hooli", "Hank-e2e-password-1");
    static final Person HECTOR = new Person("hector@hooli.example", "Hector Hooli", "Hector-e2e-password-1");
    static final Person HILDA = new Person("hilda@hooli.example", "Hilda Hooli", "Hilda-e2e-password-1");
    static final Person HOLLY = new Person("holly@hooli.example", "Holly Hooli", "Holly-e2e-password-1");
    static final Person HUGO = new Person("hugo@hooli.example", "Hugo Hooli", "Hugo-e2e-password-1");
    /** A name a spreadsheet would run as a formula, and one Keycloak's user profile accepts (no "=", "(" or "@"). */
    static final Person FORMULA = new Person("formula@hooli.example", "-1+2 Hooli", "unused");
    /** Keycloak refuses this name (error-person-name-invalid-character): bad input like any other. */
    static final String NAME_KEYCLOAK_REFUSES = "=HYPERLINK(\"x\")";

    static final Duration MAIL_WAIT = Duration.ofSeconds(90);
    /** The reconciliation job runs every AllianceStack.RECONCILE_EVERY; a few runs at the most. */
    static final Duration RECONCILE_WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(0)
    static final BeforeAllCallback prerequisites = context -> Browser.requireInstalled();

    @RegisterExtension
    @Order(1)
    static final AllianceStack stack = AllianceStack.shared();

    static final KeycloakAdmin keycloak = new KeycloakAdmin(AllianceStack.KEYCLOAK_URL);

    /** One Chromium per person, opened when first needed; the one used last gives the evidence of a failure. */
    static final Map<String, Browser> browsers = new LinkedHashMap<>();
    static Browser current;

    @RegisterExtension
    @Order(2)
    static final Storyline storyline = new Storyline(stack, () -> current);

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    // What earlier steps found out, for the later ones.
    static String hooliId;
    static String acmeId;
    static String hankLink;
    static String pilotId;

    @BeforeAll
    static void testClient() {
        keycloak.ensureTestClient();
    }

    @AfterAll
    static void closeBrowsers() {
        browsers.values().forEach(Browser::close);
        browsers.clear();
    }

    // ------------------------------------------------------------------ a. a partner company

    @Test
    @Order(1)
    void adminCreatesHooliAsAKeycloakOrganizationAndBadInputIsRefusedFieldByField() {
        Answer blank = api("POST", "/api/v1/admin/organisations", admin(), Map.of("name", " ", "alias", "hooli"));
        assertProblem(blank, 400);
        assertThat(blank.json().path("errors").has("name")).as("field errors of %s", blank).isTrue();

        Answer created = api("POST", "/api/v1/admin/organisations", admin(), Map.of("name", "Hooli", "alias", "hooli"));
        assertThat(created.status()).as("creating Hooli: %s", created).isEqualTo(201);
        assertThat(created.json().path("name").asText()).isEqualTo("Hooli");
        assertThat(created.json().path("alias").asText()).isEqualTo("hooli");
        assertThat(created.json().path("disabled").asBoolean(true)).isFalse();
        hooliId = created.json().path("id").asText();

        assertThat(keycloak.organizationByAlias("hooli")).as("Keycloak organization hooli")
                .hasValueSatisfying(o -> {
                    assertThat(o.name()).isEqualTo("Hooli");
                    assertThat(o.enabled()).isTrue();
                });
        Answer list = api("GET", "/api/v1/admin/organisations", admin(), null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("alias")).contains("hooli", "acme", "globex");
        acmeId = elementWith(list.json(), "alias", "acme").orElseThrow().path("id").asText();

        Answer taken = api("POST", "/api/v1/admin/organisations", admin(), Map.of("name", "Hooli Two", "alias", "hooli"));
        assertProblem(taken, 409);
    }

    // ------------------------------------------------------------------ b. an invitation

    @Test
    @Order(2)
    void invitingHankMakesAKeycloakUserOfHooliWhoMustVerifyAndSetAPasswordAndEMailsHimTheLink() {
        Answer badEmail = invite(hooliId, "hank.hooli.example", HANK.name(), "LEAD");
        assertProblem(badEmail, 400);
        assertThat(badEmail.json().path("errors").has("email")).as("field errors of %s", badEmail).isTrue();
        Answer badName = invite(hooliId, "mallory@hooli.example", NAME_KEYCLOAK_REFUSES, "MEMBER");
        assertProblem(badName, 400);
        assertThat(badName.json().path("errors").has("name")).as("field errors of %s", badName).isTrue();
        assertThat(keycloak.userByEmail("mallory@hooli.example")).as("a Keycloak user left by the refused invitation").isEmpty();

        Answer invited = invite(hooliId, HANK.email(), HANK.name(), "LEAD");
        assertThat(invited.status()).as("inviting Hank: %s", invited).isEqualTo(201);
        JsonNode person = invited.json();
        assertThat(person.path("email").asText()).isEqualTo(HANK.email());
        assertThat(person.path("name").asText()).isEqualTo(HANK.name());
        assertThat(person.path("role").asText()).isEqualTo("LEAD");
        assertThat(person.path("status").asText()).isEqualTo("INVITED");

        KeycloakAdmin.User user = keycloak.userByEmail(HANK.email()).orElseThrow(
                () -> new AssertionError("no Keycloak user with e-mail " + HANK.email()));
        assertThat(person.path("userId").asText()).isEqualTo(user.id());
        assertThat(user.enabled()).isTrue();
        assertThat(user.requiredActions()).contains("VERIFY_EMAIL", "UPDATE_PASSWORD");
        assertThat(keycloak.organizationsOf(user.id())).containsExactly("hooli");
        assertThat(keycloak.realmRolesOf(user.id())).contains("lead");

        hankLink = invitationLink(HANK);

        Answer again = invite(hooliId, HANK.email(), "Hank Again", "MEMBER");
        assertProblem(again, 409);
    }

    // ------------------------------------------------------------------ c. the story in Chromium

    @Test
    @Order(3)
    void adminSetsUpTheHooliAcmePilotAndHankAfterSettingHisPasswordSeesOnlyItAndAliceSeesHowItWasSetUp() {
        Answer oneParty = api("POST", "/api/v1/admin/alliances", admin(),
                Map.of("name", "Hooli alone", "description", "Not an alliance", "parties", List.of(hooliId)));
        assertProblem(oneParty, 400);
        assertThat(oneParty.json().path("errors").has("parties")).as("field errors of %s", oneParty).isTrue();

        Browser admin = browser("admin");
        admin.logIn("admin", DEMO_PASSWORD);
        admin.waitForUrl(".*/admin$"); // the administrator's start page is the console
        String form = "//form[.//button[normalize-space()='Create alliance']]";
        admin.type(By.xpath(form + "//*[@name='name']"), PILOT);
        admin.type(By.xpath(form + "//*[@name='description']"), "Ninety days to see whether Hooli's search runs on Acme's anvils.");
        admin.check(By.xpath(form + "//input[@name='parties'][@value='" + hooliId + "']"));
        admin.check(By.xpath(form + "//input[@name='parties'][@value='" + acmeId + "']"));
        admin.submit(By.xpath(form + "//button[normalize-space()='Create alliance']"));
        assertThat(admin.pageText()).contains(PILOT);

        JsonNode pilot = elementWith(api("GET", "/api/v1/admin/alliances", admin(), null).json(), "name", PILOT)
                .orElseThrow(() -> new AssertionError("no alliance " + PILOT + " in the admin API"));
        pilotId = pilot.path("id").asText();
        assertThat(pilot.path("parties").findValuesAsText("name")).containsExactlyInAnyOrder("Hooli", "Acme Corp");

        Browser hank = browser("hank");
        hank.acceptInvitation(hankLink, HANK.email(), HANK.password());
        assertThat(hank.loggedInAs()).isEqualTo(HANK.header("Hooli"));
        hank.open("/");
        assertThat(allianceNames(hank)).containsExactly(PILOT);
        assertThat(keycloak.userByEmail(HANK.email()).orElseThrow().requiredActions()).isEmpty();
        awaitStatus(HANK, "ACTIVE");

        Browser alice = browser("alice");
        alice.logIn("alice", DEMO_PASSWORD);
        assertThat(allianceNames(alice)).contains(PILOT, "Acme–Globex Joint Go-To-Market");
        alice.clickLink(PILOT);
        alice.clickLink("History");
        alice.waitForUrl(".*/alliances/" + pilotId + "/history$");
        List<String> what = alice.findAll(By.cssSelector("table.log tbody tr td:nth-child(4)")).stream()
                .map(WebElement::getText).toList();
        assertThat(what).as("what the history of the pilot says happened").isNotEmpty()
                .anySatisfy(w -> assertThat(w).contains("founded the alliance “" + PILOT + "”"));
        String history = alice.text(By.cssSelector("table.log"));
        assertThat(history).contains("Hooli", "Acme Corp").containsAnyOf(HANK.name(), HANK.email());
        JsonNode first = logEntries(keycloak.token("alice", DEMO_PASSWORD)).get(0);
        assertThat(first.path("action").asText()).as("the pilot's first log entry").startsWith("alliance.");
        Answer otherAudience = api("GET", logPath(), keycloak.tokenForAnotherApplication("alice", DEMO_PASSWORD), null);
        assertThat(otherAudience.status()).as("alice's token for another application: %s", otherAudience).isEqualTo(401);
        closeBrowser("alice");
        closeBrowser("hank");
    }

    // ------------------------------------------------------------------ d. a role change

    @Test
    @Order(4)
    void hectorMadeLeadGetsTheLeadsPageAtHisNextRequestAndThePilotsLogSaysSo() {
        Answer invited = invite(hooliId, HECTOR.email(), HECTOR.name(), "MEMBER");
        assertThat(invited.status()).as("inviting Hector: %s", invited).isEqualTo(201);
        Browser hector = browser("hector");
        hector.acceptInvitation(invitationLink(HECTOR), HECTOR.email(), HECTOR.password());
        assertThat(hector.httpStatus("/organisation/people")).as("the leads' page for Hector, a member").isEqualTo(403);
        long aboutHectorBefore = logEntriesAbout(HECTOR);
        assertThat(aboutHectorBefore).as("log entries of the pilot about Hector after his invitation").isPositive();

        Answer promoted = api("POST", peoplePath(hooliId) + "/" + personId(HECTOR) + "/role", admin(), Map.of("role", "LEAD"));
        assertThat(promoted.status()).as("making Hector a lead: %s", promoted).isEqualTo(200);
        assertThat(promoted.json().path("role").asText()).isEqualTo("LEAD");
        String hectorId = promoted.json().path("userId").asText();
        assertThat(keycloak.realmRolesOf(hectorId)).contains("lead");

        // same browser, same portal session: the next request already knows
        assertThat(hector.httpStatus("/organisation/people")).as("the leads' page for Hector, now a lead").isEqualTo(200);
        hector.open("/organisation/people");
        assertThat(hector.pageText()).contains(HANK.email(), HECTOR.email());
        assertThat(logEntriesAbout(HECTOR)).as("log entries about Hector after his role change").isGreaterThan(aboutHectorBefore);
        closeBrowser("hector");
    }

    // ------------------------------------------------------------------ e. access taken away

    @Test
    @Order(5)
    void disablingHildaAndRemovingHollyEndTheirSessionsTheirMailAndTheirCalendarFeeds() {
        Map<Person, String> feeds = new LinkedHashMap<>();
        Map<Person, String> tokens = new LinkedHashMap<>();
        for (Person person : List.of(HILDA, HOLLY)) {
            assertThat(invite(hooliId, person.email(), person.name(), "MEMBER").status()).isEqualTo(201);
            Browser browser = browser(person.name());
            browser.acceptInvitation(invitationLink(person), person.email(), person.password());
            awaitStatus(person, "ACTIVE"); // the first login activates the membership just after it (an async observer)
            browser.open("/notifications/preferences");
            feeds.put(person, browser.text(By.id("feed-url")).strip());
            assertThat(get(feeds.get(person)).status()).as("%s's calendar feed while active", person.name()).isEqualTo(200);
            tokens.put(person, keycloak.token(person.email(), person.password()));
            assertThat(api("GET", logPath(), tokens.get(person), null).status()).as("the pilot's log for %s", person.name())
                    .isEqualTo(200);
        }

        Answer disabled = api("POST", peoplePath(hooliId) + "/" + personId(HILDA) + "/disable", admin(), null);
        assertThat(disabled.status()).as("disabling Hilda: %s", disabled).isEqualTo(200);
        assertThat(disabled.json().path("status").asText()).isEqualTo("DISABLED");
        assertThat(keycloak.userByEmail(HILDA.email()).orElseThrow().enabled()).as("Hilda enabled in Keycloak").isFalse();
        browser(HILDA.name()).open("/");
        browser(HILDA.name()).assertOnKeycloakLoginPage("Hilda's next page after she was disabled");
        assertThat(api("GET", logPath(), tokens.get(HILDA), null).status()).as("the API for Hilda's earlier token")
                .isEqualTo(401);

        Answer removed = api("POST", peoplePath(hooliId) + "/" + personId(HOLLY) + "/remove", admin(), null);
        assertThat(removed.status()).as("removing Holly: %s", removed).isEqualTo(200);
        assertThat(removed.json().path("status").asText()).isEqualTo("REMOVED");
        assertThat(keycloak.organizationsOf(removed.json().path("userId").asText())).as("Holly's organizations")
                .doesNotContain("hooli");
        browser(HOLLY.name()).open("/");
        browser(HOLLY.name()).assertOnKeycloakLoginPage("Holly's next page after she was removed from Hooli");
        assertThat(api("GET", logPath(), tokens.get(HOLLY), null).status()).as("the API for Holly's earlier token")
                .isEqualTo(401);
        closeBrowser(HILDA.name());
        closeBrowser(HOLLY.name());

        String concern = "Anvil shipment for the pilot arrived dented (e2e)";
        Browser alice = browser("alice");
        alice.logIn("alice", DEMO_PASSWORD);
        alice.open("/alliances/" + pilotId);
        alice.raiseConcern("Hooli", "HIGH", concern, "Three of five anvils came with dents; Hooli's racks cannot take them.");
        alice.waitForUrl(".*/alliances/" + pilotId + "/concerns/\\d+$");

        Predicate<MimeMessage> aboutTheConcern = m -> subject(m).contains(concern);
        awaitMail("the concern's e-mail to Hank, Hooli's lead", m -> to(m, HANK.email()) && aboutTheConcern.test(m));
        awaitMail("the concern's e-mail to Hector, Hooli's other lead", m -> to(m, HECTOR.email()) && aboutTheConcern.test(m));
        // Fanout plans every recipient of an event at once, and the dispatcher sends what is planned in
        // its next runs: a mail to Hilda or Holly would come within a few of them.
        assertNoMail("the concern's e-mail to Hilda or Holly", Duration.ofSeconds(30),
                m -> (to(m, HILDA.email()) || to(m, HOLLY.email())) && aboutTheConcern.test(m));

        for (Map.Entry<Person, String> feed : feeds.entrySet()) {
            assertThat(get(feed.getValue()).status()).as("%s's calendar feed now", feed.getKey().name())
                    .isEqualTo(404);
        }
        closeBrowser("alice");
    }

    // ------------------------------------------------------------------ f. changes made in Keycloak's console

    @Test
    @Order(6)
    void whatAnAdministratorChangesInKeycloaksConsoleShowsInThePortalWithinTheReconcileInterval() {
        String hectorId = keycloak.userByEmail(HECTOR.email()).orElseThrow().id();
        keycloak.disableUser(hectorId);
        awaitStatus(HECTOR, "DISABLED");

        assertThat(invite(hooliId, HUGO.email(), HUGO.name(), "MEMBER").status()).isEqualTo(201);
        awaitStatus(HUGO, "INVITED");
        keycloak.removeMember("hooli", keycloak.userByEmail(HUGO.email()).orElseThrow().id());
        awaitStatus(HUGO, "REMOVED");
    }

    // ------------------------------------------------------------------ g. the access review

    @Test
    @Order(7)
    void theAccessReviewCsvListsHankWithRoleAndStatusAndNeutralisesAFormulaName() {
        assertThat(invite(hooliId, FORMULA.email(), FORMULA.name(), "MEMBER").status()).isEqualTo(201);

        Browser admin = browser("admin");
        List<List<String>> rows = csv(admin.fetchText("/admin/access-review.csv"));
        assertThat(rows).as("access review rows").hasSizeGreaterThan(1);

        List<List<String>> hanks = rows.stream().filter(r -> r.contains(HANK.email()) || r.contains(HANK.name())).toList();
        assertThat(hanks).as("Hank's rows in the access review").isNotEmpty().allSatisfy(row -> assertThat(row)
                .anySatisfy(cell -> assertThat(cell).isEqualToIgnoringCase("LEAD"))
                .anySatisfy(cell -> assertThat(cell).isEqualToIgnoringCase("ACTIVE")));
        assertThat(hanks).anySatisfy(row -> assertThat(row).contains(PILOT));

        List<String> formulaCells = rows.stream().flatMap(List::stream).filter(c -> c.contains(FORMULA.name())).toList();
        assertThat(formulaCells).as("cells with the formula name").isNotEmpty()
                .allSatisfy(cell -> assertThat(cell).startsWith("'" + FORMULA.name()));
        assertThat(rows.stream().flatMap(List::stream)).as("cells a spreadsheet would run as formulas")
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
    }

    // ------------------------------------------------------------------ h. Keycloak's own pages and sessions

    @Test
    @Order(8)
    void bellaWhoForgotHerPasswordSetsANewOneThroughKeycloaksEMailAndLogsIn() {
        Browser bella = browser("bella");
        bella.requestPasswordReset("bella");
        String link = keycloakLink("Keycloak's password reset e-mail to bella", "bella@globex.example");
        String newPassword = "Bella-chose-this-1";
        bella.acceptInvitation(link, "bella", newPassword);
        assertThat(bella.loggedInAs()).startsWith("Bella Brown");
        // the new password first: a login right after a failed one may meet Keycloak's brute-force guard
        // (one CI run saw "user_temporarily_disabled" 0.1 s after the old password was refused)
        assertThat(keycloak.canLogIn("bella", newPassword)).as("the new password").isTrue();
        assertThat(keycloak.canLogIn("bella", DEMO_PASSWORD)).as("the old password").isFalse();
        closeBrowser("bella");
    }

    @Test
    @Order(9)
    void signingAnnaOutInKeycloaksConsoleEndsHerPortalSessionAtHerNextRequest() {
        // anna, whom no other test logs in: her browser's is her only Keycloak session
        Browser anna = browser("anna");
        anna.logIn("anna", DEMO_PASSWORD);
        keycloak.signOut(keycloak.userByEmail("anna@acme.example").orElseThrow().id());
        anna.openUntilLoggedOut("/", "Keycloak told the portal (back-channel logout) that anna's session ended");
        closeBrowser("anna");
    }

    // ------------------------------------------------------------------ browsers

    /** This person's browser (opened on first use), now the one whose page a failure shows. */
    static Browser browser(String who) {
        current = browsers.computeIfAbsent(who, name -> {
            try {
                return Browser.open(AllianceStack.PORTAL_URL, stack.home().resolve("browser"));
            } catch (IOException e) {
                throw new AssertionError("cannot start Chromium for " + name, e);
            }
        });
        return current;
    }

    static void closeBrowser(String who) {
        Browser browser = browsers.remove(who);
        if (browser != null) {
            if (browser == current) {
                current = null;
            }
            browser.close();
        }
    }

    /** The alliance names on the "Your alliances" page. */
    static List<String> allianceNames(Browser browser) {
        browser.find(By.tagName("h1"));
        return browser.findAll(By.cssSelector(".card h2 a")).stream().map(WebElement::getText).toList();
    }

    // ------------------------------------------------------------------ the portal's API

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    /** A fresh token of the platform administrator (tokens live five minutes; the story takes longer). */
    static String admin() {
        return keycloak.token("admin", DEMO_PASSWORD);
    }

    static Answer invite(String organisationId, String email, String name, String role) {
        return api("POST", peoplePath(organisationId), admin(), Map.of("email", email, "name", name, "role", role));
    }

    static String peoplePath(String organisationId) {
        return "/api/v1/admin/organisations/" + organisationId + "/people";
    }

    static String logPath() {
        return "/api/v1/alliances/" + pilotId + "/log/entries";
    }

    static Optional<JsonNode> person(Person person) {
        return elementWith(api("GET", peoplePath(hooliId), admin(), null).json(), "email", person.email());
    }

    static String personId(Person person) {
        return person(person).orElseThrow(() -> new AssertionError("no person " + person.email() + " in Hooli"))
                .path("id").asText();
    }

    /** Waits until the admin API shows the person with that status (the reconciliation job may be the one to set it). */
    static void awaitStatus(Person person, String status) {
        await(person.name() + "'s status " + status + " in the admin API", RECONCILE_WAIT,
                () -> person(person).filter(p -> p.path("status").asText().equals(status)));
    }

    /** The pilot's log entries, read with the given token. */
    static JsonNode logEntries(String token) {
        Answer entries = api("GET", logPath(), token, null);
        assertThat(entries.status()).as("the pilot's log entries: %s", entries).isEqualTo(200);
        return entries.json();
    }

    /** How many of the pilot's log entries (read by Alice of Acme Corp) name the person. */
    static long logEntriesAbout(Person person) {
        return StreamSupport.stream(logEntries(keycloak.token("alice", DEMO_PASSWORD)).spliterator(), false)
                .filter(e -> e.toString().contains(person.email()) || e.toString().contains(person.name()))
                .count();
    }

    static Optional<JsonNode> elementWith(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(e -> e.path(field).asText().equals(value))
                .findFirst();
    }

    static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
    }

    /** A call of the portal's JSON API with a bearer token (no form token needed), or anonymous. */
    static Answer api(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(AllianceStack.PORTAL_URL + path))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return exchange(request.build());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        }
    }

    /** A plain GET without any login, e.g. of a calendar feed. */
    static Answer get(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    static Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ e-mail

    /** The link of Keycloak's invitation e-mail to the person (waits for it). */
    static String invitationLink(Person person) {
        return keycloakLink("Keycloak's invitation e-mail to " + person.email(), person.email());
    }

    /** The link into the realm in Keycloak's e-mail to this address (waits for it). */
    static String keycloakLink(String what, String address) {
        String realmUrl = AllianceStack.KEYCLOAK_URL + "/realms/" + KeycloakAdmin.REALM + "/";
        MimeMessage mail = awaitMail(what, m -> to(m, address) && text(m).contains(realmUrl));
        Matcher link = Pattern.compile(Pattern.quote(realmUrl) + "[^\\s\"<>]+").matcher(text(mail));
        assertThat(link.find()).as("a link in %s: %s", what, text(mail)).isTrue();
        return link.group();
    }

    static MimeMessage awaitMail(String what, Predicate<MimeMessage> wanted) {
        return await(what + " (mails so far: " + stack.mailbox().getReceivedMessages().length + ")", MAIL_WAIT,
                () -> Arrays.stream(stack.mailbox().getReceivedMessages()).filter(wanted).findFirst());
    }

    /** Keeps watching the mailbox for that long: a negative can only be shown by waiting. */
    static void assertNoMail(String what, Duration during, Predicate<MimeMessage> unwanted) {
        long deadline = System.nanoTime() + during.toNanos();
        while (true) {
            MimeMessage[] received = stack.mailbox().getReceivedMessages();
            assertThat(Arrays.stream(received).filter(unwanted).map(AdministrationIT::subject)).as(what).isEmpty();
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return;
            }
            stack.mailbox().waitForIncomingEmail(Math.min(leftMillis, 1_000), received.length + 1);
        }
    }

    static boolean to(MimeMessage message, String address) {
        try {
            return Arrays.stream(Optional.ofNullable(message.getRecipients(Message.RecipientType.TO)).orElse(new jakarta.mail.Address[0]))
                    .anyMatch(a -> a.toString().contains(address));
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The decoded text of the message: its text/plain part, else everything textual in it. */
    static String text(Part part) {
        try {
            if (part.isMimeType("text/*")) {
                Object content = part.getContent();
                return content instanceof InputStream in ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        : String.valueOf(content);
            }
            if (part.getContent() instanceof Multipart multipart) {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (child.isMimeType("text/plain")) {
                        return text(child);
                    }
                    texts.add(text(child));
                }
                return String.join("\n", texts);
            }
            return "";
        } catch (IOException | MessagingException e) {
            throw new AssertionError("unreadable e-mail: " + e, e);
        }
    }

    // ------------------------------------------------------------------ waiting and CSV

    /** Polls until the probe finds something, for at most {@code limit}. */
    static <T> T await(String what, Duration limit, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
