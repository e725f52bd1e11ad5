package org.allianceportal.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.allianceportal.core.admin.AccessReview.Filter;
import org.allianceportal.core.admin.PeopleAdministration.Invitation;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckInService.CadenceDraft;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.BusinessDays;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Duplicate;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Organisations and alliances as the platform administrator sets them up, against the real PostgreSQL. */
@QuarkusTest
class AllianceAdministrationTest {

    static final Actor ADMIN = new Actor("admin-alliances", "Ada Admin", null, Role.ADMIN);

    @Inject
    World world;

    @Inject
    AllianceAdministration admin;

    @Inject
    OrganisationAdministration organisations;

    @Inject
    PeopleAdministration people;

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    AccessReview review;

    InMemoryDirectory directory;
    Setup w;
    String tag;

    @BeforeEach
    void setUp() {
        w = world.twoParties();
        directory = new InMemoryDirectory();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void an_organisation_is_created_in_keycloak_first_and_its_alias_is_unique_in_both() {
        Organisation hooli = organisations.create(ADMIN, "Hooli " + tag, "hooli-" + tag, directory);
        assertThat(directory.organisations).contains("hooli-" + tag);
        assertThat(AuditEntry.count("action = 'organisation.created' and targetId = ?1", hooli.id)).isEqualTo(1);

        assertThatThrownBy(() -> organisations.create(ADMIN, "Other " + tag, "hooli-" + tag, directory))
                .isInstanceOfSatisfying(Duplicate.class, e -> assertThat(e.fieldErrors).containsKey("alias"));
        directory.organisations.add("taken-" + tag); // made in Keycloak's own console
        assertThatThrownBy(() -> organisations.create(ADMIN, "Taken " + tag, "taken-" + tag, directory))
                .isInstanceOf(Duplicate.class);
        assertThat(Organisation.count("keycloakAlias", "taken-" + tag)).as("rolled back").isZero();
        assertThatThrownBy(() -> organisations.create(ADMIN, "", "Not An Alias!", directory))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKeys("name", "alias"));
        assertThatThrownBy(() -> organisations.create(w.acmeLead(), "X " + tag, "x-" + tag, directory))
                .isInstanceOf(Forbidden.class);

        organisations.rename(ADMIN, hooli.id, "Hooli XYZ " + tag, directory);
        assertThat(directory.calls).contains("renameOrganisation hooli-" + tag + " Hooli XYZ " + tag);
    }

    @Test
    void an_organisation_in_an_active_alliance_cannot_be_disabled_one_without_can() {
        assertThatThrownBy(() -> organisations.disable(ADMIN, w.globex().id, directory))
                .isInstanceOf(IllegalTransition.class).hasMessageContaining(w.alliance().name);
        Membership ivan = people.invite(ADMIN, w.initech().id,
                new Invitation("ivan-" + tag + "@initech.example", "Ivan", Role.LEAD), directory);
        organisations.disable(ADMIN, w.initech().id, directory);
        assertThat(directory.calls).contains("disableOrganisation " + w.initech().keycloakAlias,
                "endSessions " + ivan.userId);
        Membership reloaded = Membership.<Membership>find(
                "select m from Membership m join fetch m.organisation where m.id = ?1", ivan.id).singleResult();
        assertThat(reloaded.accepts(reloaded.notBefore + 1)).as("people of a disabled organisation are refused")
                .isFalse();
    }

    @Test
    void founding_needs_two_parties_and_is_in_the_log_and_the_audit() {
        assertThatThrownBy(() -> admin.found(ADMIN, " ", null, List.of(w.acme().id)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKeys("name", "parties"));
        Membership ivan = people.invite(ADMIN, w.initech().id,
                new Invitation("ivan-" + tag + "@initech.example", "Ivan Irwin", Role.LEAD), directory);
        Alliance pilot = admin.found(ADMIN, "Pilot " + tag, "A trial", List.of(w.acme().id, w.initech().id));
        assertThat(LogEntry.count("allianceId = ?1 and action = 'alliance.founded'", pilot.id)).isEqualTo(1);
        LogEntry initechPeople = LogEntry.find("allianceId = ?1 and action = 'alliance.party_people' and subjectId = ?2",
                pilot.id, w.initech().id).singleResult();
        assertThat(initechPeople.payload).as("who of Initech sees the record from the start")
                .contains("Ivan Irwin (lead)").doesNotContain(ivan.email);
        assertThat(AuditEntry.count("action = 'alliance.founded' and targetId = ?1", pilot.id)).isEqualTo(1);
        assertThatThrownBy(() -> admin.found(w.acmeLead(), "Mine", null, List.of(w.acme().id, w.globex().id)))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void parties_come_and_go_in_the_log_and_a_removed_party_loses_sight_at_once() {
        admin.addParty(ADMIN, w.alliance().id, w.initech().id);
        assertThat(alliances.get(w.initechLead(), w.alliance().id).parties).hasSize(3);
        assertThatThrownBy(() -> admin.addParty(ADMIN, w.alliance().id, w.initech().id))
                .isInstanceOf(InvalidInput.class);

        admin.removeParty(ADMIN, w.alliance().id, w.initech().id);
        assertThatThrownBy(() -> alliances.get(w.initechLead(), w.alliance().id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> admin.removeParty(ADMIN, w.alliance().id, w.globex().id))
                .isInstanceOf(IllegalTransition.class).hasMessageContaining("at least two parties");
        assertThat(LogEntry.<LogEntry>list("allianceId = ?1 and action like 'alliance.party%' order by seq",
                w.alliance().id)).extracting(e -> e.action)
                .containsExactly("alliance.party_added", "alliance.party_people", "alliance.party_removed");
        assertThatThrownBy(() -> admin.addParty(w.acmeLead(), w.alliance().id, w.initech().id))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void an_archived_alliance_stays_readable_and_takes_no_change() {
        admin.archive(ADMIN, w.alliance().id);
        assertThat(alliances.get(w.acmeLead(), w.alliance().id).isArchived()).isTrue();
        assertThatThrownBy(() -> commitments.propose(w.acmeLead(), w.alliance().id,
                new CommitmentTerms("Late idea", null, w.acme().id, w.globex().id, LocalDate.now().plusDays(9))))
                .isInstanceOf(IllegalTransition.class).hasMessageContaining("archived");
        assertThatThrownBy(() -> admin.archive(ADMIN, w.alliance().id)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> admin.addParty(ADMIN, w.alliance().id, w.initech().id))
                .isInstanceOf(IllegalTransition.class);
    }

    @Test
    void acknowledgement_deadlines_per_alliance_apply_to_new_concerns() {
        assertThatThrownBy(() -> admin.setAcknowledgementDeadlines(ADMIN, w.alliance().id,
                Map.of(Severity.HIGH, 0, Severity.MEDIUM, 3)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsKeys("HIGH", "LOW"));
        admin.setAcknowledgementDeadlines(ADMIN, w.alliance().id, Map.of(Severity.HIGH, 2, Severity.MEDIUM, 4,
                Severity.LOW, 10));
        Concern c = concerns.raise(w.acmeLead(), w.alliance().id,
                new ConcernService.Draft(w.globex().id, Severity.HIGH, "Slow", "Quotes are slow", null));
        assertThat(c.acknowledgeBy).isEqualTo(BusinessDays.add(c.raisedAt, 2));
        assertThat(LogEntry.count("allianceId = ?1 and action = 'alliance.acknowledgement_deadlines_set'",
                w.alliance().id)).isEqualTo(1);
    }

    @Test
    void the_administrator_sets_the_rhythm_of_an_alliance_they_are_not_party_to() {
        admin.setCadence(ADMIN, w.alliance().id, new CadenceDraft(Frequency.WEEKLY, LocalDate.now().plusDays(2),
                LocalTime.of(9, 30), "Europe/Berlin", 45));
        assertThat(LogEntry.count("allianceId = ?1 and action = 'checkin.cadence_set'", w.alliance().id)).isEqualTo(1);
        assertThatThrownBy(() -> admin.setCadence(ADMIN, w.alliance().id,
                new CadenceDraft(null, null, null, "Nowhere/City", 1))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void the_access_review_lists_who_sees_what_and_a_lead_sees_their_own_organisation() {
        Membership bella = people.invite(ADMIN, w.globex().id,
                new Invitation("bella-" + tag + "@globex.example", "Bella", Role.MEMBER), directory);
        Membership anna = people.invite(ADMIN, w.acme().id,
                new Invitation("anna-" + tag + "@acme.example", "Anna", Role.MEMBER), directory);
        Membership gone = people.invite(ADMIN, w.acme().id,
                new Invitation("gone-" + tag + "@acme.example", "Gone", Role.MEMBER), directory);
        people.remove(ADMIN, w.acme().id, gone.id, directory);

        Filter thisAlliance = new Filter(w.alliance().id, null, null);
        assertThat(review.page(ADMIN, thisAlliance, 0)).extracting(AccessRow::personId)
                .containsExactlyInAnyOrder(bella.id, anna.id);
        assertThat(review.page(ADMIN, new Filter(w.alliance().id, null, MembershipStatus.ACTIVE), 0)).isEmpty();
        assertThat(review.page(w.acmeLead(), thisAlliance, 0)).extracting(AccessRow::personId).containsExactly(anna.id);
        try (var rows = review.stream(ADMIN, new Filter(null, w.globex().id, null))) {
            assertThat(rows.map(AccessRow::personId).toList()).containsExactly(bella.id);
        }
        assertThatThrownBy(() -> review.page(w.acmeMember(), thisAlliance, 0)).isInstanceOf(Forbidden.class);
    }
}
