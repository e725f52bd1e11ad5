package org.allianceportal.portal.operations;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every request gets an id, in every log line written for it ({@code requestId} in the MDC: a field of
 * JSON logs, {@code %X{requestId}} in the plain format) and in the {@value #HEADER} answer header, so a
 * person's "reference" or a proxy's access log leads to the portal's log lines. An id the proxy already
 * gave (ingress-nginx sends one) is kept when it is a plain token.
 */
@ApplicationScoped
public class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::onEveryRequest);
    }

    private void onEveryRequest(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }
}
