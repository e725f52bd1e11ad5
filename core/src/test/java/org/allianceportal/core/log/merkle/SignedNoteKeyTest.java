package org.allianceportal.core.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

/** A verifier key reads back whatever its base64 holds: a "+" there is part of the key, not a separator. */
class SignedNoteKeyTest {

    @Test
    void a_verifier_key_whose_base64_holds_a_plus_reads_back() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int tries = 0; tries < 1000; tries++) {
            KeyPair pair = generator.generateKeyPair();
            String vkey = SignedNote.verifierKey("alliance-portal.local", pair.getPublic());
            String name = "alliance-portal.local+";
            String keyIdAndKey = vkey.substring(name.length());
            if (keyIdAndKey.substring(keyIdAndKey.indexOf('+') + 1).contains("+")) {
                var parsed = SignedNote.parseVerifierKey(vkey);
                assertThat(parsed.getKey()).isEqualTo("alliance-portal.local");
                assertThat(parsed.getValue().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
                return;
            }
        }
        throw new AssertionError("no key with a '+' in its base64 in 1000 tries");
    }
}
