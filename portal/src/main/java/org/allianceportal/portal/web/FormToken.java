package org.allianceportal.portal.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token in every form ({@code {#csrf /}}) that shows a POST comes from one of the portal's own pages
 * (CSRF protection). There is one per login session, not one per page view, so any number of forms in
 * any number of tabs stay valid while the person is logged in: an HMAC, under the forms' own key
 * ({@link FormKeys}), of the person's subject and the identity provider's session id ({@code sid}),
 * prefixed with the key's id so a replaced key still checks the forms it made. Nothing is stored; a new
 * login makes a new token, and forms opened before it come back asking to be sent again. Without a
 * login (the unsubscribe page) the token is the same for everyone; that form's signed link protects it.
 */
@RequestScoped
@Named("csrf")
public class FormToken {

    public static final String FIELD = "csrf-token";

    /** For requests without a form body (scripts, the API with the browser's session). */
    public static final String HEADER = "X-CSRF-Token";

    private static final String PURPOSE = "form";

    @Inject
    SecurityIdentity identity;

    @Inject
    FormKeys keys;

    private boolean refused;

    /** The form field's name, for the {@code {#csrf /}} tag. */
    public String parameterName() {
        return FIELD;
    }

    public String token() {
        return keys.ring().sign(PURPOSE, session());
    }

    boolean matches(String sent) {
        return keys.ring().verify(PURPOSE, session(), sent);
    }

    /** Marks this request's form as not proven to come from the portal: FormPost shows it again instead of acting. */
    void refuse() {
        refused = true;
    }

    boolean refused() {
        return refused;
    }

    /** Who is logged in, and in which login session (without a session id, the person alone). */
    private String session() {
        if (identity.isAnonymous()) {
            return "";
        }
        Principal principal = identity.getPrincipal();
        Object sid = principal instanceof JsonWebToken jwt ? jwt.getClaim("sid") : null;
        return CurrentActor.subjectOf(principal) + "\n" + (sid == null ? "" : sid);
    }
}
