package org.allianceportal.core.alliance;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Forbidden;

/** Who may act for which side of a commitment or concern. */
public final class Parties {

    private Parties() {
    }

    public static void requireMemberOf(Actor actor, Organisation... sides) {
        for (Organisation side : sides) {
            if (actor.belongsTo(side.id)) {
                return;
            }
        }
        throw new Forbidden("Only people of " + names(sides) + " can do this.");
    }

    public static void requireLeadOf(Actor actor, Organisation... sides) {
        requireMemberOf(actor, sides);
        if (!actor.isLead()) {
            throw new Forbidden("Only a lead of " + names(sides) + " can do this.");
        }
    }

    private static String names(Organisation... sides) {
        return Arrays.stream(sides).map(o -> o.name).collect(Collectors.joining(" or "));
    }
}
