package org.allianceportal.core.log.merkle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checkpoints in the C2SP tlog-checkpoint format inside a C2SP signed note, signed with Ed25519
 * from the JDK's own provider. JDK only: the offline verifier uses the same code.
 *
 * <pre>
 * alliance-portal.local/alliances/7      origin
 * 42                                      tree size
 * 3q2+7w...=                              root hash, base64
 * time 2026-11-27T10:00:00Z               extension line: when it was signed
 *
 * — alliance-portal.local AbCd...=        key name, base64(key id || signature)
 * </pre>
 */
public final class SignedNote {

    /** Signature algorithm byte of Ed25519 in signed notes. */
    private static final byte ED25519 = 0x01;
    /** DER prefix of an X.509 Ed25519 public key; the raw 32-byte key follows. */
    private static final int X509_PREFIX = 12;

    /** What a checkpoint says. */
    public record Checkpoint(String origin, long size, byte[] root, String time) {
        /** The signed text: every line ends with a newline. */
        public String body() {
            return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n"
                    + (time == null ? "" : "time " + time + "\n");
        }
    }

    private SignedNote() {
    }

    public static String sign(Checkpoint checkpoint, String keyName, PrivateKey key, PublicKey publicKey) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            String body = checkpoint.body();
            signer.update(body.getBytes(StandardCharsets.UTF_8));
            byte[] signature = signer.sign();
            byte[] line = concat(keyId(keyName, publicKey), signature);
            return body + "\n\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(line) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the checkpoint", e);
        }
    }

    /** The checkpoint in {@code note}, if a signature line by {@code keyName} verifies with {@code publicKey}. */
    public static Optional<Checkpoint> open(String note, String keyName, PublicKey publicKey) {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            return Optional.empty();
        }
        String body = note.substring(0, split + 1);
        byte[] expectedId = keyId(keyName, publicKey);
        for (String line : note.substring(split + 2).split("\n")) {
            String prefix = "\u2014 " + keyName + " ";
            if (!line.startsWith(prefix)) {
                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(line.substring(prefix.length()).trim());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (raw.length < 4 || !Arrays.equals(Arrays.copyOf(raw, 4), expectedId)) {
                continue;
            }
            if (verify(publicKey, body, Arrays.copyOfRange(raw, 4, raw.length))) {
                return parse(body);
            }
        }
        return Optional.empty();
    }

    /** The key as partners configure it: {@code name+hex key id+base64(0x01 || raw key)}. */
    public static String verifierKey(String keyName, PublicKey publicKey) {
        return keyName + "+" + HexFormat.of().formatHex(keyId(keyName, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(concat(new byte[] {ED25519}, raw(publicKey)));
    }

    /** Reads a verifier key back into its name and public key. */
    public static java.util.Map.Entry<String, PublicKey> parseVerifierKey(String vkey) {
        // the name holds no "+", the base64 of the key may: only the first two separate
        String[] parts = vkey.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a verifier key (name+keyid+key): " + vkey);
        }
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("not an Ed25519 verifier key: " + vkey);
        }
        PublicKey key = publicKeyFromRaw(Arrays.copyOfRange(typed, 1, 33));
        if (!HexFormat.of().formatHex(keyId(parts[0], key)).equals(parts[1])) {
            throw new IllegalArgumentException("the key id does not match the key: " + vkey);
        }
        return java.util.Map.entry(parts[0], key);
    }

    /** SHA-256 of the raw public key, in hex: what people compare by eye. */
    public static String fingerprint(PublicKey publicKey) {
        return HexFormat.of().formatHex(sha256(raw(publicKey)));
    }

    public static PrivateKey privateKey(String base64Pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Pkcs8.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key", e);
        }
    }

    public static PublicKey publicKey(String base64X509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(base64X509.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }

    static Optional<Checkpoint> parse(String body) {
        String[] lines = body.split("\n");
        if (lines.length < 3) {
            return Optional.empty();
        }
        try {
            long size = Long.parseLong(lines[1]);
            byte[] root = Base64.getDecoder().decode(lines[2]);
            String time = null;
            for (int i = 3; i < lines.length; i++) {
                if (lines[i].startsWith("time ")) {
                    time = lines[i].substring(5);
                }
            }
            return size < 0 || root.length != Merkle.HASH_SIZE ? Optional.empty()
                    : Optional.of(new Checkpoint(lines[0], size, root, time));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean verify(PublicKey key, String body, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(body.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The first four bytes of SHA-256(name || "\n" || 0x01 || raw key), as signed notes define it. */
    static byte[] keyId(String keyName, PublicKey key) {
        byte[] material = concat(concat(keyName.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', ED25519}), raw(key));
        return Arrays.copyOf(sha256(material), 4);
    }

    static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, X509_PREFIX, der.length);
    }

    private static PublicKey publicKeyFromRaw(byte[] raw) {
        byte[] der = concat(Base64.getDecoder().decode("MCowBQYDK2VwAyEA"), raw);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
