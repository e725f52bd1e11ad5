package org.allianceportal.core.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The trust-health index: 100 less the points lost per signal, per party, each loss capped, never
 * below 0. The rules are the formula of docs/trust-health.md; keep the two in step. Pure: no database.
 */
public final class HealthIndex {

    /** Silence is normal for two weeks; each day beyond costs a point. */
    static final int QUIET_DAYS = 14;

    /** Asymmetry counts once enough happened to compare (actions, commitments taken). */
    static final int MIN_ACTIONS = 10;
    static final int MIN_COMMITMENTS = 6;

    /** Beyond this imbalance (0 even, 1 all one side) one side carries the alliance. */
    static final double IMBALANCE = 0.6;

    private HealthIndex() {
    }

    public static Score score(Reading r) {
        return score(r, List.of());
    }

    /** The score with losses from elsewhere (the pulse's perception gap) added. */
    public static Score score(Reading r, List<Loss> more) {
        if (!r.hasRecord()) {
            return new Score(null, List.of());
        }
        List<Loss> losses = new ArrayList<>();
        String days = "in the last " + r.windowDays() + " days";
        for (PartyFigures p : r.parties()) {
            add(losses, p, "late-deliveries", p.late * 3, 15,
                    count(p.late, "commitment") + " owed by " + p.name + " came due " + days + " and "
                            + (p.late == 1 ? "was" : "were") + " not delivered by the due date",
                    "commitment", p.lateIds);
            add(losses, p, "overdue", p.overdue * 2 + p.oldestOverdueDays / 30, 12,
                    count(p.overdue, "commitment") + " owed by " + p.name + (p.overdue == 1 ? " is" : " are")
                            + " overdue now, the oldest by " + count(p.oldestOverdueDays, "day"),
                    "commitment", p.overdueIds);
            add(losses, p, "slips", p.slips * 2, 10,
                    p.name + " moved " + count(p.slips, "due date") + " later " + days, "commitment", p.slipIds);
            add(losses, p, "disputes", p.disputes * 8, 16,
                    count(p.disputes, "delivery", "deliveries") + " by " + p.name + (p.disputes == 1 ? " was" : " were")
                            + " disputed " + days, "commitment", p.disputeIds);
            add(losses, p, "acknowledgement-breaches", p.breaches * 4, 16,
                    count(p.breaches, "concern") + " raised to " + p.name + " passed the acknowledgement deadline unacknowledged "
                            + days, "concern", p.breachIds);
            if (p.acknowledgementTimeUsed != null && p.acknowledgementTimeUsed > 0.5) {
                add(losses, p, "acknowledgement-time", (int) Math.round((p.acknowledgementTimeUsed - 0.5) * 20), 10,
                        "On average " + p.name + " took " + percent(p.acknowledgementTimeUsed)
                                + " of the time allowed to acknowledge the " + count(p.acknowledged, "concern")
                                + " raised to it " + days, "concern", p.slowIds);
            }
            add(losses, p, "waiting", p.waiting, 5,
                    count(p.waiting, "concern") + " raised to " + p.name + (p.waiting == 1 ? " waits" : " wait")
                            + " for its acknowledgement", "concern", p.waitingIds);
            add(losses, p, "escalations", p.escalations * 3, 12,
                    count(p.escalations, "concern") + " raised to " + p.name + (p.escalations == 1 ? " was" : " were")
                            + " escalated " + days, "concern", p.escalationIds);
            add(losses, p, "reopened", p.reopened * 2, 8,
                    count(p.reopened, "concern") + " raised to " + p.name + (p.reopened == 1 ? " was" : " were")
                            + " reopened after its resolution " + days, "concern", p.reopenedIds);
            int absent = p.heldCheckIns - p.attended;
            add(losses, p, "attendance", absent * 2, 8,
                    p.name + " was absent from " + absent + " of " + count(p.heldCheckIns, "check-in") + " held " + days,
                    "checkin", p.absentIds);
            add(losses, p, "silence", p.silentDays - QUIET_DAYS, 15,
                    p.name + " has not acted on the record for " + count(p.silentDays, "day"), "history", List.of());
        }
        if (r.missedCheckIns() > 0) {
            losses.add(new Loss("missed-check-ins", null, null, Math.min(12, r.missedCheckIns() * 4),
                    count(r.missedCheckIns(), "check-in") + " of the alliance " + (r.missedCheckIns() == 1 ? "was" : "were")
                            + " missed " + days + " (nobody recorded that " + (r.missedCheckIns() == 1 ? "it" : "they")
                            + " took place)", "checkin", r.missedIds()));
        }
        asymmetry(r, losses, days);
        losses.addAll(more);
        losses.sort(Comparator.comparingInt(Loss::points).reversed());
        return new Score(Math.max(0, 100 - losses.stream().mapToInt(Loss::points).sum()), List.copyOf(losses));
    }

    /**
     * One side carrying the alliance: the quietest side's share of the actions, and the busiest side's share
     * of the commitments taken on. Imbalance is 0 when every party has an equal share, 1 when one has all.
     */
    private static void asymmetry(Reading r, List<Loss> losses, String days) {
        int n = r.parties().size();
        int actions = r.parties().stream().mapToInt(p -> p.actions).sum();
        if (actions >= MIN_ACTIONS) {
            PartyFigures quiet = r.parties().stream().min(Comparator.comparingInt(p -> p.actions)).orElseThrow();
            double imbalance = imbalance(quiet.actions / (double) actions, n, true);
            if (imbalance > IMBALANCE) {
                losses.add(new Loss("activity-asymmetry", quiet.organisationId, quiet.name,
                        Math.min(10, (int) Math.round((imbalance - IMBALANCE) * 25)),
                        quiet.name + " made only " + quiet.actions + " of the " + actions + " entries in the record " + days,
                        "history", List.of()));
            }
        }
        int taken = r.parties().stream().mapToInt(p -> p.commitmentsTaken).sum();
        if (taken >= MIN_COMMITMENTS) {
            PartyFigures busy = r.parties().stream().max(Comparator.comparingInt(p -> p.commitmentsTaken)).orElseThrow();
            double imbalance = imbalance(busy.commitmentsTaken / (double) taken, n, false);
            if (imbalance > IMBALANCE) {
                losses.add(new Loss("commitment-asymmetry", busy.organisationId, busy.name,
                        Math.min(5, (int) Math.round((imbalance - IMBALANCE) * 12.5)),
                        busy.name + " took on " + busy.commitmentsTaken + " of the " + taken + " commitments proposed " + days,
                        "commitment", List.of()));
            }
        }
    }

    /** How far a share is from the even share 1/n: towards 0 for the quietest side, towards 1 for the busiest. */
    static double imbalance(double share, int parties, boolean quietest) {
        double even = 1.0 / parties;
        return quietest ? (even - share) / even : (share - even) / (1 - even);
    }

    private static void add(List<Loss> losses, PartyFigures p, String signal, int points, int cap, String reason,
            String subjectType, List<Long> ids) {
        if (points > 0) {
            losses.add(new Loss(signal, p.organisationId, p.name, Math.min(cap, points), reason, subjectType,
                    List.copyOf(ids)));
        }
    }

    static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%d %%", Math.round(share * 100));
    }
}
