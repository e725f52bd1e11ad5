package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Every page of an alliance runs the same, small number of SQL statements whatever the alliance's
 * size: counted (deterministically, with Hibernate's statistics) on a small alliance, then again after
 * it grew tenfold; the lists also filtered, searched, sorted and at a later page (their keyset links).
 * Timing is for the benchmark (bench/), not for tests.
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class PageStatementsTest {

    static final int MAX_STATEMENTS = 12;

    @Inject
    TestWorld world;

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    SessionFactory sessions;

    @Test
    void every_page_runs_the_same_bounded_number_of_statements_at_ten_times_the_size() {
        TestWorld.Ids ids = world.ids();
        Actor admin = new Actor("test-admin", "Admin", null, Role.ADMIN);
        long alliance = alliances.create(admin, "Statement counting pact", null, List.of(ids.acme(), ids.globex())).id;
        Actor alice = new Actor("t-alice", "Alice", ids.acme(), Role.LEAD);
        Actor bruno = new Actor("t-bruno", "Bruno", ids.globex(), Role.LEAD);
        grow(alliance, alice, bruno, 0, 20);
        Commitment one = commitments.ofAlliance(alice, alliance).get(0);
        Concern raised = concerns.ofAlliance(alice, alliance).get(0);
        Concern latest = concerns.ofAlliance(alice, alliance).stream().max(Comparator.comparing(k -> k.raisedAt))
                .orElseThrow();
        CheckIn met = QuarkusTransaction.requiringNew().call(() -> CheckIn.<CheckIn>find(
                "alliance.id = ?1 order by startsAt desc", alliance).firstResult());
        String a = "/alliances/" + alliance;
        // the keyset links of later pages are fixed positions here (the same URL at both sizes), each with rows after it
        // (RestAssured encodes the URLs: spaces are written as spaces)
        List<String> pages = List.of(a, a + "/commitments", a + "/commitments?state=PROPOSED&q=deck",
                a + "/commitments?sort=title&state=PROPOSED&q=launch dec&owner=" + ids.acme() + "&dueBy=2099-12-31",
                a + "/commitments?sort=due&after=" + one.dueDate + "~" + one.id,
                a + "/commitments?sort=title&after=launch deck 0~" + one.id,
                a + "/concerns", a + "/concerns?sort=severity&severity=HIGH&q=worry",
                a + "/concerns?after=" + micros(latest.raisedAt) + "~" + latest.id,
                a + "/commitments/" + one.id, a + "/concerns/" + raised.id, a + "/concerns/new",
                a + "/history", a + "/history?action=commitment.&organisation=Test Acme&before=30", a + "/history?after=5",
                a + "/check-ins", a + "/check-ins?after=" + micros(met.startsAt) + "~" + met.id, "/");
        Map<String, Long> small = count(pages);
        long smallAfterChange = firstVisitAfterAChange(a, alliance, alice, bruno);
        grow(alliance, alice, bruno, 20, 200);
        Map<String, Long> large = count(pages);
        long largeAfterChange = firstVisitAfterAChange(a, alliance, alice, bruno);
        for (String page : pages) {
            assertThat(large.get(page)).as("statements for " + page + " (small: " + small.get(page) + ")")
                    .isEqualTo(small.get(page))
                    .isLessThanOrEqualTo(MAX_STATEMENTS);
        }
        assertThat(largeAfterChange).as("statements for the dashboard's first visit after a change (small: "
                + smallAfterChange + ")").isEqualTo(smallAfterChange).isLessThanOrEqualTo(MAX_STATEMENTS);
    }

    /**
     * The statements of the dashboard's first visit after a change, which reads again what it keeps per log
     * size (its lists, the counts, the health reading).
     */
    private long firstVisitAfterAChange(String dashboard, long alliance, Actor alice, Actor bruno) {
        given().get(dashboard).then().statusCode(200);
        commitments.propose(alice, alliance, new CommitmentTerms("One more deck", null, alice.organisationId(),
                bruno.organisationId(), LocalDate.now().plusDays(3)));
        Statistics statistics = sessions.getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        try {
            given().get(dashboard).then().statusCode(200);
            return statistics.getPrepareStatementCount();
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    /**
     * Commitments from {@code from} to {@code to}, every other one agreed, a concern for every fourth,
     * and a past check-in for every tenth.
     */
    private void grow(long alliance, Actor alice, Actor bruno, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i % 10 == 0) {
                world.startedCheckIn(alliance);
            }
            Commitment c = commitments.propose(alice, alliance, new CommitmentTerms("Launch deck " + i, null,
                    alice.organisationId(), bruno.organisationId(), LocalDate.now().plusDays(1 + i % 60)));
            if (i % 2 == 0) {
                commitments.agree(bruno, new Ref(alliance, c.id, c.version));
            }
            if (i % 4 == 0) {
                concerns.raise(bruno, alliance, new ConcernService.Draft(alice.organisationId(), Severity.values()[i % 3],
                        "Worry " + i, "About deck " + i, null));
            }
        }
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    private Map<String, Long> count(List<String> pages) {
        Statistics statistics = sessions.getStatistics();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String page : pages) {
            given().get(page).then().statusCode(200); // warm: the first visit enrols, templates compile
            statistics.setStatisticsEnabled(true);
            try {
                // the fewer of two visits: a minute that turns during one has the figures kept per minute read again
                long fewest = Long.MAX_VALUE;
                for (int visit = 0; visit < 2; visit++) {
                    statistics.clear();
                    given().get(page).then().statusCode(200);
                    fewest = Math.min(fewest, statistics.getPrepareStatementCount());
                }
                counts.put(page, fewest);
            } finally {
                statistics.setStatisticsEnabled(false);
            }
        }
        System.out.println("[statements] " + counts);
        return counts;
    }
}
