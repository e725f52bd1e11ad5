package org.allianceportal.core.concern;

/** How serious a concern is; it sets how many business days the other side has to acknowledge it. */
public enum Severity {
    HIGH(1),
    MEDIUM(3),
    LOW(5);

    public final int acknowledgementBusinessDays;

    Severity(int acknowledgementBusinessDays) {
        this.acknowledgementBusinessDays = acknowledgementBusinessDays;
    }
}
