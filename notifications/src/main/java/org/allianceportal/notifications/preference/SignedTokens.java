package org.allianceportal.notifications.preference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.allianceportal.core.shared.KeyRing;

/**
 * Tokens for links that work without logging in (unsubscribe, calendar feeds):
 * {@code <key id>.<subject>.<HMAC-SHA256 over the subject and the token's purpose>}, so a token serves only
 * what it was made for. The links' own key ring (alliance.keys.links, not the session's or the forms'):
 * a link keeps working after the key is replaced as long as its key id stays among the earlier keys.
 * Links made before keys had ids ({@code <subject>.<signature>}) count as made by key id {@value #UNNAMED_KEY}.
 */
@ApplicationScoped
public class SignedTokens {

    static final String UNNAMED_KEY = "0";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    KeyRing ring;

    @PostConstruct
    void init() {
        ring = KeyRing.configured("alliance.keys.links");
    }

    public String sign(String purpose, String subject) {
        String signed = ring.sign(purpose, subject);
        int dot = signed.indexOf('.');
        return signed.substring(0, dot) + "." + ENCODER.encodeToString(subject.getBytes(StandardCharsets.UTF_8))
                + signed.substring(dot);
    }

    /** The subject, if the token was signed for this purpose by a key of the ring. */
    public Optional<String> read(String purpose, String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        String keyId = parts.length == 3 ? parts[0] : UNNAMED_KEY;
        try {
            String subject = new String(DECODER.decode(parts[parts.length - 2]), StandardCharsets.UTF_8);
            return ring.verify(keyId, purpose, subject, parts[parts.length - 1]) ? Optional.of(subject) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
