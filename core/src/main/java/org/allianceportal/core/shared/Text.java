package org.allianceportal.core.shared;

import java.util.Map;
import org.allianceportal.core.shared.DomainException.InvalidInput;

/**
 * How the domain takes free text from users: trimmed, empty as absent, bounded in length (counted in
 * characters as people count them, not in UTF-16 units), and free of control characters.
 */
public final class Text {

    public static final int LONG_MAX = 4000;

    private Text() {
    }

    public static String trimToNull(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Optional text of at most {@link #LONG_MAX} characters. */
    public static String optional(String field, String text) {
        return checked(field, text, LONG_MAX, null);
    }

    /** Required text of at most {@link #LONG_MAX} characters; {@code missing} says what to write. */
    public static String required(String field, String text, String missing) {
        return checked(field, text, LONG_MAX, missing);
    }

    /** Required text of at most {@code max} characters; {@code missing} says what to write. */
    public static String required(String field, String text, int max, String missing) {
        return checked(field, text, max, missing);
    }

    /**
     * The same rules for checks that report every field at once: a refusal goes into {@code errors}.
     *
     * @param max     the most characters the field may have
     * @param missing what to write when it is required, or null when it is optional
     * @return the trimmed text, or null when absent
     */
    public static String check(Map<String, String> errors, String field, String text, int max, String missing) {
        String trimmed = trimToNull(text);
        String refusal = trimmed == null ? missing : refusal(trimmed, max);
        if (refusal != null) {
            errors.put(field, refusal);
        }
        return trimmed;
    }

    private static String checked(String field, String text, int max, String missing) {
        String trimmed = trimToNull(text);
        String refusal = trimmed == null ? missing : refusal(trimmed, max);
        if (refusal != null) {
            throw new InvalidInput(field, refusal);
        }
        return trimmed;
    }

    /** Why the text cannot be kept, or null if it can. */
    private static String refusal(String trimmed, int max) {
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > max) {
            return "Keep it to at most " + max + " characters (this has " + length + ").";
        }
        if (trimmed.codePoints().anyMatch(Text::isControl)) {
            return "Remove the invisible control characters (such as NUL) from it: they are not text and cannot be stored.";
        }
        return null;
    }

    /** Control characters other than tab and line breaks: no person writes them, and PostgreSQL refuses NUL. */
    private static boolean isControl(int c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }

    /** A case-insensitive LIKE pattern for "contains this text", its wildcards escaped (compare with lower(...)). */
    public static String likeContaining(String text) {
        return "%" + likeLiteral(text.strip().toLowerCase(java.util.Locale.ROOT)) + "%";
    }

    /** A LIKE pattern for "starts with this text", its wildcards escaped. */
    public static String likeStartingWith(String text) {
        return likeLiteral(text.strip()) + "%";
    }

    private static String likeLiteral(String text) {
        return text.replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * A full-text query (PostgreSQL's to_tsquery, 'simple' configuration) for "every word, as the start of a
     * word": "launch dec" finds "Launch deck". Only letters and digits are kept, so no input is a syntax error;
     * null when nothing searchable is left.
     */
    public static String prefixQuery(String text) {
        if (text == null) {
            return null;
        }
        String query = java.util.Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty()).limit(20).map(word -> word + ":*")
                .collect(java.util.stream.Collectors.joining(" & "));
        return query.isEmpty() ? null : query;
    }
}
