package org.allianceportal.core.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;

/** Creates fresh organisations and an alliance in the real database, with names unique to each test. */
@ApplicationScoped
public class World {

    @Inject
    AllianceService alliances;

    public record Setup(Alliance alliance, Organisation acme, Organisation globex, Organisation initech,
            Actor acmeLead, Actor acmeMember, Actor globexLead, Actor globexMember, Actor initechLead) {
    }

    /** Acme and Globex in one alliance; Initech exists but is not party to it. */
    public Setup twoParties() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        Organisation acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        Organisation globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        Organisation initech = alliances.createOrganisation(admin, "Initech " + tag, "initech-" + tag);
        Alliance alliance = alliances.create(admin, "Go-to-market " + tag, null, List.of(acme.id, globex.id));
        return new Setup(alliance, acme, globex, initech,
                new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD),
                new Actor("anna-" + tag, "Anna", acme.id, Role.MEMBER),
                new Actor("bruno-" + tag, "Bruno", globex.id, Role.LEAD),
                new Actor("bella-" + tag, "Bella", globex.id, Role.MEMBER),
                new Actor("ivan-" + tag, "Ivan", initech.id, Role.LEAD));
    }
}
