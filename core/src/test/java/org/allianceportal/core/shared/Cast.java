package org.allianceportal.core.shared;

import java.time.Instant;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;

/** An alliance of Acme, Globex and Initech, with a lead and a member of each, in memory. */
public final class Cast {

    public final Organisation acme = organisation(1L, "Acme Corp");
    public final Organisation globex = organisation(2L, "Globex Inc");
    public final Organisation initech = organisation(3L, "Initech");
    public final Alliance alliance = new Alliance();

    public final Actor acmeLead = new Actor("alice", "Alice", acme.id, Role.LEAD);
    public final Actor acmeMember = new Actor("anna", "Anna", acme.id, Role.MEMBER);
    public final Actor globexLead = new Actor("bruno", "Bruno", globex.id, Role.LEAD);
    public final Actor globexMember = new Actor("bella", "Bella", globex.id, Role.MEMBER);
    public final Actor initechLead = new Actor("ivan", "Ivan", initech.id, Role.LEAD);
    public final Actor admin = new Actor("admin", "Admin", null, Role.ADMIN);

    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z"); // a Wednesday

    public Cast() {
        alliance.id = 10L;
        alliance.name = "Acme–Globex–Initech";
        alliance.parties.add(acme);
        alliance.parties.add(globex);
        alliance.parties.add(initech);
    }

    private static Organisation organisation(long id, String name) {
        Organisation o = new Organisation();
        o.id = id;
        o.name = name;
        o.keycloakAlias = name.toLowerCase();
        return o;
    }
}
