package org.allianceportal.core.alliance;

/**
 * Where a person stands in their organisation: invited (no login yet), active, disabled (may come back)
 * or removed (left the organisation; a new invitation starts over). Only active people hear anything.
 */
public enum MembershipStatus {
    INVITED,
    ACTIVE,
    DISABLED,
    REMOVED
}
