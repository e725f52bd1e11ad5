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
 * Tokens for links that work without logging in (unsubscribe, calendar feeds): the subject in the
 * clear and an HMAC-SHA256 over it and the token's purpose, so a token serves only what it was made for.
 */
@ApplicationScoped
public class SignedTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Inject
    NotificationSettings settings;

    public String sign(String purpose, String subject) {
        return ENCODER.encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(purpose, subject));
    }

    /** Only the signature, for a subject the checker knows itself and that should not travel (e.g. a session). */
    public String signature(String purpose, String subject) {
        return ENCODER.encodeToString(mac(purpose, subject));
    }

    /** The subject, if the token was signed for this purpose. */
    public Optional<String> read(String purpose, String token) {
        if (token == null || token.indexOf('.') < 0) {
            return Optional.empty();
        }
        try {
            String subject = new String(DECODER.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(token.indexOf('.') + 1));
            return MessageDigest.isEqual(signature, mac(purpose, subject)) ? Optional.of(subject) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String purpose, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((purpose + ":" + settings.linkSecret()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
