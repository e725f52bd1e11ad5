package org.allianceportal.notifications.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.MembershipService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.concern.ConcernService;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Role;

/** A fresh Acme–Globex alliance with Bruno (Globex lead) enrolled, and a concern Acme raises to Globex. */
@ApplicationScoped
public class Pact {

    @Inject
    AllianceService alliances;

    @Inject
    MembershipService memberships;

    @Inject
    ConcernService concerns;

    /** Names unique to one test, so tests share a database without seeing each other's rows. */
    public record Setup(String tag, long alliance, Actor alice, Organisation globex) {
        public String bruno() {
            return "bruno-" + tag;
        }
    }

    public Setup withBruno() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + tag, "Admin", null, Role.ADMIN);
        Organisation acme = alliances.createOrganisation(admin, "Acme " + tag, "acme-" + tag);
        Organisation globex = alliances.createOrganisation(admin, "Globex " + tag, "globex-" + tag);
        long alliance = alliances.create(admin, "Pact " + tag, null, List.of(acme.id, globex.id)).id;
        memberships.enrol("bruno-" + tag, "bruno", "Bruno", "bruno-" + tag + "@globex.example", globex, Role.LEAD);
        return new Setup(tag, alliance, new Actor("alice-" + tag, "Alice", acme.id, Role.LEAD), globex);
    }

    public void raiseQuotesAreLate(Setup s) {
        concerns.raise(s.alice(), s.alliance(),
                new ConcernService.Draft(s.globex().id, Severity.HIGH, "Quotes are late", "Late", null));
    }

    /** The e-mail delivery of the raised concern to this person, read afresh. */
    public Delivery concernMailTo(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "kind = 'concern.raised' and recipientUserId = ?1 and channel = ?2", userId, Delivery.Channel.EMAIL)
                .singleResult());
    }
}
