package org.allianceportal.portal.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;

/**
 * Checks the form token ({@link FormToken}) of every request that can change something. A page form
 * without a valid one is not turned away here with a bare 400: its resource runs, and {@link FormPost}
 * shows the form again with what was typed, asking to send it again, without running the command.
 * (Every form handler goes through FormPost; a test sends every form without a token to prove it.)
 * An API call with the browser's session needs the token in a header; one with a bearer token does not,
 * since a browser never sends that on its own.
 */
public class FormTokenCheck {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    FormToken token;

    @ServerRequestFilter
    @WithFormRead
    public Optional<Response> check(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return Optional.empty();
        }
        String sent = request.getHeaderString(FormToken.HEADER);
        if (sent == null && CurrentRequestManager.get().getFormData() != null) {
            sent = (String) CurrentRequestManager.get().getFormParameter(FormToken.FIELD, true, false);
        }
        if (token.matches(sent)) {
            return Optional.empty();
        }
        if (request.getUriInfo().getPath().startsWith("/api/")) {
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            return Optional.of(DomainErrors.answer(request.getUriInfo(), null, 403, "Token needed",
                    "A call with the browser's session must carry the form token in the " + FormToken.HEADER + " header."));
        }
        token.refuse();
        return Optional.empty();
    }
}
