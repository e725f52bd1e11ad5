package org.allianceportal.core.admin;

import java.util.List;

/**
 * The identity provider as administration needs it (Keycloak in the portal). Core passes it in per
 * command so that every rule is checked, and the portal's database changed, in the same transaction
 * as the call that Keycloak accepted: a refusal throws {@link DirectoryFailure} and rolls it all back.
 */
public interface Directory {

    // Organisations are named by their alias, which never changes and is what tokens carry.

    /** Creates the organisation. An alias that is taken there throws {@link AliasTaken}. */
    void createOrganisation(String name, String alias);

    void renameOrganisation(String alias, String name);

    void disableOrganisation(String alias);

    /**
     * Makes the person a member of the organisation with the required actions to verify their e-mail
     * and set a password, and sends them the e-mail to do so; returns their user id.
     */
    String invite(String alias, Invitee invitee);

    /** Sends the set-your-password e-mail again. */
    void resendInvitation(String userId);

    void setLead(String userId, boolean lead);

    /** Disables the user and ends their sessions; returns the not-before time set (epoch seconds). */
    long disable(String userId);

    void enable(String userId);

    /** Takes the user out of the organisation and ends their sessions; returns the not-before time set. */
    long removeFromOrganisation(String alias, String userId);

    /** Ends the user's sessions (their role or access changed); returns the not-before time set. */
    long endSessions(String userId);

    /** The organisation's members as Keycloak has them now (the reconciliation job compares). */
    List<Member> members(String alias);

    record Invitee(String email, String firstName, String lastName, boolean lead) {
    }

    record Member(String userId, String username, String email, String name, boolean enabled, boolean lead) {
    }

    /** Keycloak refused or could not be reached; nothing was changed. */
    class DirectoryFailure extends RuntimeException {
        public final boolean unreachable;

        public DirectoryFailure(String message, boolean unreachable, Throwable cause) {
            super(message, cause);
            this.unreachable = unreachable;
        }
    }

    /** The alias is taken in Keycloak (e.g. by an organisation created in its own console). */
    class AliasTaken extends RuntimeException {
        public AliasTaken(String alias) {
            super("The alias " + alias + " is taken in Keycloak");
        }
    }

    /** The e-mail belongs to a Keycloak user who is already in an organisation. */
    class EmailTaken extends RuntimeException {
        public EmailTaken(String email) {
            super(email + " is already a member of an organisation in Keycloak");
        }
    }
}
