package org.allianceportal.notifications.preference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.notifications.delivery.NotificationSettings;

/**
 * One-click unsubscribe links that work without logging in: the signed token names the person and the
 * kinds of mail to stop (one kind, or those a digest gathered).
 */
@ApplicationScoped
public class Unsubscribe {

    /** Whose e-mail of which kinds to stop. */
    public record Request(String userId, List<String> kinds) {

        public Request(String userId, String kind) {
            this(userId, List.of(kind));
        }

        public Request {
            kinds = List.copyOf(kinds);
        }
    }

    private static final String PURPOSE = "unsubscribe";

    @Inject
    NotificationSettings settings;

    @Inject
    Preferences preferences;

    @Inject
    SignedTokens tokens;

    public String link(String userId, String kind) {
        return link(userId, List.of(kind));
    }

    public String link(String userId, Collection<String> kinds) {
        return settings.portalUrl() + "/unsubscribe?token=" + tokens.sign(PURPOSE, userId + "\n" + String.join(",", kinds));
    }

    /** The request a token stands for, if its signature holds and the person still has access. */
    public Optional<Request> read(String token) {
        return tokens.read(PURPOSE, token).map(s -> s.split("\n", 2)).filter(p -> p.length == 2 && !p[1].isEmpty())
                .map(p -> new Request(p[0], List.of(p[1].split(","))))
                .filter(r -> Membership.findByUserId(r.userId()).filter(Membership::isActive).isPresent());
    }

    /** Switches the kinds off for the person the token names; urgent kinds cannot be switched off. */
    @Transactional
    public Optional<Request> apply(String token) {
        Optional<Request> request = read(token)
                .map(r -> new Request(r.userId(), r.kinds().stream().filter(k -> !NoticeKind.isUrgent(k)).toList()))
                .filter(r -> !r.kinds().isEmpty());
        request.ifPresent(r -> r.kinds().forEach(kind -> preferences.set(r.userId(), kind, Mode.OFF)));
        return request;
    }
}
