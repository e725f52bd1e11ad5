package org.allianceportal.core.log;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How checkpoints are named and signed, and when. Keys are base64 DER: PKCS#8 private, X.509 public (Ed25519). */
@ConfigMapping(prefix = "alliance.log")
public interface LogSigning {

    /** Names the log in checkpoints; each alliance's origin is {@code <origin>/alliances/<id>}. */
    @WithDefault("alliance-portal.local")
    String origin();

    /** The key's name in signature lines; partners configure it with the public key. */
    @WithDefault("alliance-portal.local")
    String keyName();

    String signingKey();

    String publicKey();

    /** How long after a commit that appended its checkpoint is signed: commits meanwhile share one. */
    @WithDefault("1s")
    Duration checkpointAfter();
}
