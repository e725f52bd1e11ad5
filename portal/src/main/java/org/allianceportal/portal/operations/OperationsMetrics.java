package org.allianceportal.portal.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.allianceportal.core.log.LogAudit;
import org.allianceportal.core.log.TransparencyLog;
import org.allianceportal.notifications.delivery.Delivery;

/**
 * The alliance_* metrics at /q/metrics: what is waiting (outbox backlog and the age of its oldest event,
 * deliveries by status, dead letters, the age of each alliance's newest checkpoint), how long the routine
 * jobs take (reminder planning, dispatch; log appends are timed by TransparencyLog) and what the last
 * audit of the logs found. The database figures are read every {@code alliance.metrics.refresh-every}
 * by each replica, not at each scrape, so a scrape never waits for the database.
 */
@ApplicationScoped
public class OperationsMetrics {

    public static final String REMINDER_PLANNING = "alliance.reminders.planning";
    public static final String DISPATCH = "alliance.dispatch";

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAge = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong auditFindings = new AtomicLong();
    private final Map<Delivery.Status, AtomicLong> deliveries = new EnumMap<>(Delivery.Status.class);
    private MultiGauge checkpointAge;

    void register(@Observes StartupEvent start) {
        Gauge.builder("alliance.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events not yet turned into deliveries").register(registry);
        Gauge.builder("alliance.outbox.oldest.age", oldestAge, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest outbox event not yet turned into deliveries (0 when none)").register(registry);
        for (Delivery.Status status : Delivery.Status.values()) {
            AtomicLong count = deliveries.computeIfAbsent(status, s -> new AtomicLong());
            Gauge.builder("alliance.deliveries", count, AtomicLong::get).tag("status", status.name())
                    .description("Deliveries (e-mail and in-app notices) by status").register(registry);
        }
        Gauge.builder("alliance.dead.letters", deadLetters, AtomicLong::get)
                .description("E-mail given up on after every retry, waiting for an administrator").register(registry);
        checkpointAge = MultiGauge.builder("alliance.checkpoint.age").baseUnit("seconds")
                .description("Age of each alliance's newest signed checkpoint").register(registry);
        Gauge.builder("alliance.log.audit.findings", auditFindings, AtomicLong::get)
                .description("Alliances whose log failed the last audit (0: every log verified)").register(registry);
        Timer.builder(REMINDER_PLANNING).description("One run of reminder planning").register(registry);
        Timer.builder(DISPATCH).description("One run of fan-out and e-mail dispatch").register(registry);
        Timer.builder(TransparencyLog.APPEND_TIMER).description("One append to a transparency log").register(registry);
        for (String result : List.of("verified", "findings")) {
            Counter.builder("alliance.log.audits").tag("result", result).description("Audits of all logs by result")
                    .register(registry);
        }
        refresh();
    }

    /** Reads the waiting work from the database into the gauges. */
    @Scheduled(every = "${alliance.metrics.refresh-every:30s}", delayed = "${alliance.jobs.first-run-after:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            Object[] outbox = (Object[]) em.createNativeQuery(
                    "select count(*), min(created_at) from outbox_event where fanned_out_at is null").getSingleResult();
            backlog.set(((Number) outbox[0]).longValue());
            oldestAge.set(outbox[1] == null ? 0 : secondsSince(outbox[1], now));
            deliveries.values().forEach(count -> count.set(0));
            for (Object row : em.createNativeQuery("select status, count(*) from delivery group by status").getResultList()) {
                Object[] r = (Object[]) row;
                deliveries.get(Delivery.Status.valueOf((String) r[0])).set(((Number) r[1]).longValue());
            }
            deadLetters.set(deliveries.get(Delivery.Status.DEAD).get());
            List<MultiGauge.Row<?>> ages = new ArrayList<>();
            for (Object row : em.createNativeQuery(
                    "select alliance_id, max(signed_at) from log_checkpoint group by alliance_id").getResultList()) {
                Object[] r = (Object[]) row;
                ages.add(MultiGauge.Row.of(Tags.of("alliance", String.valueOf(r[0])), secondsSince(r[1], now)));
            }
            checkpointAge.register(ages, true);
        });
    }

    /** Runs a job under its timer. */
    public <T> T timed(String timer, Supplier<T> job) {
        return registry.timer(timer).record(job);
    }

    public void audited(List<LogAudit.Finding> findings) {
        auditFindings.set(findings.stream().map(LogAudit.Finding::allianceId).distinct().count());
        registry.counter("alliance.log.audits", "result", findings.isEmpty() ? "verified" : "findings").increment();
    }

    private static long secondsSince(Object time, Instant now) {
        Instant then = time instanceof OffsetDateTime odt ? odt.toInstant()
                : time instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) time;
        return Math.max(0, Duration.between(then, now).toSeconds());
    }
}
