package org.allianceportal.core.admin;

import java.time.Instant;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.shared.Role;

/** One person with access to one alliance through their party organisation, as the access review lists them. */
public record AccessRow(long allianceId, String alliance, boolean archived, long organisationId, String organisation,
        long personId, String name, String email, Role role, MembershipStatus status, Instant invitedAt,
        String invitedBy, Instant lastLoginAt) {
}
