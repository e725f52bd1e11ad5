package org.allianceportal.notifications.preference;

import java.util.List;

/** The kinds of notice people can tune, with the words the preferences page shows. */
public record NoticeKind(String kind, String label, boolean urgent) {

    /** Every kind that can reach someone by e-mail, so each one that a link switched off can be switched on again. */
    public static final List<NoticeKind> ALL = List.of(
            new NoticeKind("reminder.checkin", "A check-in is 24 hours or 1 hour away", false),
            new NoticeKind("checkin.scheduled", "A check-in is scheduled (with the calendar invite)", false),
            new NoticeKind("checkin.rescheduled", "A check-in is moved", false),
            new NoticeKind("checkin.cancelled", "A check-in is cancelled", false),
            new NoticeKind("checkin.cadence_set", "The check-in rhythm is set", false),
            new NoticeKind("checkin.agenda_edited", "A check-in's agenda changes", false),
            new NoticeKind("checkin.attendance_recorded", "Attendance at a check-in is recorded", false),
            new NoticeKind("checkin.minutes_recorded", "Minutes are recorded", false),
            new NoticeKind("checkin.minutes_approved_by", "One side approves the minutes", false),
            new NoticeKind("checkin.minutes_approved", "Minutes are final", false),
            new NoticeKind("checkin.missed", "A check-in is missed", false),
            new NoticeKind("concern.raised", "A concern is raised to my organisation", false),
            new NoticeKind("concern.acknowledged", "A concern of ours is acknowledged", false),
            new NoticeKind("concern.responded", "A concern of ours gets a response", false),
            new NoticeKind("concern.resolution_proposed", "A resolution is proposed", false),
            new NoticeKind("concern.resolved", "A concern is resolved", false),
            new NoticeKind("concern.resolution_rejected", "A resolution is rejected", false),
            new NoticeKind("concern.reopened", "A concern is reopened", false),
            new NoticeKind("concern.commented", "Someone comments on a concern", false),
            new NoticeKind("concern.escalated", "A concern is escalated", true),
            new NoticeKind("concern.acknowledgement_breached", "An acknowledgement deadline is missed", true),
            new NoticeKind("reminder.acknowledgement_due", "An acknowledgement deadline is half gone", false),
            new NoticeKind("commitment.proposed", "A commitment is proposed", false),
            new NoticeKind("commitment.agreed", "A commitment is agreed", false),
            new NoticeKind("commitment.due_date_change_proposed", "A new due date is proposed", false),
            new NoticeKind("commitment.due_date_changed", "A due date is moved", false),
            new NoticeKind("commitment.due_date_change_declined", "A new due date is declined", false),
            new NoticeKind("commitment.delivered", "Delivery is claimed", false),
            new NoticeKind("commitment.accepted", "A delivery is accepted", false),
            new NoticeKind("commitment.disputed", "A delivery is disputed", false),
            new NoticeKind("commitment.closure_proposed", "Withdrawing or waiving a commitment is proposed", false),
            new NoticeKind("commitment.closed", "A commitment is withdrawn or waived", false),
            new NoticeKind("commitment.closure_declined", "Withdrawing or waiving a commitment is declined", false),
            new NoticeKind("reminder.commitment_due", "A commitment falls due in 3 days", false),
            new NoticeKind("reminder.commitment_overdue", "A commitment is overdue", false),
            new NoticeKind("alliance.founded", "My organisation becomes party to a new alliance", false),
            new NoticeKind("alliance.party_added", "A party joins an alliance", false),
            new NoticeKind("alliance.party_removed", "A party leaves an alliance", false),
            new NoticeKind("alliance.acknowledgement_deadlines_set", "Acknowledgement deadlines change", false),
            new NoticeKind("alliance.archived", "An alliance is archived", false),
            new NoticeKind("log.verification_failed", "The transparency log does not verify", true),
            new NoticeKind("health.warning", "The alliance's trust health warns (leads)", false),
            new NoticeKind("health.urgent_warning", "The alliance's trust health is below the urgent line (leads)", true),
            new NoticeKind("health.warning_answered", "A lead answers a trust health warning", false),
            new NoticeKind("pulse.opened", "The monthly pulse survey opens", false));

    /** Urgent kinds bypass digests and absences, and cannot be switched off. */
    public static boolean isUrgent(String kind) {
        return ALL.stream().anyMatch(k -> k.kind().equals(kind) && k.urgent());
    }
}
