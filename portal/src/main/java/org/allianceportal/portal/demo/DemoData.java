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
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.ClosureKind;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo world of PRODUCT.md, written into an empty database at start-up when
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
    TimeKeeper time;

    private Instant now;

    void onStart(@Observes StartupEvent event) {
        if (enabled && QuarkusTransaction.requiringNew().call(() -> Organisation.count() == 0)) {
            seed();
            Log.info("Demo data written: Acme Corp, Globex Inc, Initech and their two alliances");
        }
    }

    /** Seeds the demo world; one transaction per command, exactly as users would have made them. */
    public void seed() {
        now = time.now();
        Actor admin = new Actor(ADMIN, "Platform Admin", null, Role.ADMIN);
        Organisation acme = at(60, () -> alliances.createOrganisation(admin, "Acme Corp", "acme"));
        Organisation globex = at(60, () -> alliances.createOrganisation(admin, "Globex Inc", "globex"));
        Organisation initech = at(60, () -> alliances.createOrganisation(admin, "Initech", "initech"));
        memberships.enrol(ALICE, "alice", "Alice Archer", "alice@acme.example", acme, Role.LEAD);
        memberships.enrol(ANNA, "anna", "Anna Adams", "anna@acme.example", acme, Role.MEMBER);
        memberships.enrol(BRUNO, "bruno", "Bruno Berg", "bruno@globex.example", globex, Role.LEAD);
        memberships.enrol(BELLA, "bella", "Bella Brandt", "bella@globex.example", globex, Role.MEMBER);
        memberships.enrol(IVAN, "ivan", "Ivan Ilic", "ivan@initech.example", initech, Role.LEAD);
        memberships.enrol(ADMIN, "admin", "Platform Admin", "admin@alliance.example", null, Role.ADMIN);
        Actor alice = new Actor(ALICE, "Alice Archer", acme.id, Role.LEAD);
        Actor anna = new Actor(ANNA, "Anna Adams", acme.id, Role.MEMBER);
        Actor bruno = new Actor(BRUNO, "Bruno Berg", globex.id, Role.LEAD);
        Actor bella = new Actor(BELLA, "Bella Brandt", globex.id, Role.MEMBER);
        Actor ivan = new Actor(IVAN, "Ivan Ilic", initech.id, Role.LEAD);

        Alliance gtm = at(50, () -> alliances.create(admin, "Acme–Globex Joint Go-To-Market",
                "Selling Acme's analytics with Globex's logistics platform in Europe.", List.of(acme.id, globex.id)));
        long a = gtm.id;

        // Commitments in every state; each one agreed by both leads where the story needs it.
        Commitment study = agreed(a, anna, alice, bruno, 45, "Joint pricing study", acme, globex, 30);
        study = at(12, commit(study, c -> commitments.claimDelivery(anna, ref(a, c), "https://share.acme.example/pricing-study-v2.pdf")));
        at(10, commit(study, c -> commitments.accept(bruno, ref(a, c))));

        agreed(a, bella, alice, bruno, 40, "Co-branded launch webinar", globex, acme, 30); // overdue by now

        Commitment leads = agreed(a, anna, alice, bruno, 30, "Shared lead list for DACH", acme, globex, 25);
        leads = at(8, commit(leads, c -> commitments.proposeDueDate(anna, ref(a, c), fromNow(20), "CRM migration took longer")));
        at(7, commit(leads, c -> commitments.agreeDueDate(bruno, ref(a, c))));

        Commitment training = agreed(a, bella, alice, bruno, 20, "Reseller training materials", globex, acme, 25);
        at(4, commit(training, c -> commitments.claimDelivery(bella, ref(a, c), "Slides and recordings in the partner drive")));

        Commitment sandbox = agreed(a, anna, alice, bruno, 25, "Integration API sandbox", acme, globex, 20);
        sandbox = at(6, commit(sandbox, c -> commitments.claimDelivery(anna, ref(a, c), "https://sandbox.acme.example")));
        at(3, commit(sandbox, c -> commitments.dispute(bruno, ref(a, c), "The sandbox rejects every order with a 500 error.")));

        at(2, () -> commitments.propose(anna, a, new CommitmentTerms("Trade show booth split", "Half of the Hanover booth each.",
                acme.id, globex.id, fromNow(30))));

        Commitment press = agreed(a, bella, alice, bruno, 35, "Press release on the partnership", globex, acme, 20);
        press = at(20, commit(press, c -> commitments.proposeClosure(bruno, ref(a, c), ClosureKind.WITHDRAW, "Legal asked us to wait for the merger news.")));
        at(19, commit(press, c -> commitments.agreeClosure(alice, ref(a, c))));

        Commitment fee = agreed(a, anna, alice, bruno, 35, "Exclusive territory fee", acme, globex, 40);
        fee = at(15, commit(fee, c -> commitments.proposeClosure(bruno, ref(a, c), ClosureKind.WAIVE, "Volumes exceeded the target; we waive the fee.")));
        at(14, commit(fee, c -> commitments.agreeClosure(alice, ref(a, c))));

        // Concerns in every state; the first one is past its acknowledgement deadline.
        at(6, () -> raise(a, alice, globex, Severity.HIGH, "Quotes answered a week late",
                "Three customer quotes waited more than five days for Globex's freight prices."));
        at(0.05, () -> raise(a, bella, acme, Severity.MEDIUM, "Demo environment unstable",
                "The shared demo crashed in two customer meetings this week."));
        Concern onboarding = at(4, () -> raise(a, anna, globex, Severity.LOW, "Onboarding documents in German only",
                "Our French sales team cannot use them."));
        at(3, commit(onboarding, c -> concerns.acknowledge(bruno, ref(a, c), "We will translate them.")));
        Concern forecast = at(12, () -> raise(a, bruno, acme, Severity.MEDIUM, "Forecasts arrive after the cut-off",
                "Monthly forecasts come on the 5th; we plan on the 1st."));
        forecast = at(11, commit(forecast, c -> concerns.acknowledge(alice, ref(a, c), null)));
        at(10, commit(forecast, c -> concerns.respond(anna, ref(a, c), "From next month the forecast goes out on the last working day.")));
        Concern tickets = at(9, () -> raise(a, alice, globex, Severity.MEDIUM, "Support tickets bounce between teams",
                "Joint customers are sent from one support desk to the other."));
        tickets = at(9, commit(tickets, c -> concerns.acknowledge(bruno, ref(a, c), null)));
        at(7, commit(tickets, c -> concerns.proposeResolution(bruno, ref(a, c), "One shared queue, owned by Globex, from 1 December.")));
        Concern logo = at(30, () -> raise(a, bruno, acme, Severity.LOW, "Logo used in the old colours",
                "Acme's slides still show Globex's 2019 logo."));
        logo = at(29, commit(logo, c -> concerns.acknowledge(alice, ref(a, c), null)));
        logo = at(28, commit(logo, c -> concerns.proposeResolution(anna, ref(a, c), "Slides updated; old decks removed from the drive.")));
        at(27, commit(logo, c -> concerns.confirmResolution(bruno, ref(a, c))));
        Concern discounts = at(10, () -> raise(a, anna, globex, Severity.LOW, "Discounts granted without consultation",
                "Globex offered 20 % on a joint deal without asking us."));
        at(1, commit(discounts, c -> concerns.escalate(alice, ref(a, c), "Second time this quarter.")));

        Alliance supply = at(50, () -> alliances.create(admin, "Globex–Initech Supply",
                "Initech supplies sensors for Globex's tracking units.", List.of(globex.id, initech.id)));
        long s = supply.id;
        agreed(s, ivan, ivan, bruno, 20, "Quarterly component forecast", globex, initech, 30);
        Commitment stock = agreed(s, ivan, ivan, bruno, 30, "Safety stock of 500 sensors", initech, globex, 20);
        stock = at(12, commit(stock, c -> commitments.claimDelivery(ivan, ref(s, c), "Delivery note 4711")));
        at(11, commit(stock, c -> commitments.accept(bruno, ref(s, c))));
        at(1, () -> raise(s, ivan, globex, Severity.MEDIUM, "Payment terms exceeded",
                "The last three invoices were paid after 45 days instead of 30."));
    }

    /** A commitment proposed {@code daysAgo}, due {@code dueIn} days after that, agreed by both leads a day later. */
    private Commitment agreed(long allianceId, Actor proposer, Actor ownerOrBeneficiaryLead, Actor otherLead,
            double daysAgo, String title, Organisation owner, Organisation beneficiary, int dueIn) {
        LocalDate due = LocalDate.ofInstant(ago(daysAgo), ZoneOffset.UTC).plusDays(dueIn);
        Commitment c = at(daysAgo, () -> commitments.propose(proposer, allianceId,
                new CommitmentTerms(title, null, owner.id, beneficiary.id, due)));
        c = at(daysAgo - 1, commit(c, x -> commitments.agree(ownerOrBeneficiaryLead, ref(allianceId, x))));
        return at(daysAgo - 1, commit(c, x -> commitments.agree(otherLead, ref(allianceId, x))));
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

    private static <T> Supplier<T> commit(T subject, Function<T, T> step) {
        return () -> step.apply(subject);
    }

    private static Ref ref(long allianceId, Commitment c) {
        return new Ref(allianceId, c.id, c.version);
    }

    private static Ref ref(long allianceId, Concern c) {
        return new Ref(allianceId, c.id, c.version);
    }
}
