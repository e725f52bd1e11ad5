package org.allianceportal.core.shared;

import java.util.Map;

/** A command the domain refused. Each kind maps once to one HTTP answer in the portal. */
public abstract sealed class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }

    /** Absent, or invisible to the actor's organisation: both look the same from outside (404). */
    public static final class NotFound extends DomainException {
        public NotFound(String what, Object id) {
            super(what + " " + id + " not found");
        }
    }

    /** The actor sees the thing but their role or side may not do this (e.g. a member agreeing). */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** The lifecycle does not allow this command in the current state. */
    public static final class IllegalTransition extends DomainException {
        public IllegalTransition(String message) {
            super(message);
        }
    }

    /** Someone changed the thing after the actor loaded it. */
    public static final class Conflict extends DomainException {
        public Conflict(String what, Object id) {
            super(what + " " + id + " was changed by someone else in the meantime");
        }
    }

    /** Bad input, field by field (field name -> message), so forms can show it next to each field. */
    public static non-sealed class InvalidInput extends DomainException {
        public final Map<String, String> fieldErrors;

        public InvalidInput(Map<String, String> fieldErrors) {
            super("Invalid input: " + fieldErrors);
            this.fieldErrors = Map.copyOf(fieldErrors);
        }

        public InvalidInput(String field, String message) {
            this(Map.of(field, message));
        }
    }

    /** Input that names something that exists already (an e-mail invited twice, an alias taken): 409 in the API. */
    public static final class Duplicate extends InvalidInput {
        public Duplicate(String field, String message) {
            super(field, message);
        }
    }
}
