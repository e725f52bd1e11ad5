package org.allianceportal.core.alliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Duplicate;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.core.shared.Text;

/** Alliances as their parties see them, and their creation by platform administrators. */
@ApplicationScoped
public class AllianceService {

    /** Names of organisations and alliances (and Keycloak aliases) fit in one line. */
    public static final int NAME_MAX = 200;

    /** Aliases travel in tokens and URLs (Keycloak's organization claim): short, lower case, no spaces. */
    public static final int ALIAS_MAX = 64;
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]*");

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
        String cleanAlias = Text.check(errors, "alias", keycloakAlias, ALIAS_MAX,
                "Give the organisation a short alias, e.g. hooli.");
        if (cleanAlias != null && !errors.containsKey("alias") && !ALIAS.matcher(cleanAlias).matches()) {
            errors.put("alias", "Use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. hooli.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (Organisation.count("lower(name) = lower(?1)", cleanName) > 0) {
            throw new Duplicate("name", "An organisation with this name exists already.");
        }
        if (Organisation.count("keycloakAlias", cleanAlias) > 0) {
            throw new Duplicate("alias", "This alias is taken by another organisation.");
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
