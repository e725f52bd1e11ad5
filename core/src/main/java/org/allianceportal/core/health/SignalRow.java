package org.allianceportal.core.health;

import java.util.ArrayList;
import java.util.List;

/**
 * One signal's figure for one party (organisation null: the alliance as a whole), with the line that
 * warns (null where none does). The balance view, the API and the CSV export show these same rows.
 */
public record SignalRow(String name, String label, String organisation, Number value, Integer threshold) {

    /** The signals, in the order the balance view lists them. */
    public static final List<String> PARTY_SIGNALS = List.of("on-time-delivery-rate", "late-deliveries", "overdue",
            "oldest-overdue-days", "slips", "disputes", "acknowledgement-time-used", "acknowledgement-breaches",
            "waiting-concerns", "escalations", "reopened", "check-in-attendance-rate", "silent-days", "actions",
            "commitments-taken", "concerns-raised");

    public static List<SignalRow> of(Reading r, HealthThresholds t) {
        List<SignalRow> rows = new ArrayList<>();
        for (PartyFigures p : r.parties()) {
            String o = p.name;
            rows.add(new SignalRow("on-time-delivery-rate", "Delivered on time (share)", o, p.onTimeRate(), null));
            rows.add(new SignalRow("late-deliveries", "Not delivered by the due date", o, p.late, null));
            rows.add(new SignalRow("overdue", "Overdue now", o, p.overdue, t.maxOverdue));
            rows.add(new SignalRow("oldest-overdue-days", "Days the oldest is overdue", o, p.oldestOverdueDays, null));
            rows.add(new SignalRow("slips", "Due dates moved later", o, p.slips, null));
            rows.add(new SignalRow("disputes", "Deliveries disputed", o, p.disputes, t.maxDisputes));
            rows.add(new SignalRow("acknowledgement-time-used", "Acknowledgement time used (share)", o,
                    p.acknowledgementTimeUsed, null));
            rows.add(new SignalRow("acknowledgement-breaches", "Acknowledgement deadlines missed", o, p.breaches,
                    t.maxBreaches));
            rows.add(new SignalRow("waiting-concerns", "Concerns waiting for acknowledgement", o, p.waiting, null));
            rows.add(new SignalRow("escalations", "Concerns escalated", o, p.escalations, null));
            rows.add(new SignalRow("reopened", "Concerns reopened", o, p.reopened, null));
            rows.add(new SignalRow("check-in-attendance-rate", "Check-ins attended (share)", o, p.attendanceRate(), null));
            rows.add(new SignalRow("silent-days", "Days since its last entry", o, p.silentDays, t.silenceDays));
            rows.add(new SignalRow("actions", "Entries in the record", o, p.actions, null));
            rows.add(new SignalRow("commitments-taken", "Commitments it took on", o, p.commitmentsTaken, null));
            rows.add(new SignalRow("concerns-raised", "Concerns it raised", o, p.concernsRaised, null));
        }
        rows.add(new SignalRow("check-ins-held", "Check-ins held", null, r.heldCheckIns(), null));
        rows.add(new SignalRow("check-ins-missed", "Check-ins missed", null, r.missedCheckIns(), t.maxMissedCheckIns));
        rows.add(new SignalRow("check-ins-cancelled", "Check-ins cancelled", null, r.cancelledCheckIns(), null));
        return rows;
    }

    /** Past its line. */
    public boolean crossed() {
        return threshold != null && value != null && value.doubleValue() >= threshold;
    }

    /** The value as people read it: shares as percentages, nothing as a dash. */
    public String shown() {
        if (value == null) {
            return "–";
        }
        if (value instanceof Double share) {
            return HealthIndex.percent(share);
        }
        return value.toString();
    }
}
