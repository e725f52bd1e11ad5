package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.ConcernState;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.log.TransparencyLog;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The long lists page by keyset: following the "next"/"older" links in every order reaches every row exactly
 * once, even where many rows share a sort value (the same due date, state, title, severity or start time);
 * the text search finds words and word starts in titles and descriptions; filters and positions that cannot
 * be read are answered with a message, not a server error.
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class ListPagingTest {

    static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next\"");
    static final Pattern OLDER = Pattern.compile("href=\"([^\"]+)\" id=\"older\"");

    @Inject
    TestWorld world;

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    TransparencyLog log;

    @Inject
    EntityManager em;

    long alliance;
    List<Long> commitmentIds = new ArrayList<>();

    /**
     * Acme and a partner of its own with nobody in it, so that the hundreds of changes below notify no one
     * whose notices other tests read; states and times are set in SQL where only the lists matter.
     */
    @BeforeEach
    void aBusyAlliance() {
        TestWorld.Ids ids = world.ids();
        Actor admin = new Actor("test-admin", "Admin", null, Role.ADMIN);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organisation partner = alliances.createOrganisation(admin, "Paging partner " + tag, "t-paging-" + tag);
        alliance = alliances.create(admin, "Paging pact " + tag, null, List.of(ids.acme(), partner.id)).id;
        Actor alice = new Actor("t-alice", "Alice", ids.acme(), Role.LEAD);
        // 120 commitments on two due dates under three titles: long runs of equal sort values
        String[] titles = {"Launch deck", "Price quote", "Launch deck"};
        LocalDate[] due = {LocalDate.now().plusDays(5), LocalDate.now().plusDays(9)};
        for (int i = 0; i < 120; i++) {
            commitmentIds.add(commitments.propose(alice, alliance, new CommitmentTerms(titles[i % 3],
                    i % 10 == 0 ? "Includes the pricing appendix" : null, ids.acme(), partner.id, due[i % 2])).id);
            if (i % 2 == 0) {
                concerns.raise(alice, alliance, new ConcernService.Draft(partner.id, Severity.values()[i % 3],
                        i % 4 == 0 ? "Quiet partner" : "Late quotes", "About item " + i, null));
            }
        }
        // a third of the commitments agreed; every concern raised in the same instant: only the id tells them apart
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update commitment set state = 'AGREED' where alliance_id = ?1 and id % 3 = 0")
                    .setParameter(1, alliance).executeUpdate();
            em.createNativeQuery("update concern set raised_at = timestamptz '2026-01-05 09:00:00+00' where alliance_id = ?1")
                    .setParameter(1, alliance).executeUpdate();
        });
    }

    @Test
    void every_commitment_once_in_every_order() {
        for (String sort : List.of("due", "newest", "state", "title")) {
            List<Long> seen = follow("/alliances/" + alliance + "/commitments?sort=" + sort, NEXT, "/commitments/(\\d+)\"");
            assertThat(seen).as("sorted by " + sort).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(commitmentIds);
        }
        List<Long> newest = follow("/alliances/" + alliance + "/commitments?sort=newest", NEXT, "/commitments/(\\d+)\"");
        assertThat(newest).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void every_concern_once_in_every_order_when_all_were_raised_at_once() {
        for (String sort : List.of("newest", "state", "severity", "title")) {
            List<Long> seen = follow("/alliances/" + alliance + "/concerns?sort=" + sort, NEXT, "/concerns/(\\d+)\"");
            assertThat(seen).as("sorted by " + sort).hasSize(60).doesNotHaveDuplicates();
        }
    }

    @Test
    void the_history_pages_older_and_back_newer_without_gaps() {
        long size = log.size(alliance);
        List<Long> seqs = follow("/alliances/" + alliance + "/history", OLDER, "<tr>\\s*<td>(\\d+)</td>");
        assertThat(seqs).containsExactlyElementsOf(LongStream.range(0, size).map(i -> size - 1 - i).boxed().toList());
        String second = given().get("/alliances/" + alliance + "/history?before=" + (size - 50)).then().statusCode(200)
                .extract().asString();
        Matcher newer = Pattern.compile("href=\"([^\"]+)\" id=\"newer\"").matcher(second);
        assertThat(newer.find()).isTrue();
        assertThat(ids(page(newer.group(1).replace("&amp;", "&")), "<tr>\\s*<td>(\\d+)</td>")).as("back to the newest page")
                .containsExactlyElementsOf(LongStream.range(0, 50).map(i -> size - 1 - i).boxed().toList());
        String filtered = given().get("/alliances/" + alliance + "/history?action=concern.").then().statusCode(200)
                .extract().asString();
        assertThat(filtered).contains("60 matching entries").contains("action=concern.");
    }

    @Test
    void the_check_ins_page_their_past_newest_first_without_gaps() {
        List<Long> started = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            started.add(world.startedCheckIn(alliance));
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update checkin set starts_at = timestamptz '2026-01-05 09:00:00+00' where alliance_id = ?1")
                .setParameter(1, alliance).executeUpdate());
        List<Long> seen = follow("/alliances/" + alliance + "/check-ins", OLDER, "/check-ins/(\\d+)\"");
        assertThat(seen).doesNotHaveDuplicates().containsAll(started)
                .hasSize((int) (long) QuarkusTransaction.requiringNew().call(() -> CheckIn.count("alliance.id", alliance)));
    }

    @Test
    void the_search_finds_words_and_word_starts_in_titles_and_descriptions() {
        String base = "/alliances/" + alliance + "/commitments?q=";
        assertThat(ids(page(base + "launch"), "/commitments/(\\d+)\"")).hasSize(50); // a full first page of 80
        assertThat(follow(base + "launch+dec", NEXT, "/commitments/(\\d+)\"")).hasSize(80);
        assertThat(follow(base + "pric", NEXT, "/commitments/(\\d+)\"")).as("Price quote, and the appendix of a deck")
                .hasSize(40 + 8);
        assertThat(follow(base + "appendix+launch", NEXT, "/commitments/(\\d+)\"")).hasSize(8);
        assertThat(follow(base + "nothing-like-this", NEXT, "/commitments/(\\d+)\"")).isEmpty();
        assertThat(follow(base + "%25%25", NEXT, "/commitments/(\\d+)\"")).as("no words: no filter").hasSize(120);
        assertThat(follow("/alliances/" + alliance + "/concerns?q=quiet", NEXT, "/concerns/(\\d+)\"")).hasSize(30);
    }

    /**
     * Several states are any of them, and the due dates bound the list both ways (what a grouped reminder links
     * to): every page keeps every state, and the form shows them ticked.
     */
    @Test
    void the_lists_take_several_states_and_a_due_date_range_on_every_page() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update commitment set state = 'DISPUTED' where alliance_id = ?1 and id % 3 = 1")
                    .setParameter(1, alliance).executeUpdate();
            // few resolved, so that the raised and escalated ones take more than a page
            em.createNativeQuery("update concern set state = case when id % 10 = 1 then 'RESOLVED' when id % 2 = 0"
                    + " then 'ESCALATED' else 'RAISED' end where alliance_id = ?1").setParameter(1, alliance).executeUpdate();
        });
        List<Commitment> all = QuarkusTransaction.requiringNew().call(() -> Commitment.list("alliance.id", alliance));
        LocalDate later = all.stream().map(c -> c.dueDate).max(LocalDate::compareTo).orElseThrow();
        Set<CommitmentState> agreedOrDisputed = EnumSet.of(CommitmentState.AGREED, CommitmentState.DISPUTED);
        String a = "/alliances/" + alliance + "/commitments?";
        String row = "/commitments/(\\d+)\"";
        List<Long> either = ids(all, c -> agreedOrDisputed.contains(c.state));
        assertThat(either).as("more than a page, and not every one").hasSizeGreaterThan(50).hasSizeLessThan(120);
        assertThat(follow(a + "state=AGREED&state=DISPUTED", NEXT, row)).as("the next page keeps both states")
                .containsExactlyInAnyOrderElementsOf(either);
        assertThat(follow(a + "state=AGREED&state=DISPUTED&dueFrom=" + later + "&dueBy=" + later, NEXT, row))
                .containsExactlyInAnyOrderElementsOf(ids(all, c -> agreedOrDisputed.contains(c.state)
                        && c.dueDate.equals(later))).isNotEmpty();
        assertThat(follow(a + "dueFrom=" + later, NEXT, row)).as("from the later due date on, inclusive")
                .containsExactlyInAnyOrderElementsOf(ids(all, c -> c.dueDate.equals(later))).hasSize(60);
        assertThat(follow(a + "state=AGREED", NEXT, row)).as("one state, as before")
                .containsExactlyInAnyOrderElementsOf(ids(all, c -> c.state == CommitmentState.AGREED)).isNotEmpty();
        assertThat(page(a + "state=AGREED&state=DISPUTED&dueFrom=" + later)).as("the form as it was filtered")
                .contains("value=\"AGREED\" checked>", "value=\"DISPUTED\" checked>", "value=\"PROPOSED\">",
                        "name=\"dueFrom\" type=\"date\" value=\"" + later + "\"");

        List<Long> awaiting = follow("/alliances/" + alliance + "/concerns?state=RAISED&state=ESCALATED", NEXT,
                "/concerns/(\\d+)\"");
        List<Concern> inAlliance = QuarkusTransaction.requiringNew().call(() -> Concern.list("alliance.id", alliance));
        assertThat(inAlliance).as("some resolved").anyMatch(c -> c.state == ConcernState.RESOLVED);
        assertThat(awaiting).as("raised or escalated, none resolved, over more than a page").hasSizeGreaterThan(50)
                .containsExactlyInAnyOrderElementsOf(inAlliance.stream().filter(c -> c.state != ConcernState.RESOLVED)
                        .map(c -> c.id).toList());
    }

    @Test
    void a_filter_or_position_that_cannot_be_read_is_a_message() {
        String a = "/alliances/" + alliance;
        Map<String, String> refused = Map.ofEntries(
                Map.entry(a + "/commitments?dueBy=2027-13-45", "yyyy-mm-dd"),
                Map.entry(a + "/commitments?dueFrom=soon", "Write the date as yyyy-mm-dd"),
                Map.entry(a + "/commitments?owner=acme", "whole number"),
                Map.entry(a + "/commitments?state=LOST", "one of PROPOSED"),
                Map.entry(a + "/commitments?state=AGREED&state=LOST", "one of PROPOSED"),
                Map.entry(a + "/commitments?sort=colour", "Sort by one of due"),
                Map.entry(a + "/commitments?after=yesterday~1", "page link is damaged"),
                Map.entry(a + "/concerns?severity=URGENT", "one of HIGH"),
                Map.entry(a + "/concerns?state=RAISED&state=OPEN", "one of RAISED"),
                Map.entry(a + "/concerns?after=1~x", "page link is damaged"),
                Map.entry(a + "/history?before=latest", "whole number"),
                Map.entry(a + "/history?subjectId=12b", "whole number"),
                Map.entry(a + "/check-ins?after=soon", "page link is damaged"));
        refused.forEach((url, message) -> assertThat(given().get(url).then().statusCode(400).extract().asString())
                .as(url).contains(message));
    }

    /** The page at an address as a browser sends it: already encoded, without its #fragment. */
    private String page(String url) {
        return given().urlEncodingEnabled(false).get(url.replaceFirst("#.*", "")).then().statusCode(200).extract()
                .asString();
    }

    /** Every row id (by {@code row}) on the pages reached from {@code url} by the {@code link}. */
    private List<Long> follow(String url, Pattern link, String row) {
        List<Long> seen = new ArrayList<>();
        String next = url;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages followed from " + url).isLessThan(20);
            String html = page(next);
            seen.addAll(ids(html, row));
            Matcher m = link.matcher(html);
            next = m.find() ? m.group(1).replace("&amp;", "&") : null;
        }
        return seen;
    }

    private static List<Long> ids(List<Commitment> all, Predicate<Commitment> which) {
        return all.stream().filter(which).map(c -> c.id).toList();
    }

    private static List<Long> ids(String html, String row) {
        List<Long> ids = new ArrayList<>();
        Matcher m = Pattern.compile(row).matcher(html);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }
}
