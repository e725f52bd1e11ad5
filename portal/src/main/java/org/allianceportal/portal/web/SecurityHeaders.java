package org.allianceportal.portal.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What every answer tells the browser, pages, errors, redirects and files alike: only the portal's own
 * scripts, styles and images, and no page of the portal inside another site's frame (so a one-button form
 * such as "Agree" cannot be clickjacked); no guessing of content types; no address (which may hold a
 * link's token) sent to other sites; and, when served over HTTPS (directly or behind a proxy that says so,
 * quarkus.http.proxy.*), HTTPS only from then on.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
            + "object-src 'none'";
    static final String REFERRER_POLICY = "same-origin";
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    /** Before every other route, so that answers made early (the login redirect, 401, 404) carry them too. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::onEveryRequest);
    }

    private void onEveryRequest(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Frame-Options", "DENY");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", REFERRER_POLICY);
            if (context.request().isSSL() || "https".equalsIgnoreCase(context.request().scheme())) {
                headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
            }
        });
        context.next();
    }
}
