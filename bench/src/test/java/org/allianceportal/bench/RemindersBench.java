package org.allianceportal.bench;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.Role;
import org.allianceportal.notifications.delivery.Dispatcher;
import org.allianceportal.notifications.reminder.Reminders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plans and sends 10,000 reminders to a local SMTP sink (GreenMail) with two dispatchers at once, and
 * reports the time and memory. Writes bench/results/reminders.md. A benchmark: it asserts nothing.
 */
@QuarkusTest
class RemindersBench {

    static final int COMMITMENTS = 5_000; // x 2 people of the owner = 10,000 e-mail reminders (and as many in-app notices)

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Inject
    AllianceService alliances;

    @Inject
    MembershipService memberships;

    @Inject
    CommitmentService commitments;

    @Inject
    Reminders reminders;

    @Inject
    Dispatcher dispatcher;

    @Test
    void measure() throws Exception {
        Actor admin = new Actor("bench", "Bench", null, Role.ADMIN);
        Organisation a = alliances.createOrganisation(admin, "Reminder A", "reminder-a");
        Organisation b = alliances.createOrganisation(admin, "Reminder B", "reminder-b");
        long alliance = alliances.create(admin, "Reminders", null, List.of(a.id, b.id)).id;
        memberships.enrol("ra-lead", "ra-lead", "A Lead", "ra-lead@a.example", a, Role.LEAD);
        memberships.enrol("ra-member", "ra-member", "A Member", "ra-member@a.example", a, Role.MEMBER);
        memberships.enrol("rb-lead", "rb-lead", "B Lead", "rb-lead@b.example", b, Role.LEAD);
        Actor aLead = new Actor("ra-lead", "A Lead", a.id, Role.LEAD);
        Actor bLead = new Actor("rb-lead", "B Lead", b.id, Role.LEAD);
        for (int i = 0; i < COMMITMENTS; i++) {
            Commitment c = commitments.propose(aLead, alliance, new CommitmentTerms("Deliverable " + i, null, a.id, b.id,
                    LocalDate.now().plusDays(2)));
            c = commitments.agree(aLead, new Ref(alliance, c.id, c.version));
            commitments.agree(bLead, new Ref(alliance, c.id, c.version));
        }
        System.gc();
        long heapBefore = usedHeap();

        long planStart = System.nanoTime();
        reminders.plan();
        double planSeconds = (System.nanoTime() - planStart) / 1e9;
        long deliveries = QuarkusTransaction.requiringNew().call(() ->
                org.allianceportal.notifications.delivery.Delivery.count("kind = 'reminder.commitment_due'"));

        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> dispatchers = List.of(dispatcher::dispatchAll, dispatcher::dispatchAll);
        long sendStart = System.nanoTime();
        List<Integer> handled = new ArrayList<>();
        for (Future<Integer> f : two.invokeAll(dispatchers)) {
            handled.add(f.get());
        }
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        two.shutdown();
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        int received = smtp.getReceivedMessages().length;

        String report = String.format("""
                # Reminders benchmark

                Run %s on %d cores, Java %s, PostgreSQL and GreenMail on this machine.

                %,d commitments falling due in two days; the owner has two people, so planning makes one
                e-mail and one in-app notice each: %,d deliveries, half of them e-mails.

                | step | time | rate |
                |---|---|---|
                | plan (short transactions of 100 occasions, idempotent inserts) | %.1f s | %,.0f deliveries/s |
                | send %,d e-mails with two dispatchers at once | %.1f s | %,.0f e-mails/s |

                Dispatchers handled %s rows; the SMTP sink received %,d e-mails (each Message-ID once).
                Heap used before planning: %,d MB; peak heap of the JVM over the run: %,d MB.
                """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                COMMITMENTS, deliveries, planSeconds, deliveries / planSeconds, received, sendSeconds,
                received / sendSeconds, handled, received, heapBefore >> 20, peakHeap >> 20);
        Path results = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("reminders.md"), report);
        System.out.println(report);
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
