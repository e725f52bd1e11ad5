package org.allianceportal.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.log.LogAudit;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.log.merkle.CompactRange;
import org.allianceportal.core.log.merkle.Merkle;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The log audit's cost on a log of 100,000 entries: the full re-hash (weekly) next to the hourly
 * incremental run after an hour's new entries and after none. Writes bench/results/log-audit.md. A
 * benchmark: it asserts nothing.
 */
@QuarkusTest
class LogAuditBench {

    static final int ENTRIES = 100_000;
    static final int NEW_PER_HOUR = 100;
    static final int ROUNDS = 5;

    @Inject
    LogAudit audit;

    @Inject
    AgroalDataSource dataSource;

    final CompactRange tree = new CompactRange();
    final Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void measure() throws Exception {
        // the log is loaded directly (valid entries and their stored subtrees), so its alliance starts empty
        long alliance = QuarkusTransaction.requiringNew().call(() -> {
            Alliance empty = new Alliance();
            empty.name = "Audited";
            empty.createdAt = Instant.now();
            empty.persist();
            return empty.id;
        });
        load(alliance, ENTRIES);
        audit.audit(alliance, true); // warm-up: the JIT and the connection pool are not what we measure

        List<LogAudit.Audit> runs = new ArrayList<>();
        long[] fullVerified = new long[1];
        double fullMs = millis(() -> fullVerified[0] = run(runs, alliance, true));
        double newMs = 0;
        long newVerified = 0;
        double idleMs = 0;
        for (int round = 0; round < ROUNDS; round++) {
            load(alliance, NEW_PER_HOUR);
            long[] verified = new long[1];
            newMs += millis(() -> verified[0] = run(runs, alliance, false));
            newVerified += verified[0];
            idleMs += millis(() -> run(runs, alliance, false));
        }
        long[] laterVerified = new long[1];
        double laterFullMs = millis(() -> laterVerified[0] = run(runs, alliance, true));
        List<LogAudit.Finding> findings = runs.stream().flatMap(r -> r.finding().stream()).toList();

        String report = String.format("""
                # Log audit benchmark

                Run %s on %d cores, Java %s, PostgreSQL on this machine.

                One alliance's log of %,d entries (loaded directly: valid entries and their stored subtrees). The
                full run re-hashes every entry from the first (weekly, `alliance.log.full-audit-every`); the hourly
                run resumes from the tree it audited last (`log_audit`), re-hashes only the entries appended since,
                and checks the stored root over them and a consistency proof to the newest checkpoint. Times are
                one audit of the one log, in milliseconds (hourly runs: the mean of %d).

                | run | entries re-hashed | time |
                |---|---|---|
                | full, at %,d entries | %,d | %.0f ms |
                | hourly, after %,d new entries | %,d | %.1f ms |
                | hourly, nothing new | 0 | %.1f ms |
                | full, at %,d entries | %,d | %.0f ms |

                The hourly run costs what is new: %.0f× less than the full run here. Findings over all runs: %s.
                """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ENTRIES, ROUNDS, ENTRIES, fullVerified[0], fullMs, NEW_PER_HOUR, newVerified / ROUNDS, newMs / ROUNDS,
                idleMs / ROUNDS, tree.size(), laterVerified[0], laterFullMs, fullMs / (newMs / ROUNDS),
                findings.isEmpty() ? "none (the loaded log verifies)" : findings);
        Path results = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("log-audit.md"), report);
        System.out.println(report);
    }

    long run(List<LogAudit.Audit> runs, long alliance, boolean full) {
        LogAudit.Audit run = audit.audit(alliance, full);
        runs.add(run);
        return run.verified();
    }

    /** Appends {@code count} entries and the subtrees they complete, with COPY. */
    void load(long allianceId, int count) {
        StringBuilder entries = new StringBuilder();
        StringBuilder nodes = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < count; i++) {
            LogEntry e = new LogEntry();
            e.allianceId = allianceId;
            e.seq = tree.size();
            e.recordedAt = start.plusSeconds(e.seq);
            e.actorUserId = "bench";
            e.actorName = "Bench";
            e.action = "commitment.proposed";
            e.subjectType = "commitment";
            e.subjectId = e.seq;
            e.payload = "{\"title\":\"Deliverable " + e.seq + "\"}";
            entries.append(allianceId).append('\t').append(e.seq).append('\t').append(e.recordedAt).append("\tbench\tBench\t\\N\t")
                    .append(e.action).append('\t').append(e.subjectType).append('\t').append(e.subjectId).append('\t')
                    .append(e.payload).append('\n');
            byte[] leaf = Merkle.leafHash(e.leafBytes());
            for (Merkle.Node n : Merkle.append(tree.size(), leaf, tree)) {
                nodes.append(allianceId).append('\t').append(n.level()).append('\t').append(n.index()).append("\t\\\\x")
                        .append(hex.formatHex(n.hash())).append('\n');
            }
            tree.add(leaf);
        }
        try (Connection c = dataSource.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy log_entry (alliance_id, seq, recorded_at, actor_user_id, actor_name, actor_organisation,"
                    + " action, subject_type, subject_id, payload) from stdin", new StringReader(entries.toString()));
            copy.copyIn("copy log_node (alliance_id, level, idx, hash) from stdin", new StringReader(nodes.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double millis(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
