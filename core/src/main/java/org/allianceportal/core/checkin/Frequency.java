package org.allianceportal.core.checkin;

import java.time.LocalDate;

/** How often an alliance meets. */
public enum Frequency {
    WEEKLY,
    FORTNIGHTLY,
    MONTHLY,
    QUARTERLY;

    /** The date of occurrence {@code n} (0 = the first). Months keep the day, or the month's last day. */
    public LocalDate occurrence(LocalDate first, int n) {
        return switch (this) {
            case WEEKLY -> first.plusWeeks(n);
            case FORTNIGHTLY -> first.plusWeeks(2L * n);
            case MONTHLY -> first.plusMonths(n);
            case QUARTERLY -> first.plusMonths(3L * n);
        };
    }
}
