package org.allianceportal.core.health;

import java.util.ArrayList;
import java.util.List;
import org.allianceportal.core.health.HealthWarning.Reason;

/**
 * When the record warrants an early warning, with the reasons in plain words: the index below the
 * alliance's line, a drop within four weeks, or one signal past its own line. Pure: no database.
 */
public final class WarningRules {

    private WarningRules() {
    }

    /**
     * @param highestRecent the highest weekly index of the last four weeks, or null if none was taken
     */
    public static List<Reason> reasons(Reading r, Score score, HealthThresholds t, Integer highestRecent) {
        List<Reason> reasons = new ArrayList<>();
        if (!score.scored()) {
            return reasons;
        }
        int index = score.index();
        if (index < t.warnBelow) {
            reasons.add(new Reason("index-below", "The trust-health index is " + index + ", below the alliance's line of "
                    + t.warnBelow + (index < t.urgentBelow ? " and below the urgent line of " + t.urgentBelow : "") + ".", null));
        }
        if (highestRecent != null && highestRecent - index > t.maxDrop) {
            reasons.add(new Reason("index-drop", "The index fell by " + (highestRecent - index) + " points within four weeks, from "
                    + highestRecent + " to " + index + ".", null));
        }
        String days = " in the last " + r.windowDays() + " days";
        for (PartyFigures p : r.parties()) {
            if (p.silentDays >= t.silenceDays) {
                reasons.add(new Reason("silence:" + p.organisationId, p.name + " has not acted on the record for "
                        + p.silentDays + " days.", p.name));
            }
            if (p.disputes >= t.maxDisputes) {
                reasons.add(new Reason("disputes:" + p.organisationId, HealthIndex.count(p.disputes, "delivery", "deliveries")
                        + " by " + p.name + (p.disputes == 1 ? " was" : " were") + " disputed" + days + ".", p.name));
            }
            if (p.breaches >= t.maxBreaches) {
                reasons.add(new Reason("breaches:" + p.organisationId, HealthIndex.count(p.breaches, "acknowledgement deadline")
                        + " of concerns raised to " + p.name + (p.breaches == 1 ? " was" : " were") + " missed" + days + ".", p.name));
            }
            if (p.overdue >= t.maxOverdue) {
                reasons.add(new Reason("overdue:" + p.organisationId, HealthIndex.count(p.overdue, "commitment") + " owed by "
                        + p.name + (p.overdue == 1 ? " is" : " are") + " overdue.", p.name));
            }
        }
        if (r.missedCheckIns() >= t.maxMissedCheckIns) {
            reasons.add(new Reason("missed-check-ins", HealthIndex.count(r.missedCheckIns(), "check-in")
                    + (r.missedCheckIns() == 1 ? " was" : " were") + " missed" + days + ".", null));
        }
        return reasons;
    }

    public static boolean urgent(Score score, HealthThresholds t) {
        return score.scored() && score.index() < t.urgentBelow;
    }
}
