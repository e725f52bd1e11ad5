package org.allianceportal.portal.checkin;

import static org.allianceportal.portal.web.Inputs.choice;
import static org.allianceportal.portal.web.Inputs.date;
import static org.allianceportal.portal.web.Inputs.number;
import static org.allianceportal.portal.web.Inputs.time;
import static org.allianceportal.portal.web.Inputs.id;
import static org.allianceportal.portal.web.Inputs.typed;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.checkin.Cadence;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.checkin.Frequency;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.calendar.Invite;
import org.allianceportal.notifications.calendar.Meetings;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Form;
import org.allianceportal.portal.web.FormPost;
import org.allianceportal.portal.web.Viewer;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Check-in pages: the alliance's calendar and cadence, and each meeting with agenda, attendance, minutes and approval. */
@Path("/alliances/{allianceId}/check-ins")
@Produces(MediaType.TEXT_HTML)
public class CheckInResource {

    /** How many action-item rows the minutes form offers. */
    static final int ACTION_ROWS = 3;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Alliance alliance, List<CheckIn> upcoming, CheckInService.Past past,
                boolean first, Optional<Cadence> cadence, boolean lead, Instant now, Form form);

        static native TemplateInstance show(Alliance alliance, CheckIn c, String suggestedAgenda, boolean lead,
                boolean started, Instant now, List<Integer> rows, Form form);
    }

    @Inject
    CurrentActor current;

    @Inject
    AllianceService alliances;

    @Inject
    CheckInService checkIns;

    @Inject
    Meetings meetings;

    @Inject
    Viewer viewer;

    @Inject
    TimeKeeper time;

    /** Check-ins coming up first, then the past ones newest first, a page at a time. */
    static final int PAGE_SIZE = 20;

    /** The alliance's check-ins: those to come, then the past ones a page at a time (the position in the URL). */
    @GET
    public TemplateInstance list(@PathParam("allianceId") long allianceId, @RestQuery String after) {
        return listPage(allianceId, after, Form.NONE);
    }

    @POST
    @Path("cadence")
    public Response setCadence(@PathParam("allianceId") long allianceId, @RestForm String frequency,
            @RestForm String firstDate, @RestForm String localTime, @RestForm String zone, @RestForm String durationMinutes) {
        Map<String, String> typed = Map.of("frequency", typed(frequency), "firstDate", typed(firstDate),
                "localTime", typed(localTime), "zone", typed(zone), "durationMinutes", typed(durationMinutes));
        return FormPost.handle("cadence", typed, () -> {
            checkIns.setCadence(current.get(), allianceId, new CheckInService.CadenceDraft(choice(Frequency.class, frequency),
                    date("firstDate", firstDate), time("localTime", localTime), zone, number(durationMinutes)));
            return "/alliances/" + allianceId + "/check-ins";
        }, form -> listPage(allianceId, null, form));
    }

    @GET
    @Path("{checkInId}")
    public TemplateInstance show(@PathParam("allianceId") long allianceId, @PathParam("checkInId") long checkInId) {
        return page(allianceId, checkInId, Form.NONE);
    }

    @GET
    @Path("{checkInId}/invite.ics")
    @Produces("text/calendar")
    public Response invite(@PathParam("allianceId") long allianceId, @PathParam("checkInId") long checkInId) {
        CheckIn c = checkIns.get(current.get(), allianceId, checkInId);
        return Response.ok(Invite.feed(c.alliance.name, List.of(meetings.of(c)), time.now()))
                .header("Content-Disposition", "attachment; filename=\"check-in-" + c.id + ".ics\"").build();
    }

    @POST
    @Path("{checkInId}/reschedule")
    public Response reschedule(@PathParam("allianceId") long a, @PathParam("checkInId") long c, @RestForm long version,
            @RestForm String startsAt) {
        return step(a, c, "reschedule", Map.of("startsAt", typed(startsAt)),
                () -> checkIns.reschedule(current.get(), new Ref(a, c, version), localInstant(startsAt)));
    }

    @POST
    @Path("{checkInId}/cancel")
    public Response cancel(@PathParam("allianceId") long a, @PathParam("checkInId") long c, @RestForm long version,
            @RestForm String reason) {
        return step(a, c, "cancel", Map.of("reason", typed(reason)),
                () -> checkIns.cancel(current.get(), new Ref(a, c, version), reason));
    }

    @POST
    @Path("{checkInId}/agenda")
    public Response agenda(@PathParam("allianceId") long a, @PathParam("checkInId") long c, @RestForm long version,
            @RestForm String agenda) {
        return step(a, c, "agenda", Map.of("agenda", typed(agenda)),
                () -> checkIns.editAgenda(current.get(), new Ref(a, c, version), agenda));
    }

    @POST
    @Path("{checkInId}/attendance")
    public Response attendance(@PathParam("allianceId") long a, @PathParam("checkInId") long c, @RestForm long version,
            @RestForm List<String> present) {
        Set<Long> ids = new HashSet<>();
        (present == null ? List.<String>of() : present).forEach(p -> Optional.ofNullable(id(p)).ifPresent(ids::add));
        return step(a, c, "attendance", Map.of(),
                () -> checkIns.recordAttendance(current.get(), new Ref(a, c, version), ids));
    }

    @POST
    @Path("{checkInId}/minutes")
    public Response minutes(@PathParam("allianceId") long a, @PathParam("checkInId") long c, @RestForm long version,
            @RestForm String minutes, @RestForm String decisions, @RestForm List<String> itemTitle,
            @RestForm List<String> itemOwner, @RestForm List<String> itemBeneficiary, @RestForm List<String> itemDue) {
        Map<String, String> typed = new HashMap<>(Map.of("minutes", typed(minutes), "decisions", typed(decisions)));
        for (int i = 0; i < ACTION_ROWS; i++) {
            typed.put("itemTitle" + i, typed(at(itemTitle, i)));
            typed.put("itemOwner" + i, typed(at(itemOwner, i)));
            typed.put("itemBeneficiary" + i, typed(at(itemBeneficiary, i)));
            typed.put("itemDue" + i, typed(at(itemDue, i)));
        }
        return step(a, c, "minutes", typed, () -> {
            List<CheckInService.ActionItemDraft> items = new ArrayList<>();
            for (int i = 0; itemTitle != null && i < itemTitle.size(); i++) {
                if (itemTitle.get(i) == null || itemTitle.get(i).isBlank()) {
                    continue; // an empty row
                }
                items.add(new CheckInService.ActionItemDraft(itemTitle.get(i), id(at(itemOwner, i)),
                        id(at(itemBeneficiary, i)), date("actionItems", at(itemDue, i))));
            }
            return checkIns.recordMinutes(current.get(), new Ref(a, c, version), minutes, decisions, items);
        });
    }

    @POST
    @Path("{checkInId}/approve")
    public Response approve(@PathParam("allianceId") long a, @PathParam("checkInId") long c, @RestForm long version) {
        return step(a, c, "approve", Map.of(), () -> checkIns.approveMinutes(current.get(), new Ref(a, c, version)));
    }

    private Response step(long allianceId, long checkInId, String formName, Map<String, String> typed,
            java.util.function.Supplier<CheckIn> command) {
        return FormPost.handle(formName, typed, () -> {
            command.get();
            return "/alliances/" + allianceId + "/check-ins/" + checkInId;
        }, form -> page(allianceId, checkInId, form));
    }

    private TemplateInstance listPage(long allianceId, String after, Form form) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        Instant now = time.now();
        boolean first = after == null || after.isBlank();
        // the upcoming ones head the first page only; the cadence keeps a few of them scheduled
        return Templates.list(alliance, first ? checkIns.upcoming(alliance, now, PAGE_SIZE) : List.of(),
                checkIns.past(alliance, now, after, PAGE_SIZE), first, Cadence.findByIdOptional(allianceId),
                actor.isLead(), now, form);
    }

    private TemplateInstance page(long allianceId, long checkInId, Form form) {
        Actor actor = current.get();
        CheckIn c = checkIns.get(actor, allianceId, checkInId);
        Instant now = time.now();
        return Templates.show(c.alliance, c, c.agenda == null ? checkIns.suggestedAgenda(c) : null,
                actor.isLead(), !now.isBefore(c.startsAt), now, List.of(0, 1, 2).subList(0, ACTION_ROWS), form);
    }

    /** A datetime-local value, read in the viewer's time zone. */
    private Instant localInstant(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDateTime.parse(value).atZone(viewer.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("startsAt", "Give the date and time, e.g. 2027-03-01T10:00.");
        }
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }
}
