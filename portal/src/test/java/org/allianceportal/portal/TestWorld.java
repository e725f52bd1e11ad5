package org.allianceportal.portal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.checkin.CheckInState;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.core.log.CheckpointSigner;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;

/**
 * The page tests' world, made once per test run in the real database: Acme and Globex in one
 * alliance with a commitment, a concern and weekly check-ins; Globex and Initech in another. The aliases match the
 * {@code organization} claims of the {@code @TestSecurity} users.
 */
@ApplicationScoped
public class TestWorld {

    public static final String ACME = "t-acme";
    public static final String GLOBEX = "t-globex";
    public static final String INITECH = "t-initech";

    public record Ids(long acmeGlobex, long globexInitech, long commitment, long concern, long acme, long globex,
            long checkIn) {
    }

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    CheckInService checkIns;

    private Ids ids;

    private Ids lab;

    private Long healthLab;

    @Inject
    TrustHealth health;

    /** Each world is ready with its checkpoints signed, as the signer after commit would soon have them. */
    @Inject
    CheckpointSigner signer;

    public synchronized Ids ids() {
        if (ids == null) {
            Actor admin = new Actor("test-admin", "Admin", null, Role.ADMIN);
            Organisation acme = alliances.createOrganisation(admin, "Test Acme", ACME);
            Organisation globex = alliances.createOrganisation(admin, "Test Globex", GLOBEX);
            Organisation initech = alliances.createOrganisation(admin, "Test Initech", INITECH);
            Alliance ag = alliances.create(admin, "Secret Acme–Globex pact", null, List.of(acme.id, globex.id));
            Alliance gi = alliances.create(admin, "Globex–Initech supply", null, List.of(globex.id, initech.id));
            Actor alice = new Actor("t-alice", "Alice", acme.id, Role.LEAD);
            Commitment c = commitments.propose(alice, ag.id,
                    new CommitmentTerms("Secret pricing study", null, acme.id, globex.id, LocalDate.now().plusDays(30)));
            Concern k = concerns.raise(alice, ag.id,
                    new ConcernService.Draft(globex.id, Severity.HIGH, "Secret worry", "Quotes are late", null));
            checkIns.setCadence(alice, ag.id, new CheckInService.CadenceDraft(Frequency.WEEKLY, LocalDate.now().plusDays(1),
                    LocalTime.of(10, 0), "UTC", 60));
            long checkIn = checkIns.ofAlliance(alice, ag.id).get(0).id;
            ids = new Ids(ag.id, gi.id, c.id, k.id, acme.id, globex.id, checkIn);
            signer.signPending();
        }
        return ids;
    }

    /**
     * A second Acme–Globex alliance for tests that send every form, bad input included, and so change
     * things: its own commitment, concern and check-ins, one of them started an hour ago.
     */
    public synchronized Ids lab() {
        if (lab == null) {
            Ids world = ids();
            Actor admin = new Actor("test-admin", "Admin", null, Role.ADMIN);
            Alliance a = alliances.create(admin, "Bad input lab", null, List.of(world.acme(), world.globex()));
            Actor alice = new Actor("t-alice", "Alice", world.acme(), Role.LEAD);
            Commitment c = commitments.propose(alice, a.id,
                    new CommitmentTerms("Lab commitment", null, world.acme(), world.globex(), LocalDate.now().plusDays(30)));
            Concern k = concerns.raise(alice, a.id,
                    new ConcernService.Draft(world.globex(), Severity.LOW, "Lab concern", "Lab worry", null));
            lab = new Ids(a.id, world.globexInitech(), c.id, k.id, world.acme(), world.globex(), startedCheckIn(a.id));
            signer.signPending();
        }
        return lab;
    }

    /**
     * An Acme–Globex alliance with an open trust-health warning: Globex disputed a delivery of Acme's, and
     * the warning check has run.
     */
    public synchronized long healthLab() {
        if (healthLab == null) {
            healthLab = newHealthLab("Health lab");
        }
        return healthLab;
    }

    /** Another alliance like {@link #healthLab}, for a test that answers its warning. */
    public long newHealthLab(String name) {
        Ids world = ids();
        Actor admin = new Actor("test-admin", "Admin", null, Role.ADMIN);
        Alliance a = alliances.create(admin, name, null, List.of(world.acme(), world.globex()));
        Actor alice = new Actor("t-alice", "Alice", world.acme(), Role.LEAD);
        Actor bruno = new Actor("t-bruno", "Bruno", world.globex(), Role.LEAD);
        Commitment c = commitments.propose(alice, a.id,
                new CommitmentTerms("Sandbox API", null, world.acme(), world.globex(), LocalDate.now().plusDays(30)));
        c = commitments.agree(alice, new Ref(a.id, c.id, c.version));
        c = commitments.agree(bruno, new Ref(a.id, c.id, c.version));
        c = commitments.claimDelivery(alice, new Ref(a.id, c.id, c.version), "https://sandbox.example");
        commitments.dispute(bruno, new Ref(a.id, c.id, c.version), "Every order fails");
        health.check(a.id);
        signer.signPending();
        return a.id;
    }

    /** A new check-in of the alliance that started an hour ago (no cadence schedules one in the past). */
    public long startedCheckIn(long allianceId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CheckIn past = new CheckIn();
            past.alliance = Alliance.findById(allianceId);
            past.occurrence = -(int) CheckIn.count("alliance.id", allianceId) - 1;
            past.startsAt = Instant.now().minus(Duration.ofHours(1));
            past.slotStartsAt = past.startsAt;
            past.durationMinutes = 30;
            past.state = CheckInState.SCHEDULED;
            past.createdAt = Instant.now();
            past.persist();
            return past.id;
        });
    }
}
