package org.allianceportal.bench;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.delivery.Delivery;
import org.allianceportal.notifications.delivery.Dispatcher;
import org.allianceportal.notifications.delivery.Fanout;
import org.allianceportal.notifications.reminder.Reminders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reminder figures on the real PostgreSQL and a local SMTP sink (GreenMail): an alliance with 540
 * overdue commitments and four people (what each person receives per planning run, and what a second
 * run costs), then 5,000 commitments falling due at once and the outbox of their lifecycle sent by two
 * dispatchers. Writes bench/results/reminders.md. A benchmark: it asserts nothing.
 */
@QuarkusTest
class RemindersBench {

    static final int OVERDUE = 540; // 270 owed by each side
    static final int COMMITMENTS = 5_000;

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
    Fanout fanout;

    @Inject
    Dispatcher dispatcher;

    @Inject
    TimeKeeper time;

    @Inject
    EntityManager em;

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder(String.format("""
                # Reminders benchmark

                Run %s on %d cores, Java %s, PostgreSQL and GreenMail on this machine.

                """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        Actor admin = new Actor("bench", "Bench", null, Role.ADMIN);
        overdueFlood(admin, report);
        fallingDueAtOnce(admin, report);
        Path results = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("reminders.md"), report);
        System.out.println(report);
    }

    /** Acme–Globex after a long quiet spell: 540 commitments overdue, two people on each side. */
    void overdueFlood(Actor admin, StringBuilder report) {
        Organisation acme = alliances.createOrganisation(admin, "Acme", "flood-acme");
        Organisation globex = alliances.createOrganisation(admin, "Globex", "flood-globex");
        long alliance = alliances.create(admin, "Acme–Globex", null, List.of(acme.id, globex.id)).id;
        memberships.enrol("alice", "alice", "Alice", "alice@acme.example", acme, Role.LEAD);
        memberships.enrol("anna", "anna", "Anna", "anna@acme.example", acme, Role.MEMBER);
        memberships.enrol("bruno", "bruno", "Bruno", "bruno@globex.example", globex, Role.LEAD);
        memberships.enrol("bella", "bella", "Bella", "bella@globex.example", globex, Role.MEMBER);
        Actor alice = new Actor("alice", "Alice", acme.id, Role.LEAD);
        Actor bruno = new Actor("bruno", "Bruno", globex.id, Role.LEAD);
        Instant longAgo = Instant.now().minus(Duration.ofDays(OVERDUE + 60));
        time.at(longAgo, () -> {
            for (int i = 0; i < OVERDUE; i++) {
                boolean acmeOwes = i % 2 == 0;
                Commitment c = commitments.propose(alice, alliance, new CommitmentTerms("Deliverable " + i, null,
                        acmeOwes ? acme.id : globex.id, acmeOwes ? globex.id : acme.id,
                        LocalDate.ofInstant(longAgo, ZoneOffset.UTC).plusDays(1 + i)));
                c = commitments.agree(alice, new Ref(alliance, c.id, c.version));
                commitments.agree(bruno, new Ref(alliance, c.id, c.version));
            }
            return null;
        });
        long start = System.nanoTime();
        int first = reminders.plan();
        double firstMs = (System.nanoTime() - start) / 1e6;
        Map<String, long[]> perPerson = perPerson(alliance);
        start = System.nanoTime();
        int second = reminders.plan();
        double secondMs = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        int third = time.at(Instant.now().plus(Duration.ofDays(1)), reminders::plan);
        double thirdMs = (System.nanoTime() - start) / 1e6;
        dispatcher.dispatchAll();
        Map<String, List<String>> received = new TreeMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                received.computeIfAbsent(m.getAllRecipients()[0].toString(), k -> new ArrayList<>()).add(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        report.append(String.format("""
                ## %d overdue commitments, four people

                One alliance, %d commitments overdue (half owed by each side, each side two people), never
                reminded of before. Before this change each person received one e-mail and one in-app notice per
                overdue commitment (about 270 each here), and every run (each minute) re-planned all of them.

                | planning run | occasions planned | time |
                |---|---|---|
                | first | %,d | %.0f ms |
                | second, at once | %,d | %.0f ms |
                | a day later | %,d | %.0f ms |

                | person | e-mails planned | in-app notices | e-mails received (subject) |
                |---|---|---|---|
                """, OVERDUE, OVERDUE, first, firstMs, second, secondMs, third, thirdMs));
        perPerson.forEach((who, counts) -> {
            List<String> subjects = received.getOrDefault(who + "@" + (who.startsWith("a") ? "acme" : "globex")
                    + ".example", List.of());
            report.append(String.format("| %s | %d | %d | %d (%s) |%n", who, counts[0], counts[1], subjects.size(),
                    String.join("; ", subjects)));
        });
        report.append("\n");
    }

    /** E-mails and in-app notices of the overdue kind, per person, in the alliance. */
    Map<String, long[]> perPerson(long alliance) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, long[]> counts = new TreeMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select recipient_user_id, channel, count(*) from delivery"
                    + " where alliance_id = ?1 and kind = 'reminder.commitment_overdue' group by 1, 2")
                    .setParameter(1, alliance).getResultList();
            for (Object[] row : rows) {
                counts.computeIfAbsent((String) row[0], k -> new long[2])[row[1].equals("EMAIL") ? 0 : 1] =
                        ((Number) row[2]).longValue();
            }
            return counts;
        });
    }

    /** 5,000 commitments falling due together, then the e-mails of their lifecycle sent by two dispatchers. */
    void fallingDueAtOnce(Actor admin, StringBuilder report) throws Exception {
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
        int alreadyReceived = smtp.getReceivedMessages().length;
        System.gc();
        long heapBefore = usedHeap();

        long planStart = System.nanoTime();
        int planned = reminders.plan();
        double planSeconds = (System.nanoTime() - planStart) / 1e9;
        long reminderDeliveries = QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("kind = 'reminder.commitment_due' and allianceId = ?1", alliance));

        long fanStart = System.nanoTime();
        int events = 0;
        for (int n = fanout.fanOut(100); n > 0; n = fanout.fanOut(100)) {
            events += n;
        }
        double fanSeconds = (System.nanoTime() - fanStart) / 1e9;
        long deliveries = QuarkusTransaction.requiringNew().call(() -> Delivery.count("outboxEventId is not null"));

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
        int received = smtp.getReceivedMessages().length - alreadyReceived;

        report.append(String.format("""
                ## %,d commitments falling due at once, and their e-mails sent

                %,d agreed commitments falling due in two days, owed by one organisation of two people: one
                planning run claims the %,d occasions and plans one notice per person listing them (%,d deliveries:
                an e-mail and an in-app notice each). The outbox of the lifecycle of all the commitments above
                (proposed, agreed) is then fanned out and its e-mails sent by two dispatchers at once.

                | step | time | rate |
                |---|---|---|
                | plan %,d due-soon occasions (one transaction per organisation and alliance) | %.2f s | %,.0f occasions/s |
                | fan out %,d outbox events into %,d deliveries | %.1f s | %,.0f deliveries/s |
                | send %,d e-mails with two dispatchers at once | %.1f s | %,.0f e-mails/s |

                Dispatchers handled %s rows; the SMTP sink received %,d e-mails (each Message-ID once).
                Heap used before planning: %,d MB; peak heap of the JVM over the run: %,d MB.
                """, COMMITMENTS, COMMITMENTS, planned, reminderDeliveries, planned, planSeconds, planned / planSeconds,
                events, deliveries, fanSeconds, deliveries / fanSeconds,
                received, sendSeconds, received / sendSeconds, handled, received, heapBefore >> 20, peakHeap >> 20));
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
