package org.allianceportal.portal.web;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.oidc.runtime.DefaultTokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Optional;
import org.allianceportal.core.shared.KeyRing;

/**
 * The session cookie: Quarkus OIDC's tokens (ID, access, refresh) sealed with AES-256-GCM under the
 * session key ring (alliance.keys.session: ALLIANCE_SESSION_KEY, _KEY_ID, _EARLIER_KEYS) and named by the
 * key's id, instead of Quarkus' single encryption secret: after the key is replaced, sessions sealed under
 * the earlier key still open while that key is kept among the earlier ones, so nobody is logged out.
 * (Quarkus' own encryption is off: quarkus.oidc.token-state-manager.encryption-required=false.)
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class SessionCookies implements TokenStateManager {

    @Inject
    DefaultTokenStateManager tokens;

    private KeyRing ring;

    @PostConstruct
    void init() {
        ring = KeyRing.configured("alliance.keys.session");
    }

    @Override
    public Uni<String> createTokenState(RoutingContext routing, OidcTenantConfig config, AuthorizationCodeTokens codeTokens,
            OidcRequestContext<String> request) {
        return tokens.createTokenState(routing, config, codeTokens, request).map(ring::seal);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext routing, OidcTenantConfig config, String state,
            OidcRequestContext<AuthorizationCodeTokens> request) {
        Optional<String> opened = ring.open(state);
        if (opened.isEmpty()) {
            // sealed under a key no longer in the ring, or altered: a new login, as for an expired session
            return Uni.createFrom().failure(new AuthenticationFailedException("session cookie does not open"));
        }
        return tokens.getTokens(routing, config, opened.get(), request);
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext routing, OidcTenantConfig config, String state,
            OidcRequestContext<Void> request) {
        return tokens.deleteTokens(routing, config, ring.open(state).orElse(""), request);
    }
}
