package org.allianceportal.core.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The secrets of one purpose (session cookies, form tokens, signed links), each with an id, so a secret
 * can be replaced without invalidating what the one before it made: the current key makes everything new
 * and names itself in it; the earlier keys, kept under their ids, still check (or open) what they made.
 * Earlier keys are written {@code id:secret,id:secret}.
 */
public final class KeyRing {

    /** One secret and the id it is known by; the id travels in tokens, the secret never does. */
    public record Key(String id, String secret) {
        @Override
        public String toString() {
            return "Key[" + id + "]"; // never the secret, in case a key ends up in a log
        }
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final Key current;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    private KeyRing(Key current, List<Key> earlier) {
        this.current = current;
        keys.put(current.id(), current);
        for (Key key : earlier) {
            if (keys.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("key id " + key.id() + " is used twice");
            }
        }
    }

    /**
     * The ring of a current key and the earlier ones ({@code id:secret,...}, blank for none). Refuses an id
     * that could not travel in a token, an empty secret, or an id given twice; the message never holds a secret.
     */
    public static KeyRing of(String currentId, String currentSecret, String earlier) {
        List<Key> older = new ArrayList<>();
        if (earlier != null && !earlier.isBlank()) {
            for (String entry : earlier.split(",")) {
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("an earlier key is not written id:secret");
                }
                older.add(key(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip()));
            }
        }
        return new KeyRing(key(currentId == null ? "" : currentId.strip(), currentSecret), older);
    }

    /**
     * The ring configured under {@code prefix}: {@code <prefix>.secret} (the current key), {@code <prefix>.id}
     * (its id, default 1) and {@code <prefix>.earlier} (the earlier keys, optional).
     */
    public static KeyRing configured(String prefix) {
        Config config = ConfigProvider.getConfig();
        return of(config.getOptionalValue(prefix + ".id", String.class).orElse("1"),
                config.getValue(prefix + ".secret", String.class),
                config.getOptionalValue(prefix + ".earlier", String.class).orElse(""));
    }

    private static Key key(String id, String secret) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id '" + id + "' is not 1 to 20 letters, digits, '-' or '_'");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("key " + id + " has no secret");
        }
        return new Key(id, secret);
    }

    public Key current() {
        return current;
    }

    public Optional<Key> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** Every key, the current one first. */
    public List<Key> all() {
        return List.copyOf(keys.values());
    }

    // ------------------------------------------------------------------ signatures

    /** {@code <key id>.<HMAC-SHA256 of the subject for this purpose>}, under the current key. */
    public String sign(String purpose, String subject) {
        return current.id() + "." + ENCODER.encodeToString(mac(current, purpose, subject));
    }

    /** Whether {@code signed} came from {@link #sign} for this purpose and subject, under any key of the ring. */
    public boolean verify(String purpose, String subject, String signed) {
        if (signed == null || signed.indexOf('.') < 0) {
            return false;
        }
        return verify(signed.substring(0, signed.indexOf('.')), purpose, subject, signed.substring(signed.indexOf('.') + 1));
    }

    /** Whether {@code signature} (base64url) is the HMAC of the subject under the named key. */
    public boolean verify(String keyId, String purpose, String subject, String signature) {
        Optional<Key> key = key(keyId);
        if (key.isEmpty()) {
            return false;
        }
        try {
            return MessageDigest.isEqual(DECODER.decode(signature), mac(key.get(), purpose, subject));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** HMAC-SHA256 keyed by purpose and secret, so a token made for one purpose is worth nothing for another. */
    public static byte[] mac(Key key, String purpose, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((purpose + ":" + key.secret()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ encryption

    /** {@code <key id>.<base64url of IV and AES-256-GCM ciphertext>} under the current key; the id is authenticated too. */
    public String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current, iv);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return current.id() + "." + ENCODER.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@link #seal} sealed under any key of the ring; empty if the key is unknown or anything was altered. */
    public Optional<String> open(String sealed) {
        if (sealed == null || sealed.indexOf('.') < 0) {
            return Optional.empty();
        }
        Optional<Key> key = key(sealed.substring(0, sealed.indexOf('.')));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = DECODER.decode(sealed.substring(sealed.indexOf('.') + 1));
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.get(), java.util.Arrays.copyOf(bytes, IV_BYTES));
            return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, Key key, byte[] iv) throws GeneralSecurityException {
        byte[] aes = MessageDigest.getInstance("SHA-256").digest(("seal:" + key.secret()).getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(aes, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(key.id().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
