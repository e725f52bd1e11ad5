package org.allianceportal.portal.web;

import io.quarkus.logging.Log;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.oidc.common.runtime.OidcConstants;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Optional;
import org.allianceportal.core.shared.TimeKeeper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Login sessions that ended before their tokens did, by the identity provider's session id ({@code sid}):
 * a logout here, or Keycloak's back-channel logout (the person logged out elsewhere, or an administrator
 * signed them out in Keycloak's console). Kept in the database, so every replica refuses the old session
 * cookie at its next request (SessionGuard), not only the one that heard of the logout.
 */
@ApplicationScoped
public class RevokedSessions {

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    /** Longer than any token of a session lives (access and ID tokens: minutes; refreshed sessions end with Keycloak's). */
    @ConfigProperty(name = "alliance.sessions.revocations-kept", defaultValue = "P2D")
    Duration kept;

    @Transactional
    public void revoke(String sid) {
        em.createNativeQuery("insert into revoked_session (sid, revoked_at) values (?1, ?2) on conflict (sid) do nothing")
                .setParameter(1, sid).setParameter(2, time.now()).executeUpdate();
    }

    public boolean isRevoked(String sid) {
        return !em.createNativeQuery("select 1 from revoked_session where sid = ?1").setParameter(1, sid)
                .getResultList().isEmpty();
    }

    /** Keycloak's back-channel logout, verified by Quarkus OIDC: its session id, for every replica. */
    void backChannelLogout(@ObservesAsync SecurityEvent event) {
        if (event.getEventType() == SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED) {
            sidOf(event.getEventProperties().get(OidcConstants.BACK_CHANNEL_LOGOUT_TOKEN)).ifPresent(this::revoke);
        }
    }

    /** The logout token's claims are in Quarkus' verification result, a field it does not publish. */
    static Optional<String> sidOf(Object verification) {
        try {
            Field claims = verification.getClass().getDeclaredField("localVerificationResult");
            claims.setAccessible(true);
            return Optional.ofNullable((JsonObject) claims.get(verification))
                    .map(c -> c.getString(OidcConstants.BACK_CHANNEL_LOGOUT_SID_CLAIM));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("A back-channel logout could not be read (%s): its session ends on this replica only", e);
            return Optional.empty();
        }
    }

    @Scheduled(every = "${alliance.sessions.forget-revoked-every:1h}", delayed = "${alliance.jobs.first-run-after:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOld() {
        em.createNativeQuery("delete from revoked_session where revoked_at < ?1").setParameter(1, time.now().minus(kept))
                .executeUpdate();
    }
}
