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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.log.CheckpointSigner;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.junit.jupiter.api.Test;

/**
 * Reading writes nothing: every GET page and API route of an alliance (found by reflection, as in
 * {@link AllianceIsolationTest}) and the pages around it leave every table of the database as it was,
 * rows and row versions alike, also when the log has entries newer than its latest checkpoint.
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "lead")
@OidcSecurity(claims = {@Claim(key = "sub", value = "t-alice"), @Claim(key = "organization", value = TestWorld.ACME)})
class GetsNeverWriteTest {

    static final List<String> OTHER_PAGES = List.of("/", "/notifications", "/notifications/preferences",
            "/api/v1/log/public-key");

    @Inject
    TestWorld world;

    @Inject
    CommitmentService commitments;

    @Inject
    CheckpointSigner signer;

    @Inject
    EntityManager em;

    @Test
    void every_get_of_an_alliance_leaves_the_database_unchanged() throws Exception {
        TestWorld.Ids ids = world.lab(); // its own alliance, since this test adds an entry
        long alliance = ids.acmeGlobex();
        signer.signPending();
        Actor alice = new Actor("t-alice", "Alice", ids.acme(), Role.LEAD);
        // an entry newer than the latest checkpoint, as readers find one between a commit and its checkpoint
        // (the tests' signer after commit waits an hour)
        commitments.propose(alice, alliance,
                new CommitmentTerms("Read-only check", null, ids.acme(), ids.globex(), LocalDate.now().plusDays(9)));
        long newest = ((Number) QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select size - 1 from log_head where alliance_id = ?1").setParameter(1, alliance)
                .getSingleResult())).longValue();

        List<String> urls = new ArrayList<>();
        for (String route : AllianceIsolationTest.allianceScopedRoutes()) {
            if (route.startsWith("GET ")) {
                urls.add(AllianceIsolationTest.fill(route.substring(4), Map.of("allianceId", alliance,
                        "commitmentId", ids.commitment(), "concernId", ids.concern(), "index", 0L,
                        "checkInId", ids.checkIn(), "warningId", 1L, "roundId", 1L))
                        + AllianceIsolationTest.query(route));
            }
        }
        urls.add("/alliances/" + alliance + "/history/" + newest + "/proof");
        urls.addAll(OTHER_PAGES);

        // alice's first contact registers her (a login is a change, not a read), whichever test class ran first
        assertThat(given().get("/").statusCode()).isEqualTo(200);
        Map<String, String> before = tables();
        for (String url : urls) {
            assertThat(given().get(url).statusCode()).as(url).isEqualTo(200);
        }
        assertThat(tables()).as("every table after " + urls).isEqualTo(before);
        assertThat(given().get("/alliances/" + alliance + "/history/" + newest + "/proof").asString())
                .as("the newest entry's proof").contains("id=\"proof-pending\"");
    }

    /** Each table of the test schema by name: its row count and a hash of its rows and their versions (xmin). */
    private Map<String, String> tables() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> names = em.createNativeQuery("select table_name from information_schema.tables"
                    + " where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1").getResultList();
            Map<String, String> state = new LinkedHashMap<>();
            for (String name : names) {
                Object[] row = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(hashtext(t.xmin::text || t::text)), 0)"
                        + " from \"" + name + "\" t").getSingleResult();
                state.put(name, row[0] + " rows, " + row[1]);
            }
            return state;
        });
    }
}
