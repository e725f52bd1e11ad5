package org.allianceportal.notifications.preference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.notifications.delivery.NotificationSettings;

/** One-click unsubscribe links that work without logging in: the signed token names the person and the kind. */
@ApplicationScoped
public class Unsubscribe {

    /** Whose e-mail of which kind to stop. */
    public record Request(String userId, String kind) {
    }

    private static final String PURPOSE = "unsubscribe";

    @Inject
    NotificationSettings settings;

    @Inject
    Preferences preferences;

    @Inject
    SignedTokens tokens;

    public String link(String userId, String kind) {
        return settings.portalUrl() + "/unsubscribe?token=" + tokens.sign(PURPOSE, userId + "\n" + kind);
    }

    /** The request a token stands for, if its signature holds and the person still has access. */
    public Optional<Request> read(String token) {
        return tokens.read(PURPOSE, token).map(s -> s.split("\n", 2)).filter(p -> p.length == 2)
                .map(p -> new Request(p[0], p[1]))
                .filter(r -> Membership.findByUserId(r.userId()).filter(Membership::isActive).isPresent());
    }

    /** Switches the kind off for the person the token names; urgent kinds cannot be switched off. */
    public Optional<Request> apply(String token) {
        Optional<Request> request = read(token).filter(r -> !NoticeKind.isUrgent(r.kind()));
        request.ifPresent(r -> preferences.set(r.userId(), r.kind(), Mode.OFF));
        return request;
    }
}
