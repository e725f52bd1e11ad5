package org.allianceportal.core.log;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.log.merkle.SignedNote;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * Signs and keeps checkpoints. A new checkpoint is signed only after proving, from the stored tree,
 * that it extends the previous one: the portal never signs two histories.
 */
@ApplicationScoped
public class Checkpoints {

    /** The stored tree no longer extends the last signed checkpoint: someone rewrote the log. */
    public static class InconsistentLog extends RuntimeException {
        public InconsistentLog(String message) {
            super(message);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    LogTree tree;

    @Inject
    TimeKeeper time;

    /** The first key of the advisory lock that serialises the signers of one alliance (the second is its id). */
    private static final int SIGNER_LOCK = 9162;

    private final String origin;
    private final String keyName;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    @Inject
    Checkpoints(LogSigning signing) {
        this.origin = signing.origin();
        this.keyName = signing.keyName();
        this.privateKey = SignedNote.privateKey(signing.signingKey());
        this.publicKey = SignedNote.publicKey(signing.publicKey());
    }

    /**
     * Signs the alliance's current tree head, unless the latest checkpoint already covers it. Refusing
     * to sign writes nothing, so it does not spoil the caller's transaction. Appends go on meanwhile:
     * the head is read once, and everything below it is stored and never changes.
     */
    @Transactional(dontRollbackOn = InconsistentLog.class)
    public Checkpoint publish(long allianceId) {
        // one signer of this alliance at a time, on any replica, so each signs on top of the latest checkpoint
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, ?2)) signer")
                .setParameter(1, SIGNER_LOCK).setParameter(2, Math.toIntExact(allianceId)).getSingleResult();
        Optional<Checkpoint> last = Checkpoint.latest(allianceId);
        long size = tree.size(allianceId);
        if (last.isPresent() && last.get().treeSize == size) {
            return last.get();
        }
        if (last.isPresent() && last.get().treeSize > size) {
            throw new InconsistentLog("alliance " + allianceId + ": the log has " + size
                    + " entries, fewer than the checkpoint signed at size " + last.get().treeSize);
        }
        byte[] root = tree.root(allianceId, size);
        if (last.isPresent() && last.get().treeSize > 0) {
            Checkpoint previous = last.get();
            List<byte[]> proof = tree.consistencyProof(allianceId, previous.treeSize, size);
            if (!Merkle.verifyConsistency(previous.treeSize, size, proof, previous.rootHash, root)) {
                throw new InconsistentLog("alliance " + allianceId + ": the log of size " + size
                        + " does not extend the checkpoint signed at size " + previous.treeSize);
            }
        }
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.allianceId = allianceId;
        checkpoint.treeSize = size;
        checkpoint.rootHash = root;
        checkpoint.signedAt = time.now();
        checkpoint.keyName = keyName;
        checkpoint.note = SignedNote.sign(new SignedNote.Checkpoint(originOf(allianceId), size, root,
                checkpoint.signedAt.toString()), keyName, privateKey, publicKey);
        checkpoint.persist();
        return checkpoint;
    }

    /**
     * The checkpoint to hand out: the latest signed, read only (no lock, no signing). Entries appended
     * since are covered by the next one, which the writer's commit or the checkpoint job signs; a new
     * alliance may have none for a moment.
     */
    public Optional<Checkpoint> latest(long allianceId) {
        return Checkpoint.latest(allianceId);
    }

    public String originOf(long allianceId) {
        return origin + "/alliances/" + allianceId;
    }

    public String verifierKey() {
        return SignedNote.verifierKey(keyName, publicKey);
    }

    public String fingerprint() {
        return SignedNote.fingerprint(publicKey);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyName() {
        return keyName;
    }
}
