package org.allianceportal.notifications.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.EscalationLevel;
import org.allianceportal.core.log.CanonicalJson;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.Actor;

/**
 * The words of each kind of outbox event, for the people of the organisation that must hear of it:
 * a short subject, one sentence saying what happened and what is expected of them and by when, the
 * key facts and the button's words. The payload says what changed; the commitment, concern or
 * check-in itself gives its title and sides; the log entry says who did it.
 */
@ApplicationScoped
public class Notices {

    @Inject
    EntityManager em;

    /** What one event tells one audience organisation. */
    private record Occasion(OutboxEvent event, Map<String, Object> p, Alliance alliance, Organisation reader,
            String actor) {

        Object get(String key) {
            return p.get(key);
        }

        boolean reads(Organisation o) {
            return o.id.equals(reader.id);
        }
    }

    public Words words(OutboxEvent event, Alliance alliance) {
        Organisation reader = em.find(Organisation.class, event.audienceOrganisationId);
        Occasion o = new Occasion(event, CanonicalJson.read(event.payload), alliance, reader, actor(event));
        return switch (event.subjectType) {
            case "commitment" -> commitment(o, em.find(Commitment.class, event.subjectId));
            case "concern" -> concern(o, em.find(Concern.class, event.subjectId));
            case "checkin" -> checkIn(o, em.find(CheckIn.class, event.subjectId));
            default -> alliance(o);
        };
    }

    /** Where the button leads: the thing itself, or the history when the log is in question. */
    public static String path(OutboxEvent event) {
        String alliance = "/alliances/" + event.allianceId;
        return switch (event.subjectType) {
            case "commitment", "concern" -> alliance + "/" + event.subjectType + "s/" + event.subjectId;
            case "checkin" -> alliance + "/check-ins/" + event.subjectId;
            case "health" -> alliance + "/health";
            case "pulse" -> alliance + "/pulse";
            default -> event.kind.startsWith("log.") ? alliance + "/history" : alliance;
        };
    }

    private Words commitment(Occasion o, Commitment c) {
        String title = quoted(c.title);
        String owes = c.owner.name + " owes " + c.beneficiary.name;
        String due = When.on(c.dueDate);
        Words.Facts facts = new Words.Facts().add("Alliance", o.alliance().name).add("Owed by", c.owner.name)
                .add("Owed to", c.beneficiary.name);
        String open = "Open the commitment";
        return switch (o.event().kind) {
            case "commitment.proposed" -> new Words("Commitment proposed: " + c.title,
                    o.actor() + " proposed a commitment: " + owes + " " + title + " by " + When.onIso(o.get("dueDate"))
                            + ". Please check the terms; it binds both sides once a lead of each has agreed it.",
                    facts.add("Due", When.onIso(o.get("dueDate"))).add("Description", o.get("description")).list(),
                    "Review the commitment");
            case "commitment.agreed" -> "AGREED".equals(o.get("state"))
                    ? new Words("Commitment agreed: " + c.title, title + " is agreed by both sides: " + c.owner.name
                            + " owes it to " + c.beneficiary.name + " by " + due + ". "
                            + (o.reads(c.owner) ? "Your side delivers it and claims delivery by then."
                                    : "Nothing is needed from you until " + c.owner.name + " claims delivery."),
                            facts.add("Due", due).list(), open)
                    : new Words("Agreed by " + o.get("agreedBy") + ": " + c.title, o.get("agreedBy") + " agreed "
                            + title + ". It binds both sides once a lead of " + o.reader().name + " agrees too.",
                            facts.add("Due", due).list(), "Review the commitment");
            case "commitment.due_date_change_proposed" -> new Words("New due date proposed: " + c.title,
                    o.actor() + " proposes to move the due date of " + title + " from " + When.onIso(o.get("from"))
                            + " to " + When.onIso(o.get("to")) + ". A lead of " + o.reader().name
                            + " should agree or decline; until then it stays due on " + When.onIso(o.get("from")) + ".",
                    facts.add("Due now", When.onIso(o.get("from"))).add("Proposed", When.onIso(o.get("to")))
                            .add("Reason", o.get("reason")).list(), "Agree or decline");
            case "commitment.due_date_changed" -> new Words("Due date moved: " + c.title,
                    "The due date of " + title + " is now " + When.onIso(o.get("dueDate")) + ", as both sides agreed. "
                            + (o.reads(c.owner) ? "Your side delivers it by then." : "Nothing is needed from you."),
                    facts.add("Due", When.onIso(o.get("dueDate"))).add("First due", When.onIso(o.get("originalDueDate")))
                            .add("Times moved", o.get("slipCount")).list(), open);
            case "commitment.due_date_change_declined" -> new Words("New due date declined: " + c.title,
                    o.actor() + " declined the new due date of " + title + ": it stays due on "
                            + When.onIso(o.get("dueDate")) + ". " + (o.reads(c.owner)
                                    ? "Your side delivers it by then, or talks it over with " + c.beneficiary.name + "."
                                    : "Nothing is needed from you."),
                    facts.add("Due", When.onIso(o.get("dueDate"))).list(), open);
            case "commitment.delivered" -> new Words("Delivery claimed: " + c.title,
                    o.actor() + " says " + title + " is delivered. A lead of " + o.reader().name
                            + " should accept the delivery, or dispute it with a reason, soon.",
                    facts.add("Evidence", o.get("evidence")).add("Was due", due).list(), "Accept or dispute");
            case "commitment.accepted" -> new Words("Delivery accepted: " + c.title,
                    o.actor() + " accepted the delivery of " + title + ". The commitment is fulfilled; nothing more is"
                            + " needed from you.", facts.list(), open);
            case "commitment.disputed" -> new Words("Delivery disputed: " + c.title,
                    o.actor() + " disputes the delivery of " + title + ", and a concern is open to "
                            + c.owner.name + ". Please read the reason and answer in the concern.",
                    facts.add("Reason", o.get("reason")).list(), open);
            case "commitment.closure_proposed" -> new Words(("WAIVE".equals(o.get("kind")) ? "Waiver proposed: "
                    : "Withdrawal proposed: ") + c.title,
                    o.actor() + " proposes to " + ("WAIVE".equals(o.get("kind"))
                            ? "waive " + title + " (" + c.beneficiary.name + " lets it go)"
                            : "withdraw " + title + " (" + c.owner.name + " no longer owes it)")
                            + ". A lead of " + o.reader().name + " should agree or decline.",
                    facts.add("Reason", o.get("reason")).add("Due", due).list(), "Agree or decline");
            case "commitment.closed" -> new Words(("WAIVED".equals(o.get("state")) ? "Waived: " : "Withdrawn: ")
                    + c.title, title + " is " + ("WAIVED".equals(o.get("state")) ? "waived" : "withdrawn")
                    + ", as both sides agreed. Nothing more is owed or needed.", facts.list(), open);
            case "commitment.closure_declined" -> new Words("Ending declined: " + c.title,
                    o.actor() + " declined ending " + title + ". It stays as it was, due on " + due + ".",
                    facts.add("Due", due).list(), open);
            default -> general(o, c.title, facts, open);
        };
    }

    private Words concern(Occasion o, Concern c) {
        String title = quoted(c.title);
        String to = c.raisedTo.name;
        String ackBy = o.get("acknowledgeBy") == null ? null : When.atIso(o.get("acknowledgeBy"));
        Words.Facts facts = new Words.Facts().add("Alliance", o.alliance().name).add("Raised by", c.raisedBy.name)
                .add("Raised to", to).add("Severity", words(c.severity.name()));
        String open = "Open the concern";
        return switch (o.event().kind) {
            case "concern.raised" -> new Words("Concern raised: " + c.title,
                    o.actor() + " raised a concern to " + to + ": " + title + ". "
                            + (o.reads(c.raisedTo) ? "A lead of " + to + " needs to acknowledge it by " + ackBy + "."
                                    : to + " has until " + ackBy + " to acknowledge it."),
                    facts.add("Acknowledge by", ackBy).add("About", c.commitment == null ? null : quoted(c.commitment.title))
                            .add("Description", o.get("description")).list(), open);
            case "concern.acknowledged" -> new Words("Concern acknowledged: " + c.title,
                    to + " acknowledged " + title + (Boolean.TRUE.equals(o.get("breachedDeadline"))
                            ? ", after the deadline" : "") + ". They answer next; nothing is needed from you now.",
                    facts.add("Note", o.get("note")).list(), open);
            case "concern.responded" -> new Words("Response to your concern: " + c.title,
                    o.actor() + " responded to " + title + ". Please read it; either side can then propose a resolution.",
                    facts.add("Response", o.get("response")).list(), "Read the response");
            case "concern.resolution_proposed" -> new Words("Resolution proposed: " + c.title,
                    o.actor() + " proposes a resolution of " + title + ". " + (o.reads(c.raisedBy)
                            ? "A lead of " + c.raisedBy.name + " should confirm or reject it."
                            : c.raisedBy.name + " decides whether it resolves the concern; nothing is needed from you now."),
                    facts.add("Proposed resolution", o.get("resolution")).list(), "Read the resolution");
            case "concern.resolved" -> new Words("Concern resolved: " + c.title,
                    c.raisedBy.name + " confirmed the resolution of " + title + ". The concern is resolved; nothing more"
                            + " is needed from you.", facts.add("Resolution", o.get("resolution")).list(), open);
            case "concern.resolution_rejected" -> new Words("Resolution rejected: " + c.title,
                    o.actor() + " rejected the proposed resolution of " + title + ", so it is open again. Please work"
                            + " out a new resolution with " + c.raisedBy.name + ".",
                    facts.add("Note", o.get("note")).list(), open);
            case "concern.escalated" -> new Words("Concern escalated: " + c.title,
                    o.actor() + " escalated " + title + " to the " + level(o.get("level")) + ". A lead of " + to
                            + " must acknowledge it again by " + ackBy + ".",
                    facts.add("Level", words(String.valueOf(o.get("level")))).add("Acknowledge by", ackBy)
                            .add("Note", o.get("note"))
                            .list(), open);
            case "concern.reopened" -> new Words("Concern reopened: " + c.title,
                    o.actor() + " reopened " + title + ". A lead of " + to + " needs to acknowledge it again by "
                            + ackBy + ".", facts.add("Acknowledge by", ackBy).add("Times reopened", o.get("reopenCount"))
                            .add("Note", o.get("note")).list(), open);
            case "concern.commented" -> new Words("New comment: " + c.title,
                    o.actor() + " commented on " + title + ". Please read it and answer in the thread if it asks you"
                            + " something.", facts.add("Comment", o.get("body")).list(), "Read the thread");
            case "concern.acknowledgement_breached" -> new Words("Deadline missed: " + c.title,
                    "Nobody acknowledged " + title + " in time, so the portal moved it to the " + level(o.get("level"))
                            + ". A lead of " + to + " must acknowledge it by " + ackBy + ".",
                    facts.add("Level", words(String.valueOf(o.get("level")))).add("Acknowledge by", ackBy)
                            .add("Deadlines missed", o.get("breachCount")).list(), open);
            default -> general(o, c.title, facts, open);
        };
    }

    private Words checkIn(Occasion o, CheckIn c) {
        String name = o.alliance().name;
        String at = When.at(c.startsAt);
        Words.Facts facts = new Words.Facts().add("Alliance", name);
        String open = "Open the check-in";
        return switch (o.event().kind) {
            case "checkin.scheduled" -> new Words("Check-in " + When.atIso(o.get("startsAt")) + ": " + name,
                    "A check-in of " + name + " is scheduled for " + When.atIso(o.get("startsAt"))
                            + "; the invite is attached. Please keep the time free and add to the agenda before then.",
                    facts.add("Starts", When.atIso(o.get("startsAt"))).add("Lasts", minutes(o.get("durationMinutes")))
                            .list(), open);
            case "checkin.rescheduled" -> new Words("Check-in moved to " + When.atIso(o.get("startsAt")) + ": " + name,
                    o.actor() + " moved the " + name + " check-in to " + When.atIso(o.get("startsAt"))
                            + "; the attached invite updates your calendar. Please keep the new time free.",
                    facts.add("Starts", When.atIso(o.get("startsAt"))).add("Lasts", minutes(c.durationMinutes)).list(),
                    open);
            case "checkin.cancelled" -> new Words("Check-in cancelled: " + name,
                    o.actor() + " cancelled the " + name + " check-in of " + at + "; the attachment takes it out of"
                            + " your calendar. Nothing else is needed from you.",
                    facts.add("Was", at).add("Reason", o.get("reason")).list(), open);
            case "checkin.agenda_edited" -> new Words("Agenda changed: " + name + " check-in",
                    o.actor() + " changed the agenda of the " + name + " check-in on " + at
                            + ". Please read it before the meeting and add what is missing.",
                    facts.add("Starts", at).add("Agenda", o.get("agenda")).list(), "Read the agenda");
            case "checkin.attendance_recorded" -> new Words("Attendance recorded: " + name + " check-in",
                    o.actor() + " recorded who attended the " + name + " check-in of " + at + ". Please check it is"
                            + " right.", facts.add("Attendance", attendance(o.get("attendance"))).list(), open);
            case "checkin.minutes_recorded" -> new Words("Minutes to approve: " + name + " check-in",
                    o.actor() + " recorded the minutes of the " + name + " check-in of " + at + ". A lead of "
                            + o.reader().name + " should read and approve them; they are final once every side has.",
                    facts.add("Minutes", o.get("minutes")).add("Decisions", o.get("decisions"))
                            .add("Action items", joined(o.get("actionItems"))).list(), "Read the minutes");
            case "checkin.minutes_approved_by" -> new Words("One side approved the minutes: " + name + " check-in",
                    o.actor() + " approved the minutes of the " + name + " check-in of " + at + ". They are final"
                            + " once a lead of every side has approved them, " + o.reader().name + " included.",
                    facts.list(), "Read the minutes");
            case "checkin.minutes_approved" -> new Words("Minutes final: " + name + " check-in",
                    "Every side approved the minutes of the " + name + " check-in of " + at + ". They are part of the"
                            + " record, and its action items are now proposed commitments to agree.",
                    facts.add("Decisions", o.get("decisions")).list(), "Read the minutes");
            case "checkin.missed" -> new Words("Check-in missed: " + name,
                    "The " + name + " check-in of " + at + " is recorded as missed: nothing was recorded within a day."
                            + " Please agree with the other side when you meet next.", facts.add("Was", at).list(), open);
            default -> general(o, name + " check-in", facts, open);
        };
    }

    private Words alliance(Occasion o) {
        String name = o.alliance().name;
        Words.Facts facts = new Words.Facts().add("Alliance", name);
        String open = "Open the alliance";
        return switch (o.event().kind) {
            case "alliance.founded" -> new Words("New alliance: " + name,
                    "The alliance " + name + " is founded, and " + o.reader().name + " is one of its parties. Its"
                            + " commitments, concerns and check-ins are now shared; nothing is needed from you yet.",
                    facts.add("Parties", joined(o.get("parties"))).list(), open);
            case "alliance.party_added" -> new Words("New party: " + o.get("organisation") + " in " + name,
                    o.actor() + " added " + o.get("organisation") + " as a party to " + name + "; from now on they see"
                            + " its record. Nothing is needed from you.",
                    facts.add("Parties", joined(o.get("parties"))).list(), open);
            case "alliance.party_removed" -> new Words("Party removed: " + o.get("organisation") + " from " + name,
                    o.actor() + " removed " + o.get("organisation") + " from " + name + "; they no longer see its"
                            + " record. Nothing is needed from you.",
                    facts.add("Parties", joined(o.get("parties"))).list(), open);
            case "alliance.archived" -> new Words("Alliance archived: " + name,
                    o.actor() + " archived " + name + ". Its record stays readable and verifiable but takes no more"
                            + " changes or reminders; nothing is needed from you.", facts.list(), open);
            case "alliance.acknowledgement_deadlines_set" -> new Words("New acknowledgement deadlines: " + name,
                    o.actor() + " changed how long a side has to acknowledge a concern in " + name
                            + ". It applies to concerns raised or reopened from now on; nothing is needed from you.",
                    facts.add("High severity", days(o.get("HIGH"))).add("Medium severity", days(o.get("MEDIUM")))
                            .add("Low severity", days(o.get("LOW"))).list(), open);
            case "checkin.cadence_set" -> new Words("Check-in rhythm set: " + name,
                    o.actor() + " set the check-in rhythm of " + name + "; invites for the next meetings follow."
                            + " Please keep those times free.",
                    facts.add("How often", words(String.valueOf(o.get("frequency"))))
                            .add("From", When.onIso(o.get("firstDate")))
                            .add("At", o.get("localTime") + " (" + o.get("zone") + ")")
                            .add("Lasts", minutes(o.get("durationMinutes"))).list(), "See the check-ins");
            case "log.verification_failed" -> new Words("Urgent: the log of " + name + " does not verify",
                    "The portal found that the transparency log of " + name + " no longer verifies. Please tell your"
                            + " platform administrator today, and do not rely on the history until it is explained.",
                    facts.add("From entry", o.get("firstBadIndex")).add("Problem", o.get("problem")).list(),
                    "See the history");
            case "health.warning", "health.urgent_warning" -> new Words(
                    ("health.urgent_warning".equals(o.event().kind) ? "Urgent: trust health of " : "Trust health warning: ")
                            + name,
                    "The record of " + name + " shows early signs of eroding trust (index " + o.get("index")
                            + " of 100). Please read the reasons with the other side's leads and record your response"
                            + " on the health page.",
                    facts.add("Reasons", joined(o.get("reasons"))).list(), "See the trust health");
            case "health.warning_answered" -> new Words("Trust health warning answered: " + name,
                    o.actor() + " answered the trust health warning of " + name + ". Nothing is needed from you; the"
                            + " answer is on the health page.",
                    facts.add("Answer", o.get("response")).list(), "See the trust health");
            case "pulse.opened" -> new Words("Pulse of " + name + ": four statements, one minute",
                    "The monthly pulse of " + name + " is open until " + When.atIso(o.get("closesAt"))
                            + ". Please say how far you agree with four statements; only totals per organisation"
                            + " of at least three answers are ever shown.",
                    facts.list(), "Answer the pulse");
            default -> general(o, name, facts, open);
        };
    }

    /** A kind without words of its own yet: what happened, in the action's words, and the facts of its payload. */
    private Words general(Occasion o, String about, Words.Facts facts, String action) {
        String what = words(o.event().kind.substring(o.event().kind.indexOf('.') + 1));
        o.p().forEach((key, value) -> {
            if (value != null && !key.equals("state") && !key.equals("title")) {
                facts.add(words(key), value instanceof Collection<?> list ? joined(list) : value);
            }
        });
        return new Words(what + ": " + about, o.actor() + ": " + what.toLowerCase() + ", " + quoted(about)
                + ". Please have a look; nothing else is asked of you.", facts.list(), action);
    }

    private String actor(OutboxEvent event) {
        if (event.logSeq == null) {
            return "The portal";
        }
        List<LogEntry> entries = LogEntry.list("allianceId = ?1 and seq = ?2", event.allianceId, event.logSeq);
        if (entries.isEmpty() || entries.get(0).actorUserId.equals(Actor.system().userId())) {
            return "The portal";
        }
        LogEntry entry = entries.get(0);
        return entry.actorName + (entry.actorOrganisation == null ? " (platform administrator)"
                : " of " + entry.actorOrganisation);
    }

    static String quoted(String title) {
        return "“" + title + "”";
    }

    /** "ALLIANCE_LEADS" or "acknowledgeBy" as words: "Alliance leads", "Acknowledge by". */
    static String words(String name) {
        String spaced = name.replace('.', ' ').replace('_', ' ').replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String level(Object level) {
        try {
            return EscalationLevel.valueOf(String.valueOf(level)).label.toLowerCase();
        } catch (IllegalArgumentException e) {
            return String.valueOf(level);
        }
    }

    private static String minutes(Object minutes) {
        return minutes == null ? null : minutes + " minutes";
    }

    private static String days(Object days) {
        return days == null ? null : days + " business " + ("1".equals(String.valueOf(days)) ? "day" : "days");
    }

    /** A list as people write one: "Acme Corp, Globex Inc and Initech". */
    static String joined(Object list) {
        if (!(list instanceof Collection<?> items) || items.isEmpty()) {
            return list == null || list instanceof Collection<?> ? null : String.valueOf(list);
        }
        List<String> names = new ArrayList<>(items.stream().map(String::valueOf).toList());
        String last = names.remove(names.size() - 1);
        return names.isEmpty() ? last : String.join(", ", names) + " and " + last;
    }

    /** {"Acme Corp": true, "Globex Inc": false} as "Acme Corp present, Globex Inc absent". */
    private static String attendance(Object attendance) {
        if (!(attendance instanceof Map<?, ?> byName)) {
            return attendance == null ? null : String.valueOf(attendance);
        }
        List<String> parts = new ArrayList<>();
        byName.forEach((name, present) -> parts.add(name + (Boolean.TRUE.equals(present) ? " present" : " absent")));
        return String.join(", ", parts);
    }
}
