package org.allianceportal.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
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

    /** Optimistic-lock failures caught at commit (two users in the same instant) read as a conflict too. */
    @ServerExceptionMapper
    public Response lostUpdate(jakarta.persistence.OptimisticLockException e, UriInfo uri, HttpHeaders headers) {
        return conflict(new DomainException.Conflict("record", ""), uri, headers);
    }

    private static Response answer(UriInfo uri, HttpHeaders headers, int status, String title, String message) {
        if (uri.getPath().startsWith("/api/")) {
            return Response.status(status).type("application/problem+json")
                    .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", message)).build();
        }
        String back = headers == null ? null : headers.getHeaderString("Referer");
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, title, message, back)).build();
    }
}
