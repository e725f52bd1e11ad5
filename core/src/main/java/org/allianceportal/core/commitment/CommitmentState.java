package org.allianceportal.core.commitment;

/** Where a commitment stands. Overdue is not a state: it is derived from the due date. */
public enum CommitmentState {
    PROPOSED,
    AGREED,
    DELIVERED,
    ACCEPTED,
    DISPUTED,
    WITHDRAWN,
    WAIVED;

    /** Still owed: it can fall overdue. */
    public boolean isOutstanding() {
        return this == PROPOSED || this == AGREED || this == DISPUTED;
    }

    public boolean isFinal() {
        return this == ACCEPTED || this == WITHDRAWN || this == WAIVED;
    }
}
