package org.allianceportal.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.allianceportal.core.admin.PeopleAdministration.Invitation;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipAction;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Duplicate;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access lifecycle of people against the real PostgreSQL: every legal and illegal step, who may take it. */
@QuarkusTest
class PeopleAdministrationTest {

    static final Actor ADMIN = new Actor("admin-people", "Ada Admin", null, Role.ADMIN);

    @Inject
    World world;

    @Inject
    PeopleAdministration people;

    @Inject
    AllianceAdministration allianceAdmin;

    InMemoryDirectory directory;
    Setup w;
    String tag;

    @BeforeEach
    void setUp() {
        w = world.twoParties();
        directory = new InMemoryDirectory();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    Membership invite(String who, Role role) {
        return people.invite(ADMIN, w.globex().id, new Invitation(who.replace(' ', '.') + "-" + tag + "@globex.example", who, role),
                directory);
    }

    Membership reload(Membership m) {
        return QuarkusTransaction.requiringNew().call(() -> Membership.<Membership>find(
                "select m from Membership m left join fetch m.organisation where m.id = ?1", m.id).singleResult());
    }

    boolean hasAccess(Membership m) {
        return QuarkusTransaction.requiringNew().call(() -> Membership.hasAccess(m.userId,
                Alliance.scopedTo(w.globexLead(), w.alliance().id)));
    }

    @Test
    void an_invitation_makes_an_invited_member_in_keycloak_and_tells_the_partner_in_the_log() {
        Membership bella = invite("Bella Brown", Role.MEMBER);

        assertThat(bella.status).isEqualTo(MembershipStatus.INVITED);
        assertThat(bella.invitedByName).isEqualTo("Ada Admin");
        assertThat(bella.invitedAt).isNotNull();
        assertThat(directory.calls).contains("invite " + bella.email + " " + w.globex().keycloakAlias);
        LogEntry entry = LogEntry.find("allianceId = ?1 and action = 'person.invited' and subjectId = ?2",
                w.alliance().id, bella.id).singleResult();
        assertThat(entry.payload).contains("\"person\":\"Bella Brown\"").contains("\"role\":\"member\"")
                .contains("\"organisation\":\"" + w.globex().name + "\"").doesNotContain("@");
        assertThat(AuditEntry.count("action = 'person.invited' and targetId = ?1", bella.id)).isEqualTo(1);
        assertThat(Membership.recipientsOf(w.globex().id)).as("invited people hear nothing yet")
                .extracting(m -> m.id).doesNotContain(bella.id);

        people.loggedIn(bella.userId, Instant.now());
        assertThat(reload(bella).status).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(Membership.recipientsOf(w.globex().id)).extracting(m -> m.id).contains(bella.id);
    }

    @Test
    void bad_input_is_refused_field_by_field_and_nothing_reaches_keycloak() {
        assertThatThrownBy(() -> people.invite(ADMIN, w.globex().id, new Invitation("not-an-address", " ", null),
                directory))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors)
                        .containsKeys("email", "name", "role"));
        assertThat(directory.calls).isEmpty();
    }

    @Test
    void the_same_email_twice_is_a_duplicate_until_the_person_is_removed() {
        Membership bella = invite("Bella", Role.MEMBER);
        assertThatThrownBy(() -> people.invite(ADMIN, w.acme().id,
                new Invitation(bella.email.toUpperCase(), "Bella again", Role.MEMBER), directory))
                .isInstanceOfSatisfying(Duplicate.class, e -> assertThat(e.fieldErrors.get("email"))
                        .contains("already invited"));

        people.remove(ADMIN, w.globex().id, bella.id, directory);
        Membership again = people.invite(ADMIN, w.acme().id,
                new Invitation(bella.email, "Bella at Acme", Role.MEMBER), directory);
        assertThat(again.status).isEqualTo(MembershipStatus.INVITED);
    }

    @Test
    void keycloak_refusing_changes_nothing_in_the_portal() {
        directory.refuseNext();
        String email = "nobody-" + tag + "@globex.example";
        assertThatThrownBy(() -> people.invite(ADMIN, w.globex().id, new Invitation(email, "Nobody", Role.MEMBER),
                directory)).isInstanceOf(Directory.DirectoryFailure.class);
        assertThat(Membership.count("email", email)).isZero();
        assertThat(AuditEntry.count("targetName", "Nobody")).isZero();
    }

    @Test
    void a_lead_manages_the_members_of_their_own_organisation_only() {
        Actor bruno = w.globexLead();
        Membership member = people.invite(bruno, w.globex().id,
                new Invitation("m-" + tag + "@globex.example", "Member", Role.MEMBER), directory);
        people.resend(bruno, w.globex().id, member.id, directory);
        assertThat(directory.calls).contains("resend " + member.userId);

        assertThatThrownBy(() -> people.invite(bruno, w.globex().id,
                new Invitation("l-" + tag + "@globex.example", "Lead", Role.LEAD), directory))
                .isInstanceOf(Forbidden.class).hasMessageContaining("invite a lead");
        assertThatThrownBy(() -> people.invite(bruno, w.acme().id,
                new Invitation("x-" + tag + "@acme.example", "X", Role.MEMBER), directory))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> people.invite(w.globexMember(), w.globex().id,
                new Invitation("y-" + tag + "@globex.example", "Y", Role.MEMBER), directory))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> people.disable(bruno, w.globex().id, member.id, directory))
                .as("disabling is the administrator's").isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> people.changeRole(bruno, w.globex().id, member.id, Role.LEAD, directory))
                .isInstanceOf(Forbidden.class);
        Membership lead = invite("Second lead", Role.LEAD);
        assertThatThrownBy(() -> people.remove(bruno, w.globex().id, lead.id, directory))
                .as("leads are the administrator's").isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> people.peopleOf(w.acmeLead(), w.globex().id)).isInstanceOf(Forbidden.class);

        people.remove(bruno, w.globex().id, member.id, directory);
        assertThat(reload(member).status).isEqualTo(MembershipStatus.REMOVED);
    }

    @Test
    void every_action_is_allowed_from_its_statuses_and_refused_from_the_others() {
        for (MembershipAction action : MembershipAction.values()) {
            for (MembershipStatus status : MembershipStatus.values()) {
                Membership person = personIn(status);
                Runnable step = switch (action) {
                    case RESEND -> () -> people.resend(ADMIN, w.globex().id, person.id, directory);
                    case CHANGE_ROLE -> () -> people.changeRole(ADMIN, w.globex().id, person.id, Role.LEAD, directory);
                    case DISABLE -> () -> people.disable(ADMIN, w.globex().id, person.id, directory);
                    case ENABLE -> () -> people.enable(ADMIN, w.globex().id, person.id, directory);
                    case REMOVE -> () -> people.remove(ADMIN, w.globex().id, person.id, directory);
                };
                if (action.allowedFrom(status)) {
                    step.run();
                } else {
                    assertThatThrownBy(step::run).as("%s from %s", action, status)
                            .isInstanceOf(IllegalTransition.class);
                }
            }
        }
        assertThat(EnumSet.allOf(MembershipStatus.class).stream().filter(MembershipAction.REMOVE::allowedFrom))
                .doesNotContain(MembershipStatus.REMOVED);
    }

    private Membership personIn(MembershipStatus status) {
        Membership m = invite("P" + UUID.randomUUID().toString().substring(0, 4), Role.MEMBER);
        switch (status) {
            case INVITED -> { }
            case ACTIVE -> people.loggedIn(m.userId, Instant.now());
            case DISABLED -> people.disable(ADMIN, w.globex().id, m.id, directory);
            case REMOVED -> people.remove(ADMIN, w.globex().id, m.id, directory);
        }
        return reload(m);
    }

    @Test
    void the_reconciliation_mirroring_a_disabling_while_it_happens_waits_for_it_and_then_has_nothing_to_do()
            throws Exception {
        Membership bella = invite("Bella", Role.MEMBER);
        AtomicReference<Throwable> mirrorFailed = new AtomicReference<>();
        Thread mirror = new Thread(() -> {
            try {
                people.mirrorRevocation(bella, MembershipStatus.DISABLED, Instant.now().getEpochSecond());
            } catch (Throwable e) {
                mirrorFailed.set(e);
            }
        });
        directory.whileDisabling = () -> {
            // the job sees Keycloak's change before the portal's own has committed
            mirror.start();
            try {
                mirror.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        people.disable(ADMIN, w.globex().id, bella.id, directory);
        mirror.join();

        assertThat(mirrorFailed.get()).isNull();
        assertThat(reload(bella).status).isEqualTo(MembershipStatus.DISABLED);
        assertThat(LogEntry.count("allianceId = ?1 and action = 'person.disabled' and subjectId = ?2", w.alliance().id,
                bella.id)).as("recorded once, by the administrator").isEqualTo(1);
    }

    @Test
    void disabling_and_removing_refuse_every_session_issued_before_even_after_enabling_again() {
        Membership bella = invite("Bella", Role.MEMBER);
        people.loggedIn(bella.userId, Instant.now());
        long before = Instant.now().getEpochSecond();
        assertThat(reload(bella).accepts(before)).isTrue();

        people.disable(ADMIN, w.globex().id, bella.id, directory);
        Membership disabled = reload(bella);
        assertThat(disabled.accepts(before)).isFalse();
        assertThat(disabled.accepts(before + 3600)).as("disabled is refused whatever the token").isFalse();
        assertThat(Membership.recipientsOf(w.globex().id)).extracting(m -> m.id).doesNotContain(bella.id);
        assertThat(hasAccess(bella)).isFalse();

        people.enable(ADMIN, w.globex().id, bella.id, directory);
        Membership enabled = reload(bella);
        assertThat(enabled.status).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(enabled.accepts(before)).as("the old session stays refused").isFalse();
        assertThat(enabled.accepts(enabled.notBefore + 1)).as("a new login is accepted").isTrue();
        assertThat(hasAccess(bella)).isTrue();

        people.remove(ADMIN, w.globex().id, bella.id, directory);
        Membership removed = reload(bella);
        assertThat(removed.accepts(before)).isFalse();
        assertThat(removed.status).as("a later login sees no organisation (CurrentActor)").isEqualTo(MembershipStatus.REMOVED);
        assertThat(hasAccess(bella)).isFalse();
        assertThat(LogEntry.<LogEntry>list("allianceId = ?1 and subjectId = ?2 and subjectType = 'person' order by seq",
                w.alliance().id, bella.id)).extracting(e -> e.action)
                .containsExactly("person.invited", "person.disabled", "person.enabled", "person.removed");
    }

    @Test
    void the_last_lead_of_a_party_to_an_active_alliance_stays() {
        Membership bruno = invite("Bruno", Role.LEAD);
        assertThatThrownBy(() -> people.remove(ADMIN, w.globex().id, bruno.id, directory))
                .isInstanceOf(IllegalTransition.class).hasMessageContaining("last lead")
                .hasMessageContaining(w.alliance().name);
        assertThatThrownBy(() -> people.disable(ADMIN, w.globex().id, bruno.id, directory))
                .isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> people.changeRole(ADMIN, w.globex().id, bruno.id, Role.MEMBER, directory))
                .isInstanceOf(IllegalTransition.class);

        Membership second = invite("Second", Role.MEMBER);
        people.changeRole(ADMIN, w.globex().id, second.id, Role.LEAD, directory);
        assertThat(directory.leads).contains(second.userId);
        people.remove(ADMIN, w.globex().id, bruno.id, directory);
        assertThat(reload(bruno).status).isEqualTo(MembershipStatus.REMOVED);
    }

    @Test
    void without_active_alliances_the_last_lead_can_go() {
        allianceAdmin.archive(ADMIN, w.alliance().id);
        Membership ivan = people.invite(ADMIN, w.initech().id,
                new Invitation("ivan-" + tag + "@initech.example", "Ivan", Role.LEAD), directory);
        people.remove(ADMIN, w.initech().id, ivan.id, directory);
        assertThat(reload(ivan).status).isEqualTo(MembershipStatus.REMOVED);
        assertThat(LogEntry.count("action = 'person.removed' and subjectId = ?1", ivan.id))
                .as("Initech is party to no alliance: nothing to tell").isZero();
    }

    @Test
    void the_reconciliation_mirrors_a_revocation_made_in_keycloak_once() {
        Membership bella = invite("Bella", Role.MEMBER);
        people.loggedIn(bella.userId, Instant.now());
        people.mirrorRevocation(bella, MembershipStatus.DISABLED, Instant.now().getEpochSecond());
        people.mirrorRevocation(bella, MembershipStatus.DISABLED, Instant.now().getEpochSecond());
        assertThat(reload(bella).status).isEqualTo(MembershipStatus.DISABLED);
        List<AuditEntry> audit = AuditEntry.list("targetId = ?1 and action = 'person.disabled'", bella.id);
        assertThat(audit).singleElement().satisfies(a -> assertThat(a.actorName).isEqualTo("Alliance Portal"));
    }
}
