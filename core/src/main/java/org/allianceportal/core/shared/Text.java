package org.allianceportal.core.shared;

import org.allianceportal.core.shared.DomainException.InvalidInput;

/** How the domain takes free text from users: trimmed, empty as absent, bounded in length. */
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
        String trimmed = trimToNull(text);
        if (trimmed != null && trimmed.length() > LONG_MAX) {
            throw new InvalidInput(field, "Keep it under " + LONG_MAX + " characters.");
        }
        return trimmed;
    }

    /** Required text of at most {@link #LONG_MAX} characters; {@code missing} says what to write. */
    public static String required(String field, String text, String missing) {
        String trimmed = optional(field, text);
        if (trimmed == null) {
            throw new InvalidInput(field, missing);
        }
        return trimmed;
    }
}
