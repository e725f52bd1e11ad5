package org.allianceportal.core.concern;

import static org.allianceportal.core.concern.ConcernState.ACKNOWLEDGED;
import static org.allianceportal.core.concern.ConcernState.ESCALATED;
import static org.allianceportal.core.concern.ConcernState.RAISED;
import static org.allianceportal.core.concern.ConcernState.RESOLUTION_PROPOSED;
import static org.allianceportal.core.concern.ConcernState.RESOLVED;
import static org.allianceportal.core.concern.ConcernState.RESPONDED;

import java.util.EnumSet;
import java.util.Set;

/** The concern lifecycle as a table: each command and the states it may be issued in. */
public enum ConcernAction {
    ACKNOWLEDGE(EnumSet.of(RAISED, ESCALATED)),
    RESPOND(EnumSet.of(ACKNOWLEDGED, RESPONDED)),
    PROPOSE_RESOLUTION(EnumSet.of(ACKNOWLEDGED, RESPONDED)),
    CONFIRM_RESOLUTION(EnumSet.of(RESOLUTION_PROPOSED)),
    REJECT_RESOLUTION(EnumSet.of(RESOLUTION_PROPOSED)),
    ESCALATE(EnumSet.of(RAISED, ACKNOWLEDGED, RESPONDED, RESOLUTION_PROPOSED, ESCALATED)),
    REOPEN(EnumSet.of(RESOLVED)),
    COMMENT(EnumSet.allOf(ConcernState.class));

    private final Set<ConcernState> from;

    ConcernAction(Set<ConcernState> from) {
        this.from = from;
    }

    public boolean allowedFrom(ConcernState state) {
        return from.contains(state);
    }
}
