package org.allianceportal.core.concern;

/** Where a concern stands in its lifecycle. */
public enum ConcernState {
    /** Raised, waiting for the other side to acknowledge it. */
    RAISED,
    ACKNOWLEDGED,
    RESPONDED,
    RESOLUTION_PROPOSED,
    /** Resolved: confirmed by the side that raised it. */
    RESOLVED,
    /** Moved one level up the ladder, waiting for acknowledgement at that level. */
    ESCALATED;

    public boolean isOpen() {
        return this != RESOLVED;
    }

    /** Waiting for the other side to acknowledge, so the acknowledgement deadline runs. */
    public boolean awaitsAcknowledgement() {
        return this == RAISED || this == ESCALATED;
    }
}
