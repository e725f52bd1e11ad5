package org.allianceportal.core.concern;

import java.util.Optional;

/** The ladder a concern climbs when it is not dealt with at its current level. */
public enum EscalationLevel {
    WORKING_TEAM("Working team"),
    ALLIANCE_LEADS("Alliance leads"),
    STEERING_COMMITTEE("Steering committee");

    public final String label;

    EscalationLevel(String label) {
        this.label = label;
    }

    /** One rung up, or empty at the top. */
    public Optional<EscalationLevel> next() {
        int up = ordinal() + 1;
        return up < values().length ? Optional.of(values()[up]) : Optional.empty();
    }
}
