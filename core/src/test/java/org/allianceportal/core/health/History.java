package org.allianceportal.core.health;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * Writes histories for the health tests through the domain services, at days counted from a start
 * (the TimeKeeper replays each step at its time): fresh organisations Acme, Globex and Initech with a
 * lead each, and the steps the tests need, named as people would say them.
 */
@ApplicationScoped
public class History {

    @Inject
    AllianceService alliances;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    CheckInService checkIns;

    @Inject
    TimeKeeper time;

    public Story startingAt(Instant t0) {
        return new Story(t0);
    }

    /** One history: its organisations, people and clock. */
    public final class Story {
        public final Instant t0;
        public final Organisation acme;
        public final Organisation globex;
        public final Organisation initech;
        public final Actor alice;
        public final Actor bruno;
        public final Actor ivan;
        final Actor admin;

        Story(Instant t0) {
            this.t0 = t0;
            String tag = UUID.randomUUID().toString().substring(0, 8);
            admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
            acme = at(0, () -> alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag));
            globex = at(0, () -> alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag));
            initech = at(0, () -> alliances.createOrganisation(admin, "Initech " + tag, "initech-" + tag));
            alice = new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD);
            bruno = new Actor("bruno-" + tag, "Bruno", globex.id, Role.LEAD);
            ivan = new Actor("ivan-" + tag, "Ivan", initech.id, Role.LEAD);
        }

        public Instant day(double d) {
            return t0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
        }

        public <T> T at(double d, Supplier<T> work) {
            return time.at(day(d), work);
        }

        public long alliance(double day, Organisation... parties) {
            return at(day, () -> alliances.create(admin, "Alliance " + UUID.randomUUID(), null,
                    Arrays.stream(parties).map(o -> o.id).toList())).id;
        }

        public Actor lead(Organisation o) {
            return o.id.equals(acme.id) ? alice : o.id.equals(globex.id) ? bruno : ivan;
        }

        /** Proposed by the owner's lead on {@code day}, due {@code dueIn} days later, agreed by both leads the day after. */
        public Commitment agreed(long a, double day, Organisation owner, Organisation beneficiary, int dueIn) {
            Actor ownerLead = lead(owner);
            Commitment c = at(day, () -> commitments.propose(ownerLead, a, new CommitmentTerms("Thing " + UUID.randomUUID(),
                    null, owner.id, beneficiary.id, LocalDate.ofInstant(day(day), ZoneOffset.UTC).plusDays(dueIn))));
            Commitment half = at(day + 1, () -> commitments.agree(ownerLead, ref(a, c)));
            return at(day + 1, () -> commitments.agree(lead(beneficiary), ref(a, half)));
        }

        /** Proposed by the owner's lead now, never agreed (the other side stays silent). */
        public Commitment proposeOnly(long a, Organisation owner, Organisation beneficiary, int dueIn) {
            return commitments.propose(lead(owner), a, new CommitmentTerms("Thing " + UUID.randomUUID(), null, owner.id,
                    beneficiary.id, time.today().plusDays(dueIn)));
        }

        /** Both leads agree to a proposed commitment on {@code day}. */
        public Commitment agree(long a, double day, Commitment c) {
            Commitment fresh = reload(c);
            Commitment half = at(day, () -> commitments.agree(lead(fresh.owner), ref(a, fresh)));
            return at(day, () -> commitments.agree(lead(fresh.beneficiary), ref(a, half)));
        }

        public Commitment deliver(long a, double day, Commitment c) {
            Commitment fresh = reload(c);
            return at(day, () -> commitments.claimDelivery(lead(fresh.owner), ref(a, fresh), "Done"));
        }

        public Commitment accept(long a, double day, Commitment c) {
            Commitment fresh = reload(c);
            return at(day, () -> commitments.accept(lead(fresh.beneficiary), ref(a, fresh)));
        }

        public Commitment dispute(long a, double day, Commitment c) {
            Commitment fresh = reload(c);
            return at(day, () -> commitments.dispute(lead(fresh.beneficiary), ref(a, fresh), "It does not work"));
        }

        /** The owner asks for a new due date on {@code day} and the beneficiary agrees at once. */
        public void moveDueDate(long a, double day, Commitment c, int toDay) {
            Commitment fresh = reload(c);
            Commitment proposed = at(day, () -> commitments.proposeDueDate(lead(fresh.owner), ref(a, fresh),
                    LocalDate.ofInstant(day(toDay), ZoneOffset.UTC), "Later"));
            at(day, () -> commitments.agreeDueDate(lead(fresh.beneficiary), ref(a, proposed)));
        }

        public Concern raise(long a, double day, Organisation by, Organisation to, Severity severity) {
            return at(day, () -> concerns.raise(lead(by), a, new ConcernService.Draft(to.id, severity, "Worry",
                    "Details", null)));
        }

        public Concern acknowledge(long a, double day, Concern c) {
            Concern fresh = reload(c);
            return at(day, () -> concerns.acknowledge(lead(fresh.raisedTo), ref(a, fresh), null));
        }

        public Concern escalate(long a, double day, Concern c) {
            Concern fresh = reload(c);
            return at(day, () -> concerns.escalate(lead(fresh.raisedBy), ref(a, fresh), "No progress"));
        }

        /** Weekly check-ins from {@code firstDay} at 10:00 UTC, set by Alice. */
        public void weeklyCheckIns(long a, double day, double firstDay) {
            at(day, () -> checkIns.setCadence(alice, a, new CheckInService.CadenceDraft(Frequency.WEEKLY,
                    LocalDate.ofInstant(day(firstDay), ZoneOffset.UTC), LocalTime.of(10, 0), "UTC", 60)));
        }

        /** The check-ins of the alliance that start within the day. */
        public List<CheckIn> checkInsOn(long a, double day) {
            Instant from = day(Math.floor(day));
            return QuarkusTransaction.requiringNew().call(() -> CheckIn.<CheckIn>list(
                    "alliance.id = ?1 and startsAt >= ?2 and startsAt < ?3 and state = 'SCHEDULED'", a, from,
                    from.plus(Duration.ofDays(1))));
        }

        /** {@code by}'s lead records who was at the check-in. */
        public void attend(long a, double day, CheckIn c, Organisation by, Organisation... present) {
            at(day, () -> checkIns.recordAttendance(lead(by), ref(a, c),
                    java.util.Set.copyOf(Arrays.stream(present).map(o -> o.id).toList())));
        }
    }

    public static Commitment reload(Commitment c) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Commitment fresh = Commitment.findById(c.id);
            fresh.owner.name.length(); // the sides, for choosing whose lead acts
            fresh.beneficiary.name.length();
            return fresh;
        });
    }

    public static Concern reload(Concern c) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Concern fresh = Concern.findById(c.id);
            fresh.raisedBy.name.length();
            fresh.raisedTo.name.length();
            return fresh;
        });
    }

    public static Ref ref(long a, Commitment c) {
        return new Ref(a, c.id, c.version);
    }

    public static Ref ref(long a, Concern c) {
        return new Ref(a, c.id, c.version);
    }

    public static Ref ref(long a, CheckIn c) {
        return new Ref(a, c.id, c.version);
    }
}
