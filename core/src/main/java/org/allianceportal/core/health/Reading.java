package org.allianceportal.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the record says about one alliance at {@code asOf}, over the window before it: the figures of
 * each party and of the alliance's check-ins. {@code hasRecord} is false while the alliance has no
 * commitment, concern or past check-in yet: then there is nothing to score.
 */
public record Reading(long allianceId, Instant asOf, Duration window, boolean hasRecord, List<PartyFigures> parties,
        int heldCheckIns, int missedCheckIns, int cancelledCheckIns, List<Long> missedIds) {

    public Instant from() {
        return asOf.minus(window);
    }

    public int windowDays() {
        return (int) window.toDays();
    }

    public PartyFigures party(long organisationId) {
        return parties.stream().filter(p -> p.organisationId == organisationId).findFirst().orElseThrow();
    }

    /** Check-ins of the window that took place, of those that were due to; null when none was due. */
    public Double checkInsHeldRate() {
        int due = heldCheckIns + missedCheckIns;
        return due == 0 ? null : heldCheckIns / (double) due;
    }
}
