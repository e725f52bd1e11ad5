package org.allianceportal.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.log.LogTree;
import org.allianceportal.core.log.TransparencyLog;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.log.merkle.MemoryTree;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Transparency-log figures on the real PostgreSQL: appends per second with the Merkle update next to
 * plain single-row INSERTs, and proof latency in trees of 10^5 and 10^6 entries. Writes
 * bench/results/transparency-log.md. A benchmark, not a test: it asserts nothing about speed.
 */
@QuarkusTest
class TransparencyLogBench {

    static final int APPENDS = 3_000;
    /** Many short rounds, so a burst of other work on the machine (a slow fsync, a build) weighs on every path alike. */
    static final int ROUNDS = 30;
    static final int WARM_UP_ROUNDS = ROUNDS;
    static final int PROOFS = 1_000;
    static final int BIG_TREE = 1_000_000;
    static final int EXPORTED = 100_000;
    static final String EXPORT_HEAP = "16m";

    @Inject
    AllianceService alliances;

    @Inject
    TransparencyLog log;

    @Inject
    LogTree tree;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    @Test
    void measure() throws Exception {
        Actor admin = new Actor("bench", "Bench", null, Role.ADMIN);
        Organisation a = alliances.createOrganisation(admin, "Bench A", "bench-a");
        Organisation b = alliances.createOrganisation(admin, "Bench B", "bench-b");
        Alliance appended = alliances.create(admin, "Appends", null, List.of(a.id, b.id));
        // the big tree is loaded directly, so its alliance must start with an empty log
        long big = QuarkusTransaction.requiringNew().call(() -> {
            Alliance empty = new Alliance();
            empty.name = "Big tree";
            empty.createdAt = Instant.now();
            empty.persist();
            return empty.id;
        });
        StringBuilder report = new StringBuilder("# Transparency log benchmark\n\n")
                .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", ")
                .append(postgresVersion()).append("; load average ").append(loadAverage())
                .append(" at the start (other work on the machine weighs on every figure).\n\n");

        // warm-up, so the JIT and the connection pool are not what we measure: the application's transaction runs
        // through deep stacks (transaction manager, Hibernate, pool) that the JIT compiles fully only after thousands of calls
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            appendEntries(appended.id, admin, APPENDS / ROUNDS, List.of(a.id, b.id));
            emptyTransactions(APPENDS / ROUNDS);
            plainInserts(APPENDS / ROUNDS);
            plainInsertTransactions(APPENDS / ROUNDS);
            applicationInserts(APPENDS / ROUNDS);
        }

        // in alternating rounds, so that what else the machine does weighs on each the same
        double appendSeconds = 0;
        double insertSeconds = 0;
        double recordSeconds = 0;
        double emptySeconds = 0;
        double insertInTransactionSeconds = 0;
        double insertInApplicationSeconds = 0;
        double[] roundRatios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            emptySeconds += seconds(() -> emptyTransactions(APPENDS / ROUNDS));
            double append = seconds(() -> appendEntries(appended.id, admin, APPENDS / ROUNDS, List.of()));
            double insert = seconds(() -> plainInserts(APPENDS / ROUNDS));
            appendSeconds += append;
            insertSeconds += insert;
            roundRatios[round] = insert / append;
            recordSeconds += seconds(() -> appendEntries(appended.id, admin, APPENDS / ROUNDS, List.of(a.id, b.id)));
            insertInTransactionSeconds += seconds(() -> plainInsertTransactions(APPENDS / ROUNDS));
            insertInApplicationSeconds += seconds(() -> applicationInserts(APPENDS / ROUNDS));
        }
        Arrays.sort(roundRatios);
        double appendRate = APPENDS / appendSeconds;
        double insertRate = APPENDS / insertSeconds;
        double recordRate = APPENDS / recordSeconds;
        double emptyRate = APPENDS / emptySeconds;
        double insertInTransactionRate = APPENDS / insertInTransactionSeconds;
        double insertInApplicationRate = APPENDS / insertInApplicationSeconds;
        report.append("## Appends, one transaction each\n\n| what | per second | × plain INSERT | × the INSERT in an application transaction |\n|---|---|---|---|\n")
                .append(String.format("| log append (entry + Merkle nodes + log head) | %.0f | %.2f | %.2f |%n", appendRate,
                        appendRate / insertRate, appendRate / insertInApplicationRate))
                .append(String.format("| plain single-row INSERT, autocommit | %.0f | 1 | |%n", insertRate))
                .append(String.format("| log append with an outbox event for each of 2 organisations (a domain change) | %.0f | %.2f | %.2f |%n",
                        recordRate, recordRate / insertRate, recordRate / insertInApplicationRate))
                .append(String.format("| for scale: the same INSERT in a transaction of its own (JDBC: begin, insert, commit) | %.0f | %.2f | |%n",
                        insertInTransactionRate, insertInTransactionRate / insertRate))
                .append(String.format("| for scale: the same INSERT in an application transaction (as an append runs: JTA, Hibernate session) | %.0f | %.2f | 1 |%n",
                        insertInApplicationRate, insertInApplicationRate / insertRate))
                .append(String.format("| for scale: an application transaction doing only SELECT 1 (begin, one round trip, commit) | %.0f | %.2f | |%n",
                        emptyRate, emptyRate / insertRate))
                .append(String.format("%nAn append is one statement and a commit: the entry, the subtrees it completes, the new log"
                        + " head and the outbox events, applied if the head is still the one this process wrote last (else"
                        + " the head is locked and read first). %d of each, in %d"
                        + " alternating rounds; checkpoints are signed meanwhile by the signer after commit, as in"
                        + " production. The autocommit INSERT is one round trip; any transaction adds a COMMIT round"
                        + " trip, and the application's adds its transaction manager and Hibernate session: the last"
                        + " column compares the append with the INSERT on the same path. Round by round, the append ran at"
                        + " %.2f× to %.2f× the autocommit INSERT (median %.2f×).%n%n", APPENDS, ROUNDS,
                        roundRatios[0], roundRatios[ROUNDS - 1], roundRatios[ROUNDS / 2]));

        report.append(exportInSmallHeap(admin, a, b));

        double loadSeconds = seconds(() -> loadTree(big, BIG_TREE));
        report.append(String.format("## Proofs from the database%n%nA tree of %,d leaves was bulk-loaded (its perfect subtrees)"
                + " in %.1f s. Each proof is one SELECT of the O(log n) stored subtrees it needs plus the hashing;"
                + " %d random proofs per row, in milliseconds.%n%n", BIG_TREE, loadSeconds, PROOFS))
                .append("| tree size | proof | mean | p50 | p95 | p99 | hashes |\n|---|---|---|---|---|---|---|\n");
        Random random = new Random(9162);
        for (int size : new int[] {100_000, BIG_TREE}) {
            report.append(latencies(size, "inclusion", random, i -> tree.inclusionProof(big, i, size)));
            report.append(latencies(size, "consistency", random,
                    i -> tree.consistencyProof(big, Math.max(1, i), size)));
        }
        Path results = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("transparency-log.md"), report.toString());
        System.out.println(report);
    }

    interface Proof {
        List<byte[]> at(long index);
    }

    String latencies(int size, String kind, Random random, Proof proof) {
        return QuarkusTransaction.requiringNew().call(() -> {
            for (int i = 0; i < 50; i++) {
                proof.at(random.nextInt(size)); // warm-up
            }
            double[] millis = new double[PROOFS];
            int hashes = 0;
            for (int i = 0; i < PROOFS; i++) {
                long start = System.nanoTime();
                hashes = Math.max(hashes, proof.at(random.nextInt(size)).size());
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            return String.format("| %,d | %s | %.2f | %.2f | %.2f | %.2f | ≤ %d |%n", size, kind,
                    Arrays.stream(millis).average().orElse(0), millis[PROOFS / 2], millis[PROOFS * 95 / 100],
                    millis[PROOFS * 99 / 100], hashes);
        });
    }

    void appendEntries(long allianceId, Actor actor, int count, List<Long> audience) {
        for (int i = 0; i < count; i++) {
            int n = i;
            QuarkusTransaction.requiringNew().run(() -> log.append(actor, allianceId, "bench.appended", "alliance",
                    allianceId, Map.of("n", n, "text", "a typical small payload"), audience, false));
        }
    }

    /**
     * Streams the export of a 100,000-entry log (loaded with one INSERT … SELECT) in a JVM of its own with
     * a 16 MB heap, half the size of the export: built as one string, it would not fit.
     */
    String exportInSmallHeap(Actor admin, Organisation a, Organisation b) throws Exception {
        long id = alliances.create(admin, "Export", null, List.of(a.id, b.id)).id;
        try (Connection c = dataSource.getConnection(); PreparedStatement load = c.prepareStatement("""
                insert into log_entry (alliance_id, seq, recorded_at, actor_user_id, actor_name, action, subject_type,
                                       subject_id, payload)
                select ?, s, now(), 'bench', 'Bench', 'bench.loaded', 'alliance', ?,
                       '{"n":' || s || ',"text":"a typical small payload"}'
                from generate_series(1, ? - 1) s""")) {
            load.setLong(1, id);
            load.setLong(2, id);
            load.setLong(3, EXPORTED);
            load.executeUpdate();
        }
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class) + "?currentSchema="
                + config.getValue("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", String.class);
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + EXPORT_HEAP, "-cp", System.getProperty("java.class.path"), ExportProbe.class.getName(), url,
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""),
                String.valueOf(id), String.valueOf(EXPORTED))
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes()).strip();
        if (probe.waitFor() != 0) {
            throw new IllegalStateException("the export probe failed: " + output);
        }
        String[] figures = output.lines().reduce((first, second) -> second).orElseThrow().split(" ");
        return String.format("## Export in constant memory%n%nThe export of a log of %,d entries, streamed (pages of %d"
                + " entries by seq, written as read) in a JVM of its own started with -Xmx%s, into a stream that only"
                + " counts: the whole export would not fit in that heap, the stream does.%n%n| lines | bytes | seconds | peak old-generation heap |%n|---|---|---|---|%n"
                + "| %,d | %,d | %.1f | %.1f MB |%n%n",
                EXPORTED, 1000, EXPORT_HEAP, Long.parseLong(figures[0]), Long.parseLong(figures[1]),
                Long.parseLong(figures[2]) / 1000.0, Long.parseLong(figures[3]) / 1e6);
    }

    void emptyTransactions(int count) {
        for (int i = 0; i < count; i++) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("select 1").getSingleResult());
        }
    }

    /** The plain INSERT, each in a transaction of its own (JDBC): what a transaction costs on its own. */
    void plainInsertTransactions(int count) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into bench_plain (alliance_id, payload) values (?, ?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, 1);
                    insert.setString(2, "{\"n\":" + i + ",\"text\":\"a typical small payload\"}");
                    insert.executeUpdate();
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain INSERT in an application transaction, the way every change of the portal (and an append) runs. */
    void applicationInserts(int count) {
        for (int i = 0; i < count; i++) {
            String payload = "{\"n\":" + i + ",\"text\":\"a typical small payload\"}";
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "insert into bench_plain (alliance_id, payload) values (1, ?1)").setParameter(1, payload).executeUpdate());
        }
    }

    void plainInserts(int count) {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists bench_plain (id bigserial primary key, alliance_id bigint,"
                        + " payload text not null)");
            }
            c.setAutoCommit(true);
            try (PreparedStatement insert = c.prepareStatement("insert into bench_plain (alliance_id, payload) values (?, ?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, 1);
                    insert.setString(2, "{\"n\":" + i + ",\"text\":\"a typical small payload\"}");
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Computes a tree of random leaves in memory and COPYs its perfect subtrees into log_node. */
    void loadTree(long allianceId, int leaves) {
        MemoryTree memory = new MemoryTree();
        Random random = new Random(1);
        byte[] data = new byte[16];
        for (int i = 0; i < leaves; i++) {
            random.nextBytes(data);
            memory.add(Merkle.leafHash(data));
        }
        StringBuilder rows = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int level = 0; (1L << level) <= leaves; level++) {
            long count = leaves >> level;
            for (long index = 0; index < count; index++) {
                rows.append(allianceId).append('\t').append(level).append('\t').append(index).append("\t\\\\x")
                        .append(hex.formatHex(memory.hash(level, index))).append('\n');
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy log_node (alliance_id, level, idx, hash) from stdin", new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 1, 5 and 15 minute load averages, as Linux reports them. */
    static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? String.join(" ", Arrays.copyOf(Files.readString(loadavg).split(" "), 3)) : "unknown";
    }

    String postgresVersion() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        }
    }

    static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

}
