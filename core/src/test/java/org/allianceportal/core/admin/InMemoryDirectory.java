package org.allianceportal.core.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The directory port as the domain rules see it, kept in memory so that each rule's test says what
 * was asked of the identity provider. The Keycloak adapter itself is tested against the real Keycloak
 * (deployment's AdministrationIT). {@link #refuseNext} makes the next call fail as Keycloak would.
 */
class InMemoryDirectory implements Directory {

    final Set<String> organisations = new HashSet<>();
    final Map<String, String> organisationOf = new HashMap<>();
    final Set<String> disabled = new HashSet<>();
    final Set<String> leads = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    private boolean refuse;

    /** What else happens while Keycloak disables someone (as Keycloak's own events can set off). */
    Runnable whileDisabling = () -> { };

    void refuseNext() {
        refuse = true;
    }

    private void call(String what) {
        if (refuse) {
            refuse = false;
            throw new DirectoryFailure("Keycloak could not be reached", true, null);
        }
        calls.add(what);
    }

    @Override
    public void createOrganisation(String name, String alias) {
        call("createOrganisation " + alias);
        if (!organisations.add(alias)) {
            throw new AliasTaken(alias);
        }
    }

    @Override
    public void renameOrganisation(String alias, String name) {
        call("renameOrganisation " + alias + " " + name);
    }

    @Override
    public void disableOrganisation(String alias) {
        call("disableOrganisation " + alias);
    }

    @Override
    public String invite(String alias, Invitee invitee) {
        call("invite " + invitee.email() + " " + alias);
        String id = UUID.randomUUID().toString();
        organisationOf.put(id, alias);
        if (invitee.lead()) {
            leads.add(id);
        }
        return id;
    }

    @Override
    public void resendInvitation(String userId) {
        call("resend " + userId);
    }

    @Override
    public void setLead(String userId, boolean lead) {
        call("setLead " + userId + " " + lead);
        if (lead) {
            leads.add(userId);
        } else {
            leads.remove(userId);
        }
    }

    @Override
    public long disable(String userId) {
        call("disable " + userId);
        disabled.add(userId);
        whileDisabling.run();
        return System.currentTimeMillis() / 1000;
    }

    @Override
    public void enable(String userId) {
        call("enable " + userId);
        disabled.remove(userId);
    }

    @Override
    public long removeFromOrganisation(String alias, String userId) {
        call("remove " + userId + " " + alias);
        organisationOf.remove(userId);
        return System.currentTimeMillis() / 1000;
    }

    @Override
    public long endSessions(String userId) {
        call("endSessions " + userId);
        return System.currentTimeMillis() / 1000;
    }

    @Override
    public List<Member> members(String alias) {
        return organisationOf.entrySet().stream().filter(e -> e.getValue().equals(alias))
                .map(e -> new Member(e.getKey(), e.getKey(), null, null, !disabled.contains(e.getKey()),
                        leads.contains(e.getKey())))
                .toList();
    }
}
