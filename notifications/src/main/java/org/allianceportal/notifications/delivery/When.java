package org.allianceportal.notifications.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and dates as notices write them: "Thu 10 Jan 2030, 10:00 UTC" (a mail does not know the reader's zone). */
public final class When {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ON = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private When() {
    }

    public static String at(Instant instant) {
        return AT.format(instant);
    }

    public static String on(LocalDate date) {
        return ON.format(date);
    }

    /** A payload's ISO-8601 instant ("2030-01-10T10:00:00Z"), or the text as it is when it is not one. */
    static String atIso(Object iso) {
        try {
            return at(Instant.parse(String.valueOf(iso)));
        } catch (RuntimeException e) {
            return String.valueOf(iso);
        }
    }

    /** A payload's ISO-8601 date ("2030-01-10"), or the text as it is when it is not one. */
    static String onIso(Object iso) {
        try {
            return on(LocalDate.parse(String.valueOf(iso)));
        } catch (RuntimeException e) {
            return String.valueOf(iso);
        }
    }
}
