package org.allianceportal.portal.notification;

import static org.allianceportal.portal.web.Inputs.date;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.notifications.calendar.CalendarFeed;
import org.allianceportal.notifications.centre.NotificationCentre;
import org.allianceportal.notifications.delivery.Delivery;
import org.allianceportal.notifications.preference.Mode;
import org.allianceportal.notifications.preference.NoticeKind;
import org.allianceportal.notifications.preference.Preferences;
import org.allianceportal.notifications.preference.Unsubscribe;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Form;
import org.allianceportal.portal.web.FormPost;
import org.allianceportal.portal.web.Inputs;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;

/** The notification centre, each person's preferences, one-click unsubscribe, and dead letters for admins. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class NotificationResource {

    static final int PAGE_SIZE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance centre(List<Delivery> notices, int page, boolean hasNext, Form form);

        static native TemplateInstance preferences(List<NoticeKind> kinds, Map<String, Mode> modes,
                Optional<Preferences.Absence> absence, String feedUrl, Actor actor, String signingInUrl, Form form,
                boolean saved);

        static native TemplateInstance unsubscribe(String token, Optional<Unsubscribe.Request> request, String label,
                boolean done, Form form);

        static native TemplateInstance deadLetters(List<Delivery> dead);
    }

    @Inject
    CurrentActor current;

    @Inject
    NotificationCentre centre;

    @Inject
    Preferences preferences;

    @Inject
    Unsubscribe unsubscribe;

    @Inject
    CalendarFeed feeds;

    /** Keycloak's account console, where people add a one-time password to their login (Keycloak's own OTP). */
    @ConfigProperty(name = "alliance.account-url")
    String accountUrl;

    @GET
    @Path("notifications")
    public TemplateInstance centre(@QueryParam("page") @DefaultValue("0") int page) {
        return centrePage(page, Form.NONE);
    }

    @POST
    @Path("notifications/read")
    public Response markAllRead() {
        return FormPost.handle("read", Map.of(), () -> {
            centre.markAllRead(current.get().userId());
            return "/notifications";
        }, form -> centrePage(0, form));
    }

    @GET
    @Path("notifications/preferences")
    public TemplateInstance preferences(@QueryParam("saved") boolean saved) {
        return preferencesPage(Form.NONE, saved);
    }

    private TemplateInstance preferencesPage(Form form, boolean saved) {
        String user = current.get().userId();
        return Templates.preferences(NoticeKind.ALL, preferences.modes(user), preferences.absence(user),
                feeds.url(user), current.get(), signingInUrl(), form, saved);
    }

    private String signingInUrl() {
        return accountUrl + "/account-security/signing-in";
    }

    /** A new address for the person's calendar feed; the old one (perhaps passed on) stops working. */
    @POST
    @Path("notifications/preferences/calendar-link")
    public Response renewCalendarLink() {
        return FormPost.handle("calendar-link", Map.of(), () -> {
            feeds.renew(current.get().userId());
            return "/notifications/preferences?saved=true#feed";
        }, form -> preferencesPage(form, false));
    }

    /**
     * One select per kind, all named "modes" with values "kind|MODE", and the absence: saved in one transaction,
     * all or nothing. A refused form comes back with the choices made, not the ones stored.
     */
    @POST
    @Path("notifications/preferences")
    public Response savePreferences(@RestForm List<String> modes, @RestForm String absenceStart,
            @RestForm String absenceEnd) {
        String user = current.get().userId();
        Map<String, String> typed = new HashMap<>(Map.of("absenceStart", absenceStart == null ? "" : absenceStart,
                "absenceEnd", absenceEnd == null ? "" : absenceEnd));
        Map<String, Mode> chosen = new HashMap<>();
        for (String choice : modes == null ? List.<String>of() : modes) {
            String[] kindAndMode = choice.split("\\|", 2);
            Mode mode = kindAndMode.length == 2 ? Inputs.choice(Mode.class, kindAndMode[1]) : null;
            if (mode != null && NoticeKind.ALL.stream().anyMatch(k -> k.kind().equals(kindAndMode[0]) && !k.urgent())) {
                chosen.put(kindAndMode[0], mode);
            }
        }
        return FormPost.handle("preferences", typed, () -> {
            preferences.save(user, chosen, date("absenceStart", absenceStart), date("absenceEnd", absenceEnd));
            return "/notifications/preferences?saved=true";
        }, form -> {
            Map<String, Mode> shown = new HashMap<>(preferences.modes(user));
            shown.putAll(chosen);
            return Templates.preferences(NoticeKind.ALL, shown, preferences.absence(user), feeds.url(user), current.get(),
                    signingInUrl(), form, false);
        });
    }

    @GET
    @Path("unsubscribe")
    @PermitAll
    public TemplateInstance unsubscribePage(@QueryParam("token") String token) {
        Optional<Unsubscribe.Request> request = unsubscribe.read(token);
        return Templates.unsubscribe(token, request, request.map(NotificationResource::label).orElse(""), false,
                Form.NONE);
    }

    /**
     * A button, not the link itself, switches it off: mail scanners follow links but do not press buttons.
     * It answers with the page itself, not a redirect, so it checks the form token through FormPost.resend.
     * A mail program's own unsubscribe button (RFC 8058) POSTs {@code List-Unsubscribe=One-Click} to the
     * link in the mail's List-Unsubscribe header, without the page's form token: there the signed token in
     * the link is the proof, as it is for the page (whose form token is the same for every visitor).
     */
    @POST
    @Path("unsubscribe")
    @PermitAll
    public Response unsubscribe(@RestForm String token, @RestForm("List-Unsubscribe") String oneClick,
            @QueryParam("token") String linkToken) {
        if ("One-Click".equals(oneClick) && linkToken != null) {
            Optional<Unsubscribe.Request> done = unsubscribe.apply(linkToken);
            return Response.status(done.isPresent() ? 200 : 404).entity(Templates.unsubscribe(linkToken, done,
                    done.map(NotificationResource::label).orElse(""), done.isPresent(), Form.NONE)).build();
        }
        Optional<Form> resend = FormPost.resend("unsubscribe", Map.of());
        Optional<Unsubscribe.Request> request = resend.isPresent() ? unsubscribe.read(token) : unsubscribe.apply(token);
        boolean done = resend.isEmpty() && request.isPresent();
        return Response.status(resend.isPresent() ? 400 : 200).entity(Templates.unsubscribe(token, request,
                request.map(NotificationResource::label).orElse(""), done, resend.orElse(Form.NONE))).build();
    }

    /** A person's private calendar feed; the secret token in the URL is the only key. */
    @GET
    @Path("calendar/{token}.ics")
    @Produces("text/calendar")
    @PermitAll
    public Response calendar(@PathParam("token") String token) {
        return feeds.feed(token).map(ics -> Response.ok(ics).build())
                .orElseGet(() -> Response.status(404).type(MediaType.TEXT_PLAIN).entity("No such calendar").build());
    }

    @GET
    @Path("admin/dead-letters")
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public TemplateInstance deadLetters() {
        return Templates.deadLetters(centre.deadLetters(0, 200));
    }

    private TemplateInstance centrePage(int page, Form form) {
        String user = current.get().userId();
        int safePage = Math.max(page, 0);
        return Templates.centre(centre.page(user, safePage, PAGE_SIZE), safePage,
                (long) (safePage + 1) * PAGE_SIZE < centre.count(user), form);
    }

    /** The kinds a link stops, in the preferences page's words: "“A concern is raised …” or “A commitment is proposed”". */
    private static String label(Unsubscribe.Request request) {
        return request.kinds().stream().map(kind -> "“" + NoticeKind.ALL.stream().filter(k -> k.kind().equals(kind))
                .map(NoticeKind::label).findFirst().orElse(kind) + "”").collect(Collectors.joining(" or "));
    }
}
