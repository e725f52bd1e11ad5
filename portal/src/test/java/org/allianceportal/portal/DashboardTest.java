package org.allianceportal.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/** The alliance dashboard as alice sees it, and what it asks of the database. */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "name", value = "Alice Archer"),
        @Claim(key = "organization", value = TestWorld.ACME)})
class DashboardTest {

    @Inject
    TestWorld world;

    @Inject
    SessionFactory sessions;

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
}
