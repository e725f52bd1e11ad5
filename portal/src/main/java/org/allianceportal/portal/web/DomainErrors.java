package org.allianceportal.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.allianceportal.core.admin.Directory.DirectoryFailure;
import org.allianceportal.core.shared.DomainException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps each kind of domain refusal to one HTTP status, once for the whole portal: a page for people,
 * RFC 9457 problem details for the JSON API under /api.
 */
public class DomainErrors {

    @CheckedTemplate(basePath = "Errors")
    static class Templates {
        static native TemplateInstance error(int status, String title, String message, String back);
    }

    @ServerExceptionMapper
    public Response notFound(DomainException.NotFound e, UriInfo uri) {
        return answer(uri, null, 404, "Not found", "There is nothing here, or it is not shared with your organisation.");
    }

    @ServerExceptionMapper
    public Response forbidden(DomainException.Forbidden e, UriInfo uri, HttpHeaders headers) {
        return answer(uri, headers, 403, "Not yours to do", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(DomainException.Conflict e, UriInfo uri, HttpHeaders headers) {
        return answer(uri, headers, 409, "Someone changed this first",
                "While you were looking at it, someone else changed it. Nothing of yours was saved. "
                        + "Open it again to see the latest version, then decide.");
    }

    @ServerExceptionMapper
    public Response illegal(DomainException.IllegalTransition e, UriInfo uri, HttpHeaders headers) {
        return answer(uri, headers, 409, "That step is not possible now", e.getMessage());
    }

    /** Forms turn refused input into field messages (FormPost); this answers it anywhere else, the API first. */
    @ServerExceptionMapper
    public Response invalid(DomainException.InvalidInput e, UriInfo uri, HttpHeaders headers) {
        Map<String, Object> extra = Map.of("errors", e.fieldErrors);
        return answer(uri, headers, 400, "Some input was refused", String.join(" ", e.fieldErrors.values()), extra);
    }

    /** An e-mail invited twice, an alias taken: the API says 409 with the field; forms show it by the field (FormPost). */
    @ServerExceptionMapper
    public Response duplicate(DomainException.Duplicate e, UriInfo uri, HttpHeaders headers) {
        return answer(uri, headers, 409, "Exists already", String.join(" ", e.fieldErrors.values()),
                Map.of("errors", e.fieldErrors));
    }

    /** Keycloak unreachable or refusing: nothing was changed, in Keycloak or here. */
    @ServerExceptionMapper
    public Response directory(DirectoryFailure e, UriInfo uri, HttpHeaders headers) {
        return answer(uri, headers, e.unreachable ? 503 : 502, "Keycloak did not take the change", directoryMessage(e));
    }

    static String directoryMessage(DirectoryFailure e) {
        return e.getMessage() + " Nothing was changed, in Keycloak or in the portal; try again in a moment, "
                + "and tell the platform operators if it keeps failing.";
    }

    /** Optimistic-lock failures caught at commit (two users in the same instant) read as a conflict too. */
    @ServerExceptionMapper
    public Response lostUpdate(jakarta.persistence.OptimisticLockException e, UriInfo uri, HttpHeaders headers) {
        return conflict(new DomainException.Conflict("record", ""), uri, headers);
    }

    static Response answer(UriInfo uri, HttpHeaders headers, int status, String title, String message) {
        return answer(uri, headers, status, title, message, Map.of());
    }

    /** The portal's error page with a way back for people; problem details (with {@code extra} members) for the API. */
    static Response answer(UriInfo uri, HttpHeaders headers, int status, String title, String message,
            Map<String, Object> extra) {
        if (isApi(uri)) {
            Map<String, Object> problem = new LinkedHashMap<>(Map.of("type", "about:blank", "title", title,
                    "status", status, "detail", message));
            problem.putAll(extra);
            return Response.status(status).type("application/problem+json").entity(problem).build();
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, title, message, back(uri, headers))).build();
    }

    static boolean isApi(UriInfo uri) {
        return uri.getPath().startsWith("/api/");
    }

    /** The page the user came from, if it was one of ours: a link back, never to another site. */
    private static String back(UriInfo uri, HttpHeaders headers) {
        String referer = headers == null ? null : headers.getHeaderString("Referer");
        if (referer == null) {
            return null;
        }
        try {
            URI from = URI.create(referer);
            URI here = uri.getBaseUri();
            boolean ours = here.getScheme().equals(from.getScheme()) && here.getAuthority().equals(from.getAuthority());
            return ours && from.getRawPath() != null
                    ? from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
