package org.allianceportal.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.allianceportal.core.log.merkle.CompactRange;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.Test;

/**
 * Eight threads append at once, four to one shared alliance and four spread over three: every log
 * comes out gap-free and verifies (the audit re-derives each tree from its entries and checks it
 * against the stored leaves and a checkpoint signed afterwards), and its head has the stored tree's root.
 */
@QuarkusTest
class ConcurrentAppendTest {

    static final int THREADS = 8;
    static final int APPENDS_PER_THREAD = 40;

    @Inject
    World world;

    @Inject
    ChangeRecorder recorder;

    @Inject
    Checkpoints checkpoints;

    @Inject
    LogAudit audit;

    @Inject
    LogTree tree;

    @Inject
    EntityManager em;

    @Test
    void eight_threads_appending_to_one_and_to_several_alliances_keep_every_tree_valid() throws Exception {
        List<Setup> alliances = List.of(world.twoParties(), world.twoParties(), world.twoParties());
        long[] expected = {1, 1, 1}; // each starts with its founding entry
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                expected[target(thread, i)]++;
            }
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                    Setup w = alliances.get(target(thread, i));
                    int n = i;
                    QuarkusTransaction.requiringNew().run(() -> recorder.record(w.acmeLead(), w.alliance(),
                            "test.appended", "alliance", w.alliance().id,
                            ChangeRecorder.payload("thread", thread, "n", n), List.of(w.acme(), w.globex())));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        for (int a = 0; a < alliances.size(); a++) {
            long id = alliances.get(a).alliance().id;
            long size = expected[a];
            Checkpoint signed = checkpoints.publish(id);
            assertThat(signed.treeSize).as("alliance " + a + "'s log size").isEqualTo(expected[a]);
            assertThat(audit.audit(id)).as("alliance " + a + "'s audit").isEmpty();
            assertThat(LogEntry.<LogEntry>list("allianceId = ?1 order by seq", id).stream().map(e -> e.seq).toList())
                    .as("gap-free").containsExactlyElementsOf(LongStream.range(0, size).boxed().toList());
            assertThat(OutboxEvent.count("allianceId = ?1 and kind = 'test.appended'", id))
                    .as("one outbox event per audience organisation").isEqualTo(2 * (expected[a] - 1));
            Object[] head = QuarkusTransaction.requiringNew().call(() -> (Object[]) em
                    .createNativeQuery("select size, edge from log_head where alliance_id = ?1").setParameter(1, id)
                    .getSingleResult());
            CompactRange edge = CompactRange.of(((Number) head[0]).longValue(), (byte[]) head[1]);
            assertThat(edge.root()).as("the head's root").isEqualTo(signed.rootHash)
                    .isEqualTo(QuarkusTransaction.requiringNew().call(() -> tree.root(id, size)));
        }
    }

    /** Threads 0-3 all append to alliance 0; threads 4-7 go round the three alliances. */
    static int target(int thread, int i) {
        return thread < THREADS / 2 ? 0 : (thread + i) % 3;
    }
}
