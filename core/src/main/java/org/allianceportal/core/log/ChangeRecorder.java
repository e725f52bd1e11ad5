package org.allianceportal.core.log;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.shared.Actor;

/**
 * The one place a domain command records what it did: a transparency-log entry and, for each
 * organisation that must hear of it, an outbox event, all in the command's own transaction.
 */
@ApplicationScoped
public class ChangeRecorder {

    @Inject
    TransparencyLog log;

    public LogEntry record(Actor actor, Alliance alliance, String action, String subjectType, long subjectId,
            Map<String, ?> payload, Collection<Organisation> audience) {
        return record(actor, alliance, action, subjectType, subjectId, payload, audience, false);
    }

    /** The same, for news only the leads of the audience organisations must hear (a trust-health warning). */
    public LogEntry recordForLeads(Actor actor, Alliance alliance, String action, String subjectType, long subjectId,
            Map<String, ?> payload, Collection<Organisation> audience) {
        return record(actor, alliance, action, subjectType, subjectId, payload, audience, true);
    }

    private LogEntry record(Actor actor, Alliance alliance, String action, String subjectType, long subjectId,
            Map<String, ?> payload, Collection<Organisation> audience, boolean leadsOnly) {
        return log.append(actor, alliance.id, action, subjectType, subjectId, payload,
                audience.stream().map(organisation -> organisation.id).toList(), leadsOnly);
    }

    /** Payload key/value pairs in the given order; values may be null (Map.of refuses them). */
    public static Map<String, Object> payload(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
