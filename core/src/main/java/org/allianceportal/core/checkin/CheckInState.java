package org.allianceportal.core.checkin;

/** Where one check-in stands. */
public enum CheckInState {
    SCHEDULED,
    CANCELLED,
    /** It took place: attendance or minutes were recorded. */
    HELD,
    /** Its time passed and nobody recorded that it took place: a trust signal. */
    MISSED
}
