package org.allianceportal.core.shared;

/**
 * Who issues a command: the Keycloak subject, a display name, the one organisation the user belongs to
 * (null for a platform administrator without one, and for the system) and the role.
 * Always built from the verified identity, never from form input.
 */
public record Actor(String userId, String name, Long organisationId, Role role) {

    public static final String SYSTEM_ID = "system";

    /** The portal itself, e.g. when an acknowledgement deadline passes and a concern escalates. */
    public static Actor system() {
        return new Actor(SYSTEM_ID, "Alliance Portal", null, Role.ADMIN);
    }

    public boolean isSystem() {
        return SYSTEM_ID.equals(userId);
    }

    public boolean isLead() {
        return role == Role.LEAD;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean belongsTo(Long organisation) {
        return organisationId != null && organisationId.equals(organisation);
    }

    public boolean isLeadOf(Long organisation) {
        return isLead() && belongsTo(organisation);
    }
}
