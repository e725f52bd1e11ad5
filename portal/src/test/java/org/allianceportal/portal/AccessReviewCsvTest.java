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
import java.util.Arrays;
import java.util.List;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access review as CSV: one row per alliance, party and person with access, the right columns,
 * removed people left out, and every cell a spreadsheet would run as a formula neutralised. People whose
 * names come from Keycloak's own console can be called anything, so the rows are made here directly.
 */
@QuarkusTest
class AccessReviewCsvTest {

    static final String HEADER = "alliance,alliance_status,organisation,name,email,role,status,invited_at,invited_by,last_login_at";

    @Inject
    AllianceService alliances;

    static long alliance;
    static long umbrella;

    @BeforeEach
    void world() {
        if (alliance != 0) {
            return;
        }
        Actor admin = new Actor("csv-admin", "Admin", null, Role.ADMIN);
        Organisation umbrellaCorp = alliances.createOrganisation(admin, "=Umbrella Corp", "csv-umbrella");
        Organisation wayne = alliances.createOrganisation(admin, "Wayne, Inc.", "csv-wayne");
        umbrella = umbrellaCorp.id;
        alliance = alliances.create(admin, "CSV pact", null, List.of(umbrellaCorp.id, wayne.id)).id;
        QuarkusTransaction.requiringNew().run(() -> {
            person("csv-1", "=HYPERLINK(\"http://evil.example\",\"click\")", "+mallory@umbrella.example", umbrellaCorp,
                    Role.LEAD, MembershipStatus.ACTIVE, "@admin");
            person("csv-2", "-2+3", "tab@umbrella.example", umbrellaCorp, Role.MEMBER, MembershipStatus.INVITED, "\tTab");
            person("csv-3", "Bruce \"The Bat\" Wayne", "bruce@wayne.example", wayne, Role.LEAD, MembershipStatus.DISABLED,
                    "\rCarriage");
            person("csv-4", "Gone Person", "gone@wayne.example", wayne, Role.MEMBER, MembershipStatus.REMOVED, "Ada");
        });
    }

    private static void person(String userId, String name, String email, Organisation organisation, Role role,
            MembershipStatus status, String invitedBy) {
        Membership m = new Membership();
        m.userId = userId;
        m.username = email;
        m.displayName = name;
        m.email = email;
        m.organisation = Organisation.findById(organisation.id);
        m.role = role;
        m.status = status;
        m.invitedAt = Instant.parse("2026-11-01T09:00:00Z");
        m.invitedByName = invitedBy;
        m.lastLoginAt = status == MembershipStatus.ACTIVE ? Instant.parse("2026-11-02T10:00:00Z") : null;
        m.createdAt = Instant.now();
        m.persist();
    }

    @Test
    @TestSecurity(user = "admin", roles = "portal-admin")
    @OidcSecurity(claims = @Claim(key = "sub", value = "t-admin"))
    void the_administrator_gets_one_row_per_person_with_access_and_no_cell_runs_as_a_formula() {
        var response = given().get("/admin/access-review.csv?alliance=" + alliance).then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("text/csv");
        assertThat(response.header("Content-Disposition")).contains("access-review.csv");
        List<String> lines = Arrays.asList(response.asString().split("\r\n"));
        assertThat(lines).containsExactly(HEADER,
                // by name: '-' sorts before '='
                "CSV pact,active,'=Umbrella Corp,'-2+3,tab@umbrella.example,member,invited,2026-11-01T09:00:00Z,'\tTab,",
                "CSV pact,active,'=Umbrella Corp,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","
                        + "'+mallory@umbrella.example,lead,active,2026-11-01T09:00:00Z,'@admin,2026-11-02T10:00:00Z",
                "CSV pact,active,\"Wayne, Inc.\",\"Bruce \"\"The Bat\"\" Wayne\",bruce@wayne.example,lead,disabled,"
                        + "2026-11-01T09:00:00Z,\"'\rCarriage\",");

        String onlyInvited = given().get("/admin/access-review.csv?alliance=" + alliance + "&status=INVITED").asString();
        assertThat(onlyInvited.split("\r\n")).hasSize(2);
        assertThat(onlyInvited).contains("'-2+3");
        assertThat(given().get("/admin/access-review?alliance=" + alliance).then().statusCode(200).extract().asString())
                .contains("Bruce &quot;The Bat&quot; Wayne", "Download as CSV").doesNotContain("Gone Person");
    }

    @Test
    @TestSecurity(user = "mallory", roles = "lead")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "csv-1"), @Claim(key = "organization", value = "csv-umbrella")})
    void a_lead_gets_the_rows_of_their_own_organisation_only() {
        String csv = given().get("/admin/access-review.csv").then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).contains("mallory@umbrella", "tab@umbrella").doesNotContain("Wayne");
    }
}
