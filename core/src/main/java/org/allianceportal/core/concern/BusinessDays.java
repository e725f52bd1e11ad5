package org.allianceportal.core.concern;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Deadlines counted in business days: Saturdays and Sundays do not count. Computed in UTC. */
public final class BusinessDays {

    private BusinessDays() {
    }

    /**
     * The same time of day {@code days} business days later. Starting on a weekend counts from the
     * following Monday, so a Saturday concern with one business day is due Monday.
     */
    public static Instant add(Instant from, int days) {
        ZonedDateTime t = from.atZone(ZoneOffset.UTC);
        int left = days;
        while (left > 0) {
            t = t.plusDays(1);
            if (!isWeekend(t.getDayOfWeek())) {
                left--;
            }
        }
        return t.toInstant();
    }

    private static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
