package org.allianceportal.core.shared;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The one source of "now" for the domain (UTC). Demo history and tests replay past events with
 * {@link #at}, so every change still goes through the domain services and the log.
 */
@ApplicationScoped
public class TimeKeeper {

    private static final ThreadLocal<Instant> REPLAY = new ThreadLocal<>();

    /** Now, to the microsecond: what PostgreSQL keeps, so a time reads back exactly as it was hashed. */
    public Instant now() {
        Instant replayed = REPLAY.get();
        return (replayed != null ? replayed : Instant.now()).truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    /** Runs {@code work} on this thread as if the clock showed {@code at}. */
    public <T> T at(Instant at, Supplier<T> work) {
        Instant previous = REPLAY.get();
        REPLAY.set(at);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                REPLAY.remove();
            } else {
                REPLAY.set(previous);
            }
        }
    }
}
