package org.allianceportal.core.admin;

import static org.allianceportal.core.admin.OrganisationAdministration.requireAdmin;
import static org.allianceportal.core.log.ChangeRecorder.payload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.allianceportal.core.admin.AdminAudit.Target;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.Cadence;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.checkin.CheckInService.CadenceDraft;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * Alliances as the platform administrator sets them up: founded, parties added and removed, archived,
 * their rhythm and acknowledgement deadlines set. Who can see an alliance changes only here, and each
 * such change is in the alliance's own log as well as the admin audit.
 */
@ApplicationScoped
public class AllianceAdministration {

    public static final int MAX_ACKNOWLEDGEMENT_DAYS = 30;

    @Inject
    AllianceService alliances;

    @Inject
    CheckInService checkIns;

    @Inject
    ChangeRecorder recorder;

    @Inject
    AdminAudit audit;

    @Inject
    TimeKeeper time;

    public List<Alliance> all(Actor actor) {
        requireAdmin(actor);
        return Alliance.list("select distinct a from Alliance a left join fetch a.parties order by a.name");
    }

    /** Any alliance, for the platform administrator (who is party to none). */
    public Alliance get(Actor actor, long allianceId) {
        requireAdmin(actor);
        return Alliance.<Alliance>find("select a from Alliance a left join fetch a.parties where a.id = ?1", allianceId)
                .singleResultOptional().orElseThrow(() -> new NotFound("Alliance", allianceId));
    }

    @Transactional
    public Alliance found(Actor actor, String name, String description, List<Long> partyIds) {
        Alliance alliance = alliances.create(actor, name, description, partyIds);
        audit.record(actor, "alliance.founded", target(alliance), null,
                payload("name", alliance.name, "parties", partyNames(alliance)));
        for (Organisation party : alliance.parties) {
            recordPeopleOf(actor, alliance, party);
        }
        return alliance;
    }

    @Transactional
    public Alliance addParty(Actor actor, long allianceId, Long organisationId) {
        Alliance alliance = open(actor, allianceId);
        Organisation organisation = organisationId == null ? null : Organisation.findById(organisationId);
        if (organisation == null || organisation.isDisabled()) {
            throw new InvalidInput("organisationId", "Choose an organisation that is not disabled.");
        }
        if (alliance.hasParty(organisation.id)) {
            throw new InvalidInput("organisationId", organisation.name + " is already party to this alliance.");
        }
        List<String> before = partyNames(alliance);
        alliance.parties.add(organisation);
        partiesChanged(actor, alliance, "alliance.party_added", organisation, before);
        recordPeopleOf(actor, alliance, organisation);
        return alliance;
    }

    /** Takes an organisation out of an alliance: its people lose sight of it at their next request. */
    @Transactional
    public Alliance removeParty(Actor actor, long allianceId, long organisationId) {
        Alliance alliance = open(actor, allianceId);
        Organisation organisation = alliance.parties.stream().filter(o -> o.id == organisationId).findFirst()
                .orElseThrow(() -> new NotFound("Party", organisationId));
        if (alliance.parties.size() <= 2) {
            throw new IllegalTransition("An alliance needs at least two parties: add another before removing "
                    + organisation.name + ", or archive the alliance.");
        }
        List<String> before = partyNames(alliance);
        alliance.parties.remove(organisation);
        partiesChanged(actor, alliance, "alliance.party_removed", organisation, before);
        return alliance;
    }

    /** Archives: the record stays readable and verifiable, takes no further change and sends no reminder. */
    @Transactional
    public Alliance archive(Actor actor, long allianceId) {
        Alliance alliance = open(actor, allianceId);
        recorder.record(actor, alliance, "alliance.archived", "alliance", alliance.id, payload("name", alliance.name),
                alliance.parties);
        alliance.archivedAt = time.now();
        audit.record(actor, "alliance.archived", target(alliance), payload("archived", false), payload("archived", true));
        return alliance;
    }

    /** Business days to acknowledge a concern per severity; applies to concerns raised (or reopened) from now on. */
    @Transactional
    public Alliance setAcknowledgementDeadlines(Actor actor, long allianceId, Map<Severity, Integer> days) {
        Alliance alliance = open(actor, allianceId);
        Map<String, String> errors = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            Integer value = days.get(severity);
            if (value == null || value < 1 || value > MAX_ACKNOWLEDGEMENT_DAYS) {
                errors.put(severity.name(), "Give between 1 and " + MAX_ACKNOWLEDGEMENT_DAYS + " business days.");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Map<String, Object> before = deadlines(alliance);
        alliance.acknowledgeDaysHigh = days.get(Severity.HIGH);
        alliance.acknowledgeDaysMedium = days.get(Severity.MEDIUM);
        alliance.acknowledgeDaysLow = days.get(Severity.LOW);
        Map<String, Object> after = deadlines(alliance);
        recorder.record(actor, alliance, "alliance.acknowledgement_deadlines_set", "alliance", alliance.id, after,
                alliance.parties);
        audit.record(actor, "alliance.acknowledgement_deadlines_set", target(alliance), before, after);
        return alliance;
    }

    @Transactional
    public Cadence setCadence(Actor actor, long allianceId, CadenceDraft draft) {
        Alliance alliance = open(actor, allianceId);
        Cadence cadence = checkIns.setCadenceAsAdministrator(actor, alliance, draft);
        audit.record(actor, "alliance.cadence_set", target(alliance), null,
                payload("frequency", cadence.frequency, "firstDate", cadence.firstDate,
                        "localTime", cadence.localTime.toString(), "zone", cadence.zone,
                        "durationMinutes", cadence.durationMinutes));
        return cadence;
    }

    /** Business days per severity as they apply now. */
    public static Map<Severity, Integer> acknowledgementDays(Alliance alliance) {
        Map<Severity, Integer> days = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            days.put(severity, alliance.acknowledgementDays(severity));
        }
        return days;
    }

    private Alliance open(Actor actor, long allianceId) {
        Alliance alliance = get(actor, allianceId);
        alliance.requireOpen();
        return alliance;
    }

    private void partiesChanged(Actor actor, Alliance alliance, String action, Organisation organisation,
            List<String> before) {
        List<String> after = partyNames(alliance);
        // the organisation that left hears of it too: it was party until this moment
        List<Organisation> audience = new ArrayList<>(alliance.parties);
        if (!audience.contains(organisation)) {
            audience.add(organisation);
        }
        recorder.record(actor, alliance, action, "organisation", organisation.id,
                payload("organisation", organisation.name, "parties", after), audience);
        audit.record(actor, action, target(alliance), payload("parties", before), payload("parties", after));
    }

    /**
     * Who of a party can see the alliance from the moment it joins, in the alliance's own log: the other
     * partner reads there who sees their shared record (later changes follow, one entry each).
     */
    private void recordPeopleOf(Actor actor, Alliance alliance, Organisation party) {
        List<String> people = Membership.<Membership>list("organisation = ?1 and status in ?2 order by displayName",
                party, List.of(MembershipStatus.INVITED, MembershipStatus.ACTIVE)).stream()
                .map(m -> m.displayName + " (" + m.role.name().toLowerCase(Locale.ROOT) + ")").toList();
        recorder.record(actor, alliance, "alliance.party_people", "organisation", party.id,
                payload("organisation", party.name, "people", people), List.of());
    }

    private static Map<String, Object> deadlines(Alliance alliance) {
        Map<String, Object> days = new LinkedHashMap<>();
        acknowledgementDays(alliance).forEach((severity, n) -> days.put(severity.name(), n));
        return days;
    }

    private static List<String> partyNames(Alliance alliance) {
        return alliance.parties.stream().map(o -> o.name).sorted().toList();
    }

    private static Target target(Alliance alliance) {
        return new Target("alliance", alliance.id, alliance.name, null);
    }
}
