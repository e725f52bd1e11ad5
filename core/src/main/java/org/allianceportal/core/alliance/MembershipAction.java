package org.allianceportal.core.alliance;

import java.util.Set;

/** What an administrator can do to a person, from which status, and whether a lead may do it for their own organisation. */
public enum MembershipAction {
    RESEND(Set.of(MembershipStatus.INVITED), true),
    CHANGE_ROLE(Set.of(MembershipStatus.INVITED, MembershipStatus.ACTIVE), false),
    DISABLE(Set.of(MembershipStatus.INVITED, MembershipStatus.ACTIVE), false),
    ENABLE(Set.of(MembershipStatus.DISABLED), false),
    REMOVE(Set.of(MembershipStatus.INVITED, MembershipStatus.ACTIVE, MembershipStatus.DISABLED), true);

    private final Set<MembershipStatus> from;

    /** Leads may do it to the members (not the leads) of their own organisation. */
    public final boolean delegatedToLeads;

    MembershipAction(Set<MembershipStatus> from, boolean delegatedToLeads) {
        this.from = from;
        this.delegatedToLeads = delegatedToLeads;
    }

    public boolean allowedFrom(MembershipStatus status) {
        return from.contains(status);
    }
}
