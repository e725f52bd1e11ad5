package org.allianceportal.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.allianceportal.core.shared.DomainException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps each kind of domain refusal to one HTTP status and one page, once for the whole portal. */
public class DomainErrors {

    @CheckedTemplate(basePath = "Errors")
    static class Templates {
        static native TemplateInstance error(int status, String title, String message, String back);
    }

    @ServerExceptionMapper
    public Response notFound(DomainException.NotFound e) {
        return page(404, "Not found", "There is nothing here, or it is not shared with your organisation.", null);
    }

    @ServerExceptionMapper
    public Response forbidden(DomainException.Forbidden e, HttpHeaders headers) {
        return page(403, "Not yours to do", e.getMessage(), headers.getHeaderString("Referer"));
    }

    @ServerExceptionMapper
    public Response conflict(DomainException.Conflict e, HttpHeaders headers) {
        return page(409, "Someone changed this first",
                "While you were looking at it, someone else changed it. Nothing of yours was saved. "
                        + "Open it again to see the latest version, then decide.",
                headers.getHeaderString("Referer"));
    }

    @ServerExceptionMapper
    public Response illegal(DomainException.IllegalTransition e, HttpHeaders headers) {
        return page(409, "That step is not possible now", e.getMessage(), headers.getHeaderString("Referer"));
    }

    /** Optimistic-lock failures caught at commit (two users in the same instant) read as a conflict too. */
    @ServerExceptionMapper
    public Response lostUpdate(jakarta.persistence.OptimisticLockException e, HttpHeaders headers) {
        return conflict(new DomainException.Conflict("record", ""), headers);
    }

    static Response page(int status, String title, String message, String back) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, title, message, back)).build();
    }
}
