package org.allianceportal.notifications.preference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.allianceportal.notifications.delivery.NotificationSettings;

/**
 * One-click unsubscribe links that work without logging in: the token names the person and the kind
 * and carries an HMAC-SHA256 of both, so nobody can forge one for someone else.
 */
@ApplicationScoped
public class Unsubscribe {

    /** Whose e-mail of which kind to stop. */
    public record Request(String userId, String kind) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Inject
    NotificationSettings settings;

    @Inject
    Preferences preferences;

    public String link(String userId, String kind) {
        String subject = userId + "\n" + kind;
        return settings.portalUrl() + "/unsubscribe?token="
                + ENCODER.encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(subject));
    }

    /** The request a token stands for, if its signature holds. */
    public Optional<Request> read(String token) {
        if (token == null || token.indexOf('.') < 0) {
            return Optional.empty();
        }
        try {
            String subject = new String(DECODER.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(token.indexOf('.') + 1));
            String[] parts = subject.split("\n", 2);
            if (parts.length != 2 || !MessageDigest.isEqual(signature, mac(subject))) {
                return Optional.empty();
            }
            return Optional.of(new Request(parts[0], parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Switches the kind off for the person the token names; urgent kinds cannot be switched off. */
    public Optional<Request> apply(String token) {
        Optional<Request> request = read(token).filter(r -> !NoticeKind.isUrgent(r.kind()));
        request.ifPresent(r -> preferences.set(r.userId(), r.kind(), Mode.OFF));
        return request;
    }

    private byte[] mac(String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("unsubscribe:" + settings.linkSecret()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
