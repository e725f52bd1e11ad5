package org.allianceportal.portal.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.allianceportal.portal.web.CurrentActor.SessionRevoked;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Ends, at the next request, a session that was logged out (RevokedSessions, on every replica), or whose
 * person was disabled or removed (or whose organisation was) after it began: the encrypted session cookie
 * alone never keeps anyone in. A page drops the portal's
 * session cookies and comes back to the same address, which sends the browser to Keycloak's login
 * (where their Keycloak session has ended too); the API answers 401.
 */
public class SessionGuard {

    /** Quarkus OIDC's session cookie, and its chunks when the tokens do not fit one cookie. */
    static final String SESSION_COOKIE = "q_session";

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentActor currentActor;

    @Inject
    RevokedSessions revoked;

    @ServerRequestFilter
    public void refuseRevokedSessions() {
        if (!identity.isAnonymous()) {
            sidOf(identity).filter(revoked::isRevoked).ifPresent(sid -> {
                throw new SessionRevoked(CurrentActor.subjectOf(identity.getPrincipal()));
            });
            currentActor.get(); // throws SessionRevoked
        }
    }

    /** The identity provider's session id of the token the request came with, if it has one. */
    static Optional<String> sidOf(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken token
                ? Optional.ofNullable(token.<Object>getClaim("sid")).map(String::valueOf) : Optional.empty();
    }

    @ServerExceptionMapper
    public Response revoked(SessionRevoked e, UriInfo uri, HttpHeaders headers, Request request) {
        if (DomainErrors.isApi(uri)) {
            return Response.fromResponse(DomainErrors.answer(uri, headers, 401, "Access revoked",
                    "Your access was taken away by an administrator; log in again if it was given back.", Map.of()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        // a page comes back to itself; a form sent with the revoked session goes to the start page
        URI again = "GET".equals(request.getMethod()) ? uri.getRequestUri() : uri.getBaseUri();
        return dropSession(Response.seeOther(again), headers).build();
    }

    /** Makes the answer remove the portal's session cookies (and their chunks) from the browser. */
    static Response.ResponseBuilder dropSession(Response.ResponseBuilder answer, HttpHeaders headers) {
        for (String name : headers.getCookies().keySet()) {
            if (name.startsWith(SESSION_COOKIE)) {
                answer.cookie(new NewCookie.Builder(name).value("").path("/").maxAge(0).httpOnly(true).build());
            }
        }
        return answer;
    }
}
