package org.allianceportal.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Logging out is a form (POST with the form token), never a link: another site cannot log anyone out
 * with an image or a link, and a GET only asks. It drops the portal's session cookies and sends the
 * browser to Keycloak's end-session endpoint (RP-initiated logout, with the ID token as hint, so no
 * confirmation page), which ends the Keycloak session and comes back to the portal's start page. The
 * session's id is recorded as revoked, so a copy of the cookie is worthless too.
 */
@Path("/logout")
@Produces(MediaType.TEXT_HTML)
public class Logout {

    static final String FORM = "logout";

    @CheckedTemplate(basePath = "Logout")
    static class Templates {
        static native TemplateInstance confirm(Form form);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    RevokedSessions revoked;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    String clientId;

    /** An old bookmark or link: the same button, nothing done yet. */
    @GET
    public TemplateInstance ask() {
        return Templates.confirm(Form.NONE);
    }

    @POST
    public Response logOut(UriInfo uri, HttpHeaders headers) {
        Optional<Form> resend = FormPost.resend(FORM, Map.of());
        if (resend.isPresent()) {
            return Response.status(400).entity(Templates.confirm(resend.get())).build();
        }
        UriBuilder endSession = UriBuilder.fromUri(realm).path("protocol/openid-connect/logout")
                .queryParam("client_id", clientId)
                .queryParam("post_logout_redirect_uri", uri.getBaseUri());
        if (identity.getPrincipal() instanceof JsonWebToken idToken && idToken.getRawToken() != null) {
            endSession.queryParam("id_token_hint", idToken.getRawToken());
        }
        // a copy of the cookie taken before now is refused from here on, on every replica
        SessionGuard.sidOf(identity).ifPresent(revoked::revoke);
        return SessionGuard.dropSession(Response.seeOther(endSession.build()), headers).build();
    }
}
