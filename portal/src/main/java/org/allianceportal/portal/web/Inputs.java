package org.allianceportal.portal.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.allianceportal.core.shared.DomainException.InvalidInput;

/**
 * Turns what a browser sends into what the domain takes. Anything unreadable becomes "absent", so
 * the domain's own field check answers it with a clear message instead of a generic 400.
 */
public final class Inputs {

    private Inputs() {
    }

    public static Long id(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static <E extends Enum<E>> E choice(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** For re-showing what was typed: null as "". */
    public static String typed(String value) {
        return value == null ? "" : value;
    }

    /** A date typed as yyyy-mm-dd (what a date input sends); anything else is a field error. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "Write the date as yyyy-mm-dd, e.g. 2027-03-31.");
        }
        // java.time reads years like +9999999, which the database cannot store
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new InvalidInput(field, "Give a date between the years 1 and 9999.");
        }
        return date;
    }

    /** Enum constants as the names templates compare against, e.g. {@code can.contains('AGREE')}. */
    public static Set<String> names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.toSet());
    }

    /** A time of day typed as hh:mm (what a time input sends); anything else is a field error. */
    public static LocalTime time(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : LocalTime.parse(value.trim());
        } catch (DateTimeException e) {
            throw new InvalidInput(field, "Give the time as hh:mm, e.g. 10:00.");
        }
    }

    /** A whole number, or null when absent or not a number (the domain says what it needs). */
    public static Integer number(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A whole number in a list's address (a filter, a page position); absent as null, anything else a field
     * error saying {@code what} it should be, so a mistyped address gets a clear message, not a 500.
     */
    public static Long wholeNumber(String field, String value, String what) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, what + " is a whole number, not \"" + shown(value) + "\".");
        }
    }

    /** One of an enum's constants in a list's address; absent as null, anything else a field error. */
    public static <E extends Enum<E>> E filterChoice(String field, Class<E> type, String value, String what) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, what + " is one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", not \"" + shown(value) + "\".");
        }
    }

    /**
     * Any of an enum's constants in a list's address, the parameter repeated ({@code ?state=A&state=B}); blank
     * ones (an "any" choice) are left out, none means no filter, anything else is a field error.
     */
    public static <E extends Enum<E>> Set<E> filterChoices(String field, Class<E> type, List<String> values, String what) {
        Set<E> chosen = EnumSet.noneOf(type);
        if (values != null) {
            for (String value : values) {
                E one = filterChoice(field, type, value, what);
                if (one != null) {
                    chosen.add(one);
                }
            }
        }
        return chosen;
    }

    /** What was typed, shortened for a message. */
    private static String shown(String value) {
        String v = value.strip();
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    /** A parameter repeated in a query string, once per value, each followed by "&" (nothing for no values). */
    public static String each(String name, List<String> values) {
        return values.stream().map(v -> name + "=" + enc(v) + "&").collect(Collectors.joining());
    }

    /** Whether {@code values}, as typed in a list's address, hold {@code value} (to show it ticked in the form). */
    public static boolean holds(List<String> values, String value) {
        return values.stream().anyMatch(v -> v.strip().equals(value));
    }

    /** A value for a query string: URL-encoded, absent as "". */
    public static String enc(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
