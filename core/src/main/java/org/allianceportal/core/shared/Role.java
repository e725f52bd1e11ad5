package org.allianceportal.core.shared;

/** What a user may do: a partner member, a partner lead (also a member), or a platform administrator. */
public enum Role {
    MEMBER,
    LEAD,
    ADMIN
}
