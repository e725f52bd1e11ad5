package org.allianceportal.portal.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A job another replica is running is skipped here, on the real PostgreSQL's advisory locks (the other
 * replica is played by another thread with a connection of its own); other jobs are not held up, and the
 * job runs here again once the other run ends, even one that failed.
 */
@QuarkusTest
class OneReplicaAtATimeTest {

    @Inject
    OneReplicaAtATime jobs;

    @Test
    void a_job_running_elsewhere_is_skipped_here_and_runs_again_once_that_run_ended() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService otherReplica = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> there = otherReplica.submit(() -> jobs.run("audit-logs", () -> {
                running.countDown();
                await(finish);
            }));
            assertThat(running.await(30, TimeUnit.SECONDS)).as("the other replica's run started").isTrue();

            AtomicInteger ran = new AtomicInteger();
            assertThat(jobs.run("audit-logs", ran::incrementAndGet)).as("the same job, here").isFalse();
            assertThat(ran).hasValue(0);
            assertThat(jobs.run("plan-digests", ran::incrementAndGet)).as("another job").isTrue();
            assertThat(ran).hasValue(1);

            finish.countDown();
            assertThat(there.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(jobs.run("audit-logs", ran::incrementAndGet)).as("after the other run ended").isTrue();
            assertThat(ran).hasValue(2);
        } finally {
            finish.countDown();
            otherReplica.shutdownNow();
        }
    }

    @Test
    void a_run_that_fails_lets_the_next_one_run() {
        assertThatThrownBy(() -> jobs.run("keep-check-ins-current", () -> {
            throw new IllegalStateException("a failed run");
        })).hasMessage("a failed run");
        AtomicInteger ran = new AtomicInteger();
        assertThat(jobs.run("keep-check-ins-current", ran::incrementAndGet)).isTrue();
        assertThat(ran).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
