package org.allianceportal.portal.web;

import static org.allianceportal.portal.web.DomainErrors.answer;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What HTTP itself refuses (no such address, a method the address does not take, a parameter that is
 * not a number, a body too large to read) and what fails unexpectedly: the portal's own error page
 * for people, problem details for the API; never a stack trace, SQL or an empty body.
 */
public class HttpErrors {

    /** The most a form field may take before HTTP refuses the body (413), for the message. */
    @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size")
    MemorySize fieldLimit;

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        Response given = e.getResponse();
        int status = given.getStatus();
        if (status < 400) {
            return given; // a redirect is not an error
        }
        Response answer = switch (status) {
            case 404 -> answer(uri, headers, 404, "Not found",
                    detail(e, uri, "There is nothing here, or it is not shared with your organisation."));
            case 405 -> answer(uri, headers, 405, "Not possible here", "This address does not take that kind of request.");
            case 413 -> answer(uri, headers, 413, "Too long to send", "What you sent has a field longer than "
                    + fieldLimit.asLongValue() / 1024 + " KB, far more than any field takes. "
                    + "Nothing was saved: go back, shorten it and send it again.");
            default -> status < 500
                    ? answer(uri, headers, status, "That request could not be used", detail(e, uri,
                            "Part of it is not in the form this address expects (for example, text where a number "
                                    + "belongs). Nothing was saved."))
                    : answer(uri, headers, status, "Something went wrong",
                            "The portal could not answer this. Please try again in a moment.");
        };
        // keep what HTTP says about the refusal (e.g. Allow on a 405)
        Response.ResponseBuilder kept = Response.fromResponse(answer);
        given.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(v -> kept.header(name, v));
            }
        });
        return kept.build();
    }

    /**
     * No login reaches here only on the API (pages send people to Keycloak before any resource runs):
     * a 401 that says how to log in, RFC 6750 style, rather than a redirect a program cannot follow.
     */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        String how = DomainErrors.isApi(uri)
                ? "Call with a bearer token from the portal's realm, or from a browser that is logged in to the portal."
                : "Log in to the portal first.";
        return Response.fromResponse(answer(uri, headers, 401, "Login needed", how))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Alliance Portal\"").build();
    }

    /** A signed-in person without the role an address needs (e.g. the administrators' pages). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return answer(uri, headers, 403, "Not yours to see", "Your role in the portal does not open this page.");
    }

    /**
     * A form body with broken percent-encoding (e.g. "%ZZ") cannot be read at all; no browser sends one,
     * so there is no form to show again. Any other IllegalArgumentException is a fault of ours.
     */
    @ServerExceptionMapper
    public Response unreadable(IllegalArgumentException e, UriInfo uri, HttpHeaders headers, Request request) {
        if (Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("FormEncodedDataDefinition$FormEncodedDataParser"))) {
            return answer(uri, headers, 400, "That request could not be read",
                    "What was sent is not readable form data. Nothing was saved: go back and send the form again.");
        }
        return unexpected(e, uri, headers, request);
    }

    /** Anything else is our fault: logged in full under a reference the person can quote, shown without details. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers, Request request) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        Log.errorf(e, "Unexpected failure %s on %s %s", reference, request.getMethod(), uri.getPath());
        return answer(uri, headers, 500, "Something went wrong on our side",
                "The portal could not finish this. Please try again in a moment; if it keeps happening, tell your "
                        + "administrator the reference " + reference + ".");
    }

    /** For the API the reason given where it was refused helps the caller; people get the plain sentence. */
    private static String detail(WebApplicationException e, UriInfo uri, String plain) {
        String reason = e.getMessage();
        return DomainErrors.isApi(uri) && reason != null && !reason.startsWith("HTTP ") ? reason : plain;
    }
}
