package org.allianceportal.core.commitment;

import static org.allianceportal.core.commitment.CommitmentState.AGREED;
import static org.allianceportal.core.commitment.CommitmentState.DELIVERED;
import static org.allianceportal.core.commitment.CommitmentState.DISPUTED;
import static org.allianceportal.core.commitment.CommitmentState.PROPOSED;

import java.util.EnumSet;
import java.util.Set;

/** The commitment lifecycle as a table: each command and the states it may be issued in. */
public enum CommitmentAction {
    AGREE(EnumSet.of(PROPOSED)),
    PROPOSE_DUE_DATE(EnumSet.of(AGREED)),
    AGREE_DUE_DATE(EnumSet.of(AGREED)),
    DECLINE_DUE_DATE(EnumSet.of(AGREED)),
    CLAIM_DELIVERY(EnumSet.of(AGREED, DISPUTED)),
    ACCEPT(EnumSet.of(DELIVERED)),
    DISPUTE(EnumSet.of(DELIVERED)),
    PROPOSE_CLOSURE(EnumSet.of(PROPOSED, AGREED, DISPUTED)),
    AGREE_CLOSURE(EnumSet.of(PROPOSED, AGREED, DISPUTED)),
    DECLINE_CLOSURE(EnumSet.of(PROPOSED, AGREED, DISPUTED));

    private final Set<CommitmentState> from;

    CommitmentAction(Set<CommitmentState> from) {
        this.from = from;
    }

    public boolean allowedFrom(CommitmentState state) {
        return from.contains(state);
    }
}
