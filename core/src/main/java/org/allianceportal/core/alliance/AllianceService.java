package org.allianceportal.core.alliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.core.shared.Text;

/** Alliances as their parties see them, and their creation by platform administrators. */
@ApplicationScoped
public class AllianceService {

    /** Names of organisations and alliances (and Keycloak aliases) fit in one line. */
    public static final int NAME_MAX = 200;

    @Inject
    ChangeRecorder recorder;

    @Inject
    TimeKeeper time;

    /** The alliances the actor's organisation is party to, with all their parties, by name. */
    public List<Alliance> visibleTo(Actor actor) {
        if (actor.organisationId() == null) {
            return List.of();
        }
        return Alliance.find("""
                select distinct a from Alliance a left join fetch a.parties
                where exists (select 1 from Alliance x join x.parties p where x = a and p.id = ?1)
                order by a.name""", actor.organisationId()).list();
    }

    /** The alliance, if the actor's organisation is party to it; otherwise it does not exist for them. */
    public Alliance get(Actor actor, long allianceId) {
        return Alliance.scopedTo(actor, allianceId);
    }

    @Transactional
    public Organisation createOrganisation(Actor actor, String name, String keycloakAlias) {
        requireAdmin(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = Text.check(errors, "name", name, NAME_MAX, "Give the organisation's name.");
        String cleanAlias = Text.check(errors, "keycloakAlias", keycloakAlias, NAME_MAX,
                "Give the organisation's alias in Keycloak.");
        if (!errors.containsKey("name") && Organisation.count("name", cleanName) > 0) {
            errors.put("name", "An organisation with this name exists already.");
        }
        if (!errors.containsKey("keycloakAlias") && Organisation.count("keycloakAlias", cleanAlias) > 0) {
            errors.put("keycloakAlias", "An organisation with this alias exists already.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Organisation organisation = new Organisation();
        organisation.name = cleanName;
        organisation.keycloakAlias = cleanAlias;
        organisation.createdAt = time.now();
        organisation.persist();
        return organisation;
    }

    /** Founds an alliance; its log opens with the founding entry naming the parties. */
    @Transactional
    public Alliance create(Actor actor, String name, String description, List<Long> partyIds) {
        requireAdmin(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = Text.check(errors, "name", name, NAME_MAX, "Give the alliance a name.");
        List<Organisation> parties = partyIds == null ? List.of()
                : Organisation.<Organisation>list("id in ?1", partyIds);
        if (parties.size() < 2) {
            errors.put("parties", "An alliance needs at least two party organisations.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Alliance alliance = new Alliance();
        alliance.name = cleanName;
        alliance.description = Text.optional("description", description);
        alliance.createdAt = time.now();
        alliance.parties.addAll(parties);
        alliance.persist();
        recorder.record(actor, alliance, "alliance.founded", "alliance", alliance.id,
                Map.of("name", alliance.name, "parties", parties.stream().map(o -> o.name).sorted().toList()),
                parties);
        return alliance;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new Forbidden("Only a platform administrator can do this.");
        }
    }
}
