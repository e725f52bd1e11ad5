package org.allianceportal.portal.demo;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.commitment.ClosureKind;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo world of docs/product.md, written into an empty database at start-up when
 * {@code alliance.demo.enabled=true}. The history is replayed through the domain services at past
 * times, so it is in the transparency log like any real history. The user ids are the fixed ids
 * of the demo realm (deployment/keycloak/alliance-realm.json).
 */
@ApplicationScoped
public class DemoData {

    static final String ALICE = "11111111-0000-4000-8000-000000000001";
    static final String ANNA = "11111111-0000-4000-8000-000000000002";
    static final String BRUNO = "22222222-0000-4000-8000-000000000001";
    static final String BELLA = "22222222-0000-4000-8000-000000000002";
    static final String IVAN = "33333333-0000-4000-8000-000000000001";
    static final String ADMIN = "99999999-0000-4000-8000-000000000001";

    @ConfigProperty(name = "alliance.demo.enabled")
    boolean enabled;

    @Inject
    AllianceService alliances;

    @Inject
    MembershipService memberships;

    @Inject
    CommitmentService commitments;

    @Inject
    ConcernService concerns;

    @Inject
    CheckInService checkIns;

    @Inject
    TrustHealth health;

    @Inject
    TimeKeeper time;

    private Instant now;

    void onStart(@Observes StartupEvent event) {
        if (enabled && QuarkusTransaction.requiringNew().call(() -> Organisation.count() == 0)) {
            seed();
            Log.info("Demo data written: Acme Corp, Globex Inc, Initech and their two alliances");
        }
    }

    /**
     * Seeds the demo world. The story is written thread by thread (one commitment or concern at a
     * time) and then played in time order, one transaction per command, as users would have made it.
     */
    public void seed() {
        now = time.now();
        Actor admin = new Actor(ADMIN, "Ada Admin", null, Role.ADMIN);
        Organisation acme = at(60, () -> alliances.createOrganisation(admin, "Acme Corp", "acme"));
        Organisation globex = at(60, () -> alliances.createOrganisation(admin, "Globex Inc", "globex"));
        Organisation initech = at(60, () -> alliances.createOrganisation(admin, "Initech", "initech"));
        memberships.enrol(ALICE, "alice", "Alice Archer", "alice@acme.example", acme, Role.LEAD);
        memberships.enrol(ANNA, "anna", "Anna Adams", "anna@acme.example", acme, Role.MEMBER);
        memberships.enrol(BRUNO, "bruno", "Bruno Baker", "bruno@globex.example", globex, Role.LEAD);
        memberships.enrol(BELLA, "bella", "Bella Brown", "bella@globex.example", globex, Role.MEMBER);
        memberships.enrol(IVAN, "ivan", "Ivan Irwin", "ivan@initech.example", initech, Role.LEAD);
        memberships.enrol(ADMIN, "admin", "Ada Admin", "admin@alliance.example", null, Role.ADMIN);
        Actor alice = new Actor(ALICE, "Alice Archer", acme.id, Role.LEAD);
        Actor anna = new Actor(ANNA, "Anna Adams", acme.id, Role.MEMBER);
        Actor bruno = new Actor(BRUNO, "Bruno Baker", globex.id, Role.LEAD);
        Actor bella = new Actor(BELLA, "Bella Brown", globex.id, Role.MEMBER);
        Actor ivan = new Actor(IVAN, "Ivan Irwin", initech.id, Role.LEAD);

        long a = at(50, () -> alliances.create(admin, "Acme–Globex Joint Go-To-Market",
                "Selling Acme's analytics with Globex's logistics platform in Europe.", List.of(acme.id, globex.id))).id;
        long s = at(50, () -> alliances.create(admin, "Globex–Initech Supply",
                "Initech supplies sensors for Globex's tracking units.", List.of(globex.id, initech.id))).id;

        Story story = new Story();
        // Commitments in every state; "agreed" means proposed, then agreed by both leads a day later.
        Strand<Commitment> study = story.agreed(45, a, anna, alice, bruno, "Joint pricing study", acme, globex, 30);
        study.then(12, c -> commitments.claimDelivery(anna, ref(a, c), "https://share.acme.example/pricing-study-v2.pdf"))
                .then(10, c -> commitments.accept(bruno, ref(a, c)));
        story.agreed(40, a, bella, alice, bruno, "Co-branded launch webinar", globex, acme, 30); // overdue now
        story.agreed(30, a, anna, alice, bruno, "Shared lead list for DACH", acme, globex, 25)
                .then(8, c -> commitments.proposeDueDate(anna, ref(a, c), fromNow(20), "CRM migration took longer"))
                .then(7, c -> commitments.agreeDueDate(bruno, ref(a, c)));
        story.agreed(20, a, bella, alice, bruno, "Reseller training materials", globex, acme, 25)
                .then(4, c -> commitments.claimDelivery(bella, ref(a, c), "Slides and recordings in the partner drive"));
        story.agreed(25, a, anna, alice, bruno, "Integration API sandbox", acme, globex, 20)
                .then(6, c -> commitments.claimDelivery(anna, ref(a, c), "https://sandbox.acme.example"))
                .then(3, c -> commitments.dispute(bruno, ref(a, c), "The sandbox rejects every order with a 500 error."));
        story.start(2, () -> commitments.propose(anna, a, new CommitmentTerms("Trade show booth split",
                "Half of the Hanover booth each.", acme.id, globex.id, fromNow(30))));
        story.agreed(35, a, bella, alice, bruno, "Press release on the partnership", globex, acme, 20)
                .then(20, c -> commitments.proposeClosure(bruno, ref(a, c), ClosureKind.WITHDRAW,
                        "Legal asked us to wait for the merger news."))
                .then(19, c -> commitments.agreeClosure(alice, ref(a, c)));
        story.agreed(35, a, anna, alice, bruno, "Exclusive territory fee", acme, globex, 40)
                .then(15, c -> commitments.proposeClosure(bruno, ref(a, c), ClosureKind.WAIVE,
                        "Volumes exceeded the target; we waive the fee."))
                .then(14, c -> commitments.agreeClosure(alice, ref(a, c)));

        // Concerns in every state; the first is already past its acknowledgement deadline.
        story.start(6, () -> raise(a, alice, globex, Severity.HIGH, "Quotes answered a week late",
                "Three customer quotes waited more than five days for Globex's freight prices."));
        story.start(0.05, () -> raise(a, bella, acme, Severity.MEDIUM, "Demo environment unstable",
                "The shared demo crashed in two customer meetings this week."));
        story.start(4, () -> raise(a, anna, globex, Severity.LOW, "Onboarding documents in German only",
                "Our French sales team cannot use them."))
                .then(3, c -> concerns.acknowledge(bruno, ref(a, c), "We will translate them."));
        story.start(12, () -> raise(a, bruno, acme, Severity.MEDIUM, "Forecasts arrive after the cut-off",
                "Monthly forecasts come on the 5th; we plan on the 1st."))
                .then(11, c -> concerns.acknowledge(alice, ref(a, c), null))
                .then(10, c -> concerns.respond(anna, ref(a, c), "From next month the forecast goes out on the last working day."));
        story.start(9, () -> raise(a, alice, globex, Severity.MEDIUM, "Support tickets bounce between teams",
                "Joint customers are sent from one support desk to the other."))
                .then(8.9, c -> concerns.acknowledge(bruno, ref(a, c), null))
                .then(7, c -> concerns.proposeResolution(bruno, ref(a, c), "One shared queue, owned by Globex, from 1 December."));
        story.start(30, () -> raise(a, bruno, acme, Severity.LOW, "Logo used in the old colours",
                "Acme's slides still show Globex's 2019 logo."))
                .then(29, c -> concerns.acknowledge(alice, ref(a, c), null))
                .then(28, c -> concerns.proposeResolution(anna, ref(a, c), "Slides updated; old decks removed from the drive."))
                .then(27, c -> concerns.confirmResolution(bruno, ref(a, c)));
        story.start(10, () -> raise(a, anna, globex, Severity.LOW, "Discounts granted without consultation",
                "Globex offered 20 % on a joint deal without asking us."))
                .then(1, c -> concerns.escalate(alice, ref(a, c), "Second time this quarter."));

        story.agreed(20, s, ivan, ivan, bruno, "Quarterly component forecast", initech, globex, 30);
        story.agreed(30, s, ivan, ivan, bruno, "Safety stock of 500 sensors", initech, globex, 20)
                .then(12, c -> commitments.claimDelivery(ivan, ref(s, c), "Delivery note 4711"))
                .then(11, c -> commitments.accept(bruno, ref(s, c)));
        story.start(1, () -> raise(s, ivan, globex, Severity.MEDIUM, "Payment terms exceeded",
                "The last three invoices were paid after 45 days instead of 30."));

        // A weekly check-in whose next meeting is about 20 hours away, so the 24-hour reminder goes out
        // soon after start; its past meetings were held, approved, half-approved and missed.
        Instant nextMeeting = now.plus(Duration.ofHours(20)).truncatedTo(ChronoUnit.MINUTES);
        LocalDate firstDate = LocalDate.ofInstant(nextMeeting, ZoneOffset.UTC).minusWeeks(4);
        LocalTime at = LocalTime.ofInstant(nextMeeting, ZoneOffset.UTC);
        story.start(30, () -> checkIns.setCadence(alice, a, new CheckInService.CadenceDraft(Frequency.WEEKLY, firstDate,
                at, "UTC", 60)));
        Instant first = firstDate.atTime(at).toInstant(ZoneOffset.UTC);
        meeting(story, a, first, c -> checkIns.recordAttendance(anna, ref(a, c), Set.of(acme.id, globex.id)),
                c -> checkIns.recordMinutes(bella, ref(a, c), "Reviewed the joint pipeline; 12 deals in play.",
                        "Monthly pipeline review from now on.", List.of(new CheckInService.ActionItemDraft(
                                "Share the Q1 pipeline in the partner drive", globex.id, acme.id,
                                LocalDate.ofInstant(first, ZoneOffset.UTC).plusDays(35)))),
                c -> checkIns.approveMinutes(alice, ref(a, c)),
                c -> checkIns.approveMinutes(bruno, ref(a, c)));
        meeting(story, a, first.plus(Duration.ofDays(7)),
                c -> checkIns.recordAttendance(anna, ref(a, c), Set.of(acme.id)),
                c -> checkIns.recordMinutes(anna, ref(a, c), "Globex could not join; Acme went through the webinar plan.",
                        null, List.of()),
                c -> checkIns.approveMinutes(alice, ref(a, c)));
        // the third meeting (first + 14 days) has no record at all: it is marked missed
        meeting(story, a, first.plus(Duration.ofDays(21)),
                c -> checkIns.recordAttendance(bella, ref(a, c), Set.of(acme.id, globex.id)),
                c -> checkIns.recordMinutes(bella, ref(a, c), "Sandbox problems discussed; Acme will fix by Friday.",
                        null, List.of()),
                c -> checkIns.approveMinutes(bruno, ref(a, c)),
                c -> checkIns.approveMinutes(alice, ref(a, c)));

        // The portal's trust-health routine, replayed: a look every day (Acme–Globex warns once its delivery is
        // disputed) and the weekly snapshots, so the health pages show a trend from the start.
        for (int d = 49; d >= 0; d--) {
            story.add(d, () -> {
                health.snapshot(a);
                health.snapshot(s);
                health.check(a);
                health.check(s);
            });
        }

        story.play();
        checkIns.markMissed();
        checkIns.scheduleAheadForAll();
    }

    /** One meeting's record: each step a few minutes after the one before, starting ten minutes in. */
    @SafeVarargs
    private void meeting(Story story, long allianceId, Instant start, Function<CheckIn, CheckIn>... steps) {
        Strand<CheckIn> strand = story.start(daysBefore(start.plus(Duration.ofMinutes(9))),
                () -> QuarkusTransaction.requiringNew().call(() -> CheckIn.<CheckIn>find(
                        "alliance.id = ?1 and startsAt = ?2", allianceId, start).singleResult()));
        for (int i = 0; i < steps.length; i++) {
            strand.then(daysBefore(start.plus(Duration.ofMinutes(10L + 5L * i))), steps[i]);
        }
    }

    private double daysBefore(Instant instant) {
        return Duration.between(instant, now).toMinutes() / (24.0 * 60);
    }

    /** The demo history: steps of many threads, played oldest first so the log reads in time order. */
    private final class Story {
        private record Step(double daysAgo, int order, Runnable work) {
        }

        private final List<Step> steps = new ArrayList<>();

        <T> Strand<T> start(double daysAgo, Supplier<T> first) {
            Strand<T> thread = new Strand<>(this);
            add(daysAgo, () -> thread.current = first.get());
            return thread;
        }

        /** Proposed {@code daysAgo}, due {@code dueIn} days after that, agreed by both leads a day later. */
        Strand<Commitment> agreed(double daysAgo, long allianceId, Actor proposer, Actor firstLead, Actor secondLead,
                String title, Organisation owner, Organisation beneficiary, int dueIn) {
            LocalDate due = LocalDate.ofInstant(ago(daysAgo), ZoneOffset.UTC).plusDays(dueIn);
            return start(daysAgo, () -> commitments.propose(proposer, allianceId,
                    new CommitmentTerms(title, null, owner.id, beneficiary.id, due)))
                    .then(daysAgo - 1, c -> commitments.agree(firstLead, ref(allianceId, c)))
                    .then(daysAgo - 1, c -> commitments.agree(secondLead, ref(allianceId, c)));
        }

        void add(double daysAgo, Runnable work) {
            steps.add(new Step(daysAgo, steps.size(), work));
        }

        void play() {
            steps.stream()
                    .sorted(Comparator.comparingDouble(Step::daysAgo).reversed().thenComparingInt(Step::order))
                    .forEach(step -> at(step.daysAgo(), () -> {
                        step.work().run();
                        return null;
                    }));
        }
    }

    /** One commitment's or concern's history: each step gets the entity as the previous step left it. */
    private static final class Strand<T> {
        private final Story story;
        private T current;

        Strand(Story story) {
            this.story = story;
        }

        Strand<T> then(double daysAgo, Function<T, T> step) {
            story.add(daysAgo, () -> current = step.apply(current));
            return this;
        }
    }

    private Concern raise(long allianceId, Actor actor, Organisation to, Severity severity, String title, String text) {
        return concerns.raise(actor, allianceId, new ConcernService.Draft(to.id, severity, title, text, null));
    }

    private <T> T at(double daysAgo, Supplier<T> work) {
        return time.at(ago(daysAgo), work);
    }

    private Instant ago(double days) {
        return now.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    private LocalDate fromNow(int days) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(days);
    }


    private static Ref ref(long allianceId, Commitment c) {
        return new Ref(allianceId, c.id, c.version);
    }

    private static Ref ref(long allianceId, CheckIn c) {
        return new Ref(allianceId, c.id, c.version);
    }

    private static Ref ref(long allianceId, Concern c) {
        return new Ref(allianceId, c.id, c.version);
    }
}
