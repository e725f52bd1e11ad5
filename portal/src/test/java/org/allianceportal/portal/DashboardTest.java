package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.allianceportal.portal.alliance.AllianceResource;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/** The alliance dashboard as alice sees it, and what it asks of the database. */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "name", value = "Alice Archer"),
        @Claim(key = "organization", value = TestWorld.ACME)})
class DashboardTest {

    static final Actor ADMIN = new Actor("test-admin", "Admin", null, Role.ADMIN);

    @Inject
    TestWorld world;

    @Inject
    SessionFactory sessions;

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Test
    void the_dashboard_checks_once_that_the_alliance_is_ours_and_shows_both_sides() {
        TestWorld.Ids ids = world.ids();
        Statistics statistics = sessions.getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        try {
            String page = given().get("/alliances/" + ids.acmeGlobex()).then().statusCode(200).extract().asString();
            assertThat(page).contains("Secret pricing study", "Secret worry");
            long scoped = Arrays.stream(statistics.getQueries()).filter(q -> q.contains("join x.parties"))
                    .mapToLong(q -> statistics.getQueryStatistics(q).getExecutionCount()).sum();
            assertThat(scoped).as("queries asking whether Acme is a party of the alliance").isEqualTo(1);
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    @Test
    void a_change_shows_on_the_next_visit_though_the_lists_are_kept_between_visits() {
        TestWorld.Ids ids = world.ids();
        Actor partner = partnerLead();
        long alliance = pact("Kept lists pact", ids, partner);
        String dashboard = "/alliances/" + alliance;
        assertThat(given().get(dashboard).then().statusCode(200).extract().asString()).doesNotContain("Waiting for");

        Commitment proposed = commitments.propose(partner, alliance, new CommitmentTerms("Joint webinar", null, ids.acme(),
                partner.organisationId(), LocalDate.now().plusDays(10)));
        String page = given().get(dashboard).then().statusCode(200).extract().asString();
        assertThat(section(page, "awaiting")).as("Acme has to agree, at once").contains("Joint webinar");
        assertThat(counts(page)).contains("commitments?state=PROPOSED\">1 ").doesNotContain("state=AGREED");

        Commitment agreed = commitments.agree(new Actor("t-alice", "Alice", ids.acme(), Role.LEAD),
                new Ref(alliance, proposed.id, proposed.version));
        page = given().get(dashboard).then().statusCode(200).extract().asString();
        assertThat(page).as("Acme agreed: it waits for the partner now").doesNotContain("Waiting for");
        assertThat(section(page, "we-owe")).contains("Joint webinar", "state-PROPOSED");

        commitments.agree(partner, new Ref(alliance, agreed.id, agreed.version));
        page = given().get(dashboard).then().statusCode(200).extract().asString();
        assertThat(section(page, "we-owe")).contains("Joint webinar", "state-AGREED");
        assertThat(counts(page)).contains("commitments?state=AGREED\">1 ").doesNotContain("state=PROPOSED");

        concerns.raise(partner, alliance,
                new ConcernService.Draft(ids.acme(), Severity.HIGH, "Webinar slides late", "Where are they?", null));
        page = given().get(dashboard).then().statusCode(200).extract().asString();
        assertThat(section(page, "awaiting")).contains("Webinar slides late");
        assertThat(section(page, "raised-to-us")).contains("Webinar slides late");
        assertThat(counts(page)).contains("concerns?state=RAISED\">1 ");
    }

    @Test
    void the_lists_show_what_needs_attention_first_and_link_to_the_full_lists_when_cut() {
        TestWorld.Ids ids = world.ids();
        Actor partner = partnerLead();
        long alliance = pact("Busy pact", ids, partner);
        Actor alice = new Actor("t-alice", "Alice", ids.acme(), Role.LEAD);
        String dashboard = "/alliances/" + alliance;
        for (int i = 0; i < AllianceResource.SHOWN; i++) {
            commitments.propose(alice, alliance, new CommitmentTerms("Deck " + i, null, ids.acme(), partner.organisationId(),
                    LocalDate.now().plusDays(10 + i)));
        }
        String page = given().get(dashboard).then().statusCode(200).extract().asString();
        assertThat(page).as("all of them fit").doesNotContain("id=\"commitments-cut\"", "?owner=");

        commitments.propose(partner, alliance, new CommitmentTerms("Deck soonest", null, partner.organisationId(), ids.acme(),
                LocalDate.now().plusDays(1)));
        for (int i = 0; i <= AllianceResource.SHOWN; i++) {
            concerns.raise(partner, alliance, new ConcernService.Draft(ids.acme(), Severity.LOW, "Worry " + i, "About it", null));
        }
        page = given().get(dashboard).then().statusCode(200).extract().asString();
        assertThat(rows(section(page, "we-owe")) + rows(section(page, "owed-to-us"))).isEqualTo(AllianceResource.SHOWN);
        assertThat(section(page, "owed-to-us")).as("the soonest due first").contains("Deck soonest");
        assertThat(section(page, "we-owe")).doesNotContain("Deck 9<");
        assertThat(page).contains("all " + (AllianceResource.SHOWN + 1) + " commitments</a> (" + (AllianceResource.SHOWN + 1)
                + " open)", "href=\"/alliances/" + alliance + "/commitments\"",
                "href=\"/alliances/" + alliance + "/commitments?owner=" + ids.acme() + "\"",
                "href=\"/alliances/" + alliance + "/commitments?beneficiary=" + ids.acme() + "\"",
                "the " + AllianceResource.SHOWN + " oldest of " + (AllianceResource.SHOWN + 1),
                "href=\"/alliances/" + alliance + "/concerns?raisedTo=" + ids.acme() + "\"");
        assertThat(rows(section(page, "raised-to-us"))).isEqualTo(AllianceResource.SHOWN);
        assertThat(section(page, "raised-to-us")).contains("Worry 0<").doesNotContain("Worry " + AllianceResource.SHOWN + "<");
        assertThat(rows(section(page, "awaiting"))).as("what waits for Acme (agreeing, acknowledging) is listed further")
                .isEqualTo(2 * AllianceResource.SHOWN + 2);
        // the full lists behind the links have everything
        assertThat(given().get(dashboard + "/commitments?owner=" + ids.acme()).then().statusCode(200).extract().asString())
                .contains("Deck 9<");
        assertThat(given().get(dashboard + "/concerns?raisedTo=" + ids.acme()).then().statusCode(200).extract().asString())
                .contains("Worry " + AllianceResource.SHOWN + "<");
    }

    /**
     * A lead of a partner organisation of its own: what these tests change notifies only Acme's and this partner's
     * people, not those whose notices other tests read.
     */
    private Actor partnerLead() {
        long suffix = System.nanoTime();
        long partner = alliances.createOrganisation(ADMIN, "Dash partner " + suffix, "t-dash-" + suffix).id;
        return new Actor("t-dash-lead-" + suffix, "Dana", partner, Role.LEAD);
    }

    private long pact(String name, TestWorld.Ids ids, Actor partnerLead) {
        return alliances.create(ADMIN, name + " " + System.nanoTime(), null, List.of(ids.acme(), partnerLead.organisationId())).id;
    }

    /** The section of the dashboard labelled by the heading {@code id}. */
    private static String section(String page, String id) {
        int start = page.indexOf("aria-labelledby=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    /** The counts per state, under the lists. */
    private static String counts(String page) {
        int start = page.indexOf("id=\"counts\"");
        assertThat(start).as("the counts").isNotNegative();
        return page.substring(start, page.indexOf("</p>", start));
    }

    private static int rows(String html) {
        return (int) Pattern.compile("<li class=\"row").matcher(html).results().count();
    }
}
