package org.allianceportal.bench;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;
import org.junit.jupiter.api.Test;

/**
 * What the health page computes (TrustHealth.of: signals, index, trend, warnings, pulse) for an alliance
 * of demo size and for one with 10,000 commitments and 5,000 concerns and their log entries, and the
 * weekly snapshot job over 1,000 alliances. The large records are written with SQL (a year of history),
 * not through the services, to keep the run short. Writes bench/results/trust-health.md; asserts nothing.
 */
@QuarkusTest
class HealthBench {

    static final int COMMITMENTS = 10_000;
    static final int CONCERNS = 5_000;
    static final int ALLIANCES = 1_000;
    static final int RUNS = 20;

    @Inject
    AllianceService alliances;

    @Inject
    TrustHealth health;

    @Inject
    EntityManager em;

    @Test
    void measure() throws Exception {
        Actor admin = new Actor("bench", "Bench", null, Role.ADMIN);
        Organisation a = alliances.createOrganisation(admin, "Health A", "health-a");
        Organisation b = alliances.createOrganisation(admin, "Health B", "health-b");
        long demo = alliances.create(admin, "Demo size", null, List.of(a.id, b.id)).id;
        long large = alliances.create(admin, "Large", null, List.of(a.id, b.id)).id;
        record(demo, a, b, 10, 8);
        record(large, a, b, COMMITMENTS, CONCERNS);
        Actor reader = new Actor("bench-reader", "Reader", a.id, Role.MEMBER);

        double demoMs = median(() -> health.of(reader, demo));
        double largeMs = median(() -> health.of(reader, large));

        for (int i = 0; i < ALLIANCES; i++) {
            alliances.create(admin, "Snapshot " + i, null, List.of(a.id, b.id));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            long from = ((Number) em.createNativeQuery("select min(id) from alliance where name like 'Snapshot %'")
                    .getSingleResult()).longValue();
            for (long id = from; id < from + ALLIANCES; id += 100) {
                // 20 commitments and 10 concerns each, with their log entries, written per 100 alliances
                String batch = "a.id between " + id + " and " + (id + 99);
                em.createNativeQuery(commitments(20, batch)).executeUpdate();
                em.createNativeQuery(concerns(10, batch)).executeUpdate();
            }
        });
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into health_snapshot (alliance_id, week, taken_at, figures) select id, current_date - 7, now(), '{}' "
                        + "from alliance where name in ('Demo size', 'Large')").executeUpdate());
        long start = System.nanoTime();
        int taken = health.takeWeeklySnapshots();
        double snapshotSeconds = (System.nanoTime() - start) / 1e9;

        String report = String.format("""
                # Trust health benchmark

                Run %s on %d cores, Java %s, PostgreSQL on this machine.

                What the health page computes (`TrustHealth.of`: the signals' SQL aggregates, the index, the
                trend, the warnings and the pulse), median of %d runs after %d warm-up runs:

                | alliance | record | time |
                |---|---|---|
                | demo size | 10 commitments, 8 concerns | %.1f ms |
                | large | %,d commitments, %,d concerns, their log entries over a year | %.1f ms |

                Weekly snapshot job: %,d alliances (each with 20 commitments and 10 concerns) in %.1f s.
                """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                RUNS, 5, demoMs, COMMITMENTS, CONCERNS, largeMs, taken, snapshotSeconds);
        Path results = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("trust-health.md"), report);
        System.out.println(report);
    }

    /** Commitments and concerns of one alliance over the last year, in every state, with their log entries. */
    void record(long alliance, Organisation a, Organisation b, int commitmentCount, int concernCount) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery(commitments(commitmentCount, "a.id = " + alliance)).executeUpdate();
            em.createNativeQuery(concerns(concernCount, "a.id = " + alliance)).executeUpdate();
        });
    }

    /**
     * One statement: {@code n} commitments per alliance matched by {@code where}, owed alternately by each
     * party, due over the last 330 days (a tenth disputed, a third still agreed, the rest accepted), and their
     * "proposed", "disputed" and "due_date_changed" entries in the log.
     */
    static String commitments(int n, String where) {
        return """
                with parties as (
                    select a.id as alliance_id, min(p.organisation_id) as o1, max(p.organisation_id) as o2
                    from alliance a join alliance_party p on p.alliance_id = a.id where %s group by a.id),
                made as (
                    insert into commitment (alliance_id, title, owner_id, beneficiary_id, due_date, original_due_date,
                        slip_count, state, agreed_by_owner, agreed_by_beneficiary, delivered_at, proposed_by_user_id,
                        proposed_by_name, created_at)
                    select alliance_id, 'Bench ' || g, case when g %% 2 = 0 then o1 else o2 end,
                        case when g %% 2 = 0 then o2 else o1 end, current_date - 300 + (g %% 330),
                        current_date - 300 + (g %% 330), case when g %% 7 = 0 then 1 else 0 end,
                        case when g %% 10 = 0 then 'DISPUTED' when g %% 3 = 0 then 'AGREED' else 'ACCEPTED' end,
                        true, true, case when g %% 3 = 0 then null else now() - interval '302 days' + (g %% 330) * interval '1 day' end,
                        'bench', 'Bench', now() - interval '330 days' + (g %% 330) * interval '1 day'
                    from parties cross join generate_series(1, %d) g
                    returning id, alliance_id, owner_id, state, slip_count, created_at),
                events as (
                    select m.*, e.action from made m cross join (values ('commitment.proposed'), ('commitment.disputed'),
                        ('commitment.due_date_changed')) e(action)
                    where e.action = 'commitment.proposed' or (e.action = 'commitment.disputed' and m.state = 'DISPUTED')
                        or (e.action = 'commitment.due_date_changed' and m.slip_count > 0))
                insert into log_entry (alliance_id, seq, recorded_at, actor_user_id, actor_name, actor_organisation,
                    action, subject_type, subject_id, payload)
                select ev.alliance_id,
                    (select coalesce(max(seq), 0) from log_entry l where l.alliance_id = ev.alliance_id)
                        + row_number() over (partition by ev.alliance_id order by ev.id, ev.action),
                    ev.created_at + interval '1 hour', 'bench', 'Bench', o.name, ev.action, 'commitment', ev.id,
                    case when ev.action = 'commitment.due_date_changed' then '{"slipCount":1}' else '{}' end
                from events ev join organisation o on o.id = ev.owner_id
                """.formatted(where, n);
    }

    /** {@code n} concerns over the last 330 days, a fifth still waiting, the rest acknowledged in a day, and "raised" entries. */
    static String concerns(int n, String where) {
        return """
                with parties as (
                    select a.id as alliance_id, min(p.organisation_id) as o1, max(p.organisation_id) as o2
                    from alliance a join alliance_party p on p.alliance_id = a.id where %s group by a.id),
                made as (
                    insert into concern (alliance_id, title, description, severity, state, level, raised_by_id,
                        raised_to_id, raised_by_user_id, raised_by_name, raised_at, acknowledge_clock_started_at,
                        acknowledge_by, acknowledged_at, deadline_breached, breach_count, reopen_count,
                        escalation_count, created_at)
                    select alliance_id, 'Bench concern ' || g, 'x', 'MEDIUM',
                        case when g %% 5 = 0 then 'RAISED' else 'ACKNOWLEDGED' end, 'WORKING_TEAM',
                        case when g %% 2 = 0 then o1 else o2 end, case when g %% 2 = 0 then o2 else o1 end, 'bench',
                        'Bench', now() - (g %% 330) * interval '1 day', now() - (g %% 330) * interval '1 day',
                        now() - (g %% 330) * interval '1 day' + interval '3 days',
                        case when g %% 5 = 0 then null else now() - (g %% 330) * interval '1 day' + interval '1 day' end,
                        false, 0, 0, 0, now() - (g %% 330) * interval '1 day'
                    from parties cross join generate_series(1, %d) g
                    returning id, alliance_id, raised_by_id, raised_at)
                insert into log_entry (alliance_id, seq, recorded_at, actor_user_id, actor_name, actor_organisation,
                    action, subject_type, subject_id, payload)
                select m.alliance_id,
                    (select coalesce(max(seq), 0) from log_entry l where l.alliance_id = m.alliance_id)
                        + row_number() over (partition by m.alliance_id order by m.id),
                    m.raised_at, 'bench', 'Bench', o.name, 'concern.raised', 'concern', m.id, '{}'
                from made m join organisation o on o.id = m.raised_by_id
                """.formatted(where, n);
    }

    /** Median milliseconds of {@link #RUNS} runs, after five to warm up. */
    static double median(Runnable work) {
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }
}
