package org.allianceportal.core.health;

import java.util.ArrayList;
import java.util.List;

/**
 * One party organisation's figures over the window, each with the records behind it (at most
 * {@link Signals#LINKED} ids per figure, enough to follow them up). The balance view shows these side
 * by side; they are the same for every viewer.
 */
public final class PartyFigures {

    public final long organisationId;
    public final String name;

    /** Its commitments that came due in the window (agreed, not ended without delivery). */
    public int due;
    /** Of those, not delivered by their due date. */
    public int late;
    public final List<Long> lateIds = new ArrayList<>();

    /** Its commitments past due and still owed today, and how many days the oldest is late. */
    public int overdue;
    public int oldestOverdueDays;
    public final List<Long> overdueIds = new ArrayList<>();

    /** Agreed moves of its due dates to later ones, in the window. */
    public int slips;
    public final List<Long> slipIds = new ArrayList<>();

    /** Its deliveries the other side disputed, in the window. */
    public int disputes;
    public final List<Long> disputeIds = new ArrayList<>();

    /** Concerns raised to it that it acknowledged in the window, and the share of the allowed time it took on average. */
    public int acknowledged;
    public Double acknowledgementTimeUsed;
    public final List<Long> slowIds = new ArrayList<>();

    /** Acknowledgement deadlines of concerns raised to it that passed unmet, in the window. */
    public int breaches;
    public final List<Long> breachIds = new ArrayList<>();

    /** Concerns raised to it still waiting for its acknowledgement now. */
    public int waiting;
    public final List<Long> waitingIds = new ArrayList<>();

    /** Concerns raised to it that a lead escalated, or that were reopened, in the window. */
    public int escalations;
    public final List<Long> escalationIds = new ArrayList<>();
    public int reopened;
    public final List<Long> reopenedIds = new ArrayList<>();

    /** Held check-ins of the window it attended, of how many. */
    public int attended;
    public int heldCheckIns;
    public final List<Long> absentIds = new ArrayList<>();

    /** Entries its people made in the log in the window, and days since its last one (or since the alliance began). */
    public int actions;
    public int silentDays;

    /** Commitments it took on (as owner) and concerns it raised, in the window: for the asymmetry signals. */
    public int commitmentsTaken;
    public int concernsRaised;

    public PartyFigures(long organisationId, String name) {
        this.organisationId = organisationId;
        this.name = name;
    }

    /** Share of its commitments due in the window that were delivered on time; null when none came due. */
    public Double onTimeRate() {
        return due == 0 ? null : (due - late) / (double) due;
    }

    /** Share of the held check-ins it attended; null when none was held. */
    public Double attendanceRate() {
        return heldCheckIns == 0 ? null : attended / (double) heldCheckIns;
    }
}
