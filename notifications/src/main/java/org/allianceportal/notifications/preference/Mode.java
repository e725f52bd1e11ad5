package org.allianceportal.notifications.preference;

/** How a person wants e-mail of one kind. In-app notices always appear. */
public enum Mode {
    IMMEDIATE,
    DIGEST,
    OFF
}
