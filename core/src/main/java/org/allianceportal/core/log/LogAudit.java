package org.allianceportal.core.log;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.log.merkle.CompactRange;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.TimeKeeper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Detection, not just prevention: re-derives each alliance's tree from the stored entries and
 * compares it with the leaf hashes stored when each entry was appended, with the signed checkpoints
 * and with the tree it audited before. A mismatch names the first bad index and alarms both sides once.
 *
 * <p>The hourly run is incremental: it resumes from the tree it audited last ({@code log_audit}: size,
 * root and right edge, as it computed them itself), re-hashes only the entries appended since, and checks
 * the stored nodes over them (the stored root, and a consistency proof to the newest checkpoint). Entries
 * before that point are re-hashed by the full run, from the first entry, every
 * {@code alliance.log.full-audit-every} (a week).
 */
@ApplicationScoped
public class LogAudit {

    /** The first index at which the stored log no longer matches what was appended and signed. */
    public record Finding(long allianceId, long firstBadIndex, String problem) {
    }

    /** One alliance's audit: from the first entry or not, how many entries it re-hashed, what it found. */
    public record Audit(long allianceId, boolean full, long verified, Optional<Finding> finding) {
    }

    /** The tree as the audit computed it last time, and when it last re-hashed everything. */
    private record Audited(long treeSize, byte[] root, byte[] edge, Instant fullAuditAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    @Inject
    LogTree storedTree;

    @ConfigProperty(name = "alliance.log.full-audit-every", defaultValue = "7d")
    Duration fullAuditEvery;

    /** Audits one alliance's whole log from the first entry: one pass over its entries, O(log n) memory. */
    @Transactional
    public Optional<Finding> audit(long allianceId) {
        return audit(allianceId, true).finding();
    }

    /**
     * Audits one alliance's log: from the first entry if {@code full}, if it was never audited or if its
     * last full audit is {@code full-audit-every} old; otherwise only the entries appended since the last
     * audit. Only a clean audit moves the audited point on, so a finding is found again by the next run.
     */
    @Transactional
    public Audit audit(long allianceId, boolean full) {
        Instant now = time.now();
        Optional<Audited> last = audited(allianceId);
        boolean fromStart = full || last.isEmpty() || !last.get().fullAuditAt().plus(fullAuditEvery).isAfter(now);
        long from = fromStart ? 0 : last.get().treeSize();
        CompactRange tree = fromStart ? new CompactRange() : CompactRange.of(from, last.get().edge());
        // the checkpoints signed since, read alongside the entries: a years-old log has one per burst of changes
        @SuppressWarnings("unchecked")
        Stream<Object[]> signed = em.createNativeQuery("""
                select tree_size, root_hash from log_checkpoint where alliance_id = ?1 and tree_size > ?2
                order by tree_size""")
                .setParameter(1, allianceId)
                .setParameter(2, from)
                .setHint("org.hibernate.fetchSize", 1000)
                .getResultStream();
        Optional<Finding> finding;
        try (signed) {
            finding = rehash(allianceId, tree, new SignedRoots(signed.iterator()), fromStart ? last : Optional.empty());
        }
        if (finding.isEmpty() && !fromStart) {
            finding = storedNodes(allianceId, tree, last.get());
        }
        if (finding.isEmpty()) {
            remember(allianceId, tree, now, fromStart ? now : last.get().fullAuditAt());
        }
        return new Audit(allianceId, fromStart, tree.size() - from, finding);
    }

    /**
     * Adds the stored entries from {@code tree}'s size on to it, each checked against its stored leaf, the
     * tree at each checkpoint's size against the checkpoint, and (a full run) the tree at the size audited
     * before against the root audited then.
     */
    private Optional<Finding> rehash(long allianceId, CompactRange tree, SignedRoots checkpoints,
            Optional<Audited> before) {
        long from = tree.size();
        // each stored leaf with the entry it was appended for; either may be missing after tampering
        @SuppressWarnings("unchecked")
        Stream<Object[]> rows = em.createNativeQuery("""
                select coalesce(e.seq, n.idx), e.id, n.hash, e.recorded_at, e.actor_user_id, e.actor_name,
                       e.actor_organisation, e.action, e.subject_type, e.subject_id, e.payload
                from (select * from log_entry where alliance_id = ?1 and seq >= ?2) e
                full join (select * from log_node where alliance_id = ?1 and level = 0 and idx >= ?2) n on n.idx = e.seq
                order by 1, 2""")
                .setParameter(1, allianceId)
                .setParameter(2, from)
                .setHint("org.hibernate.fetchSize", 1000)
                .getResultStream();
        try (rows) {
            for (Object[] row : (Iterable<Object[]>) rows::iterator) {
                long index = ((Number) row[0]).longValue();
                if (index != tree.size()) {
                    return found(allianceId, tree.size(), "entry " + tree.size() + " is missing");
                }
                if (row[1] == null) {
                    return found(allianceId, index, "entry " + index + " is missing");
                }
                byte[] leaf = Merkle.leafHash(entry(allianceId, index, row).leafBytes());
                if (row[2] == null || !Arrays.equals(leaf, (byte[]) row[2])) {
                    return found(allianceId, index,
                            "entry " + index + " is not the entry that was appended at that position");
                }
                tree.add(leaf);
                while (checkpoints.next != null && checkpoints.next.size() == tree.size()) {
                    SignedRoots.Signed signed = checkpoints.take();
                    if (!Arrays.equals(tree.root(), signed.root())) {
                        return found(allianceId, index, "the entries up to " + index
                                + " do not hash to the checkpoint signed at size " + signed.size());
                    }
                }
                if (before.isPresent() && before.get().treeSize() == tree.size()
                        && !Arrays.equals(tree.root(), before.get().root())) {
                    return found(allianceId, index, "the entries up to " + index
                            + " do not hash to the tree audited at size " + tree.size());
                }
            }
        }
        if (checkpoints.next != null) {
            return found(allianceId, tree.size(), "entries from " + tree.size()
                    + " are missing: a checkpoint was signed at size " + checkpoints.last().size());
        }
        if (before.isPresent() && before.get().treeSize() > tree.size()) {
            return found(allianceId, tree.size(), "entries from " + tree.size()
                    + " are missing: the log was audited at size " + before.get().treeSize());
        }
        return Optional.empty();
    }

    /**
     * After an incremental run: the log still reaches the audited size, the stored nodes give the root just
     * computed, and they prove the newest checkpoint consistent with it (O(log n) nodes, whatever the size).
     */
    private Optional<Finding> storedNodes(long allianceId, CompactRange tree, Audited last) {
        long end = ((Number) em.createNativeQuery("select coalesce(max(seq), -1) + 1 from log_entry where alliance_id = ?1")
                .setParameter(1, allianceId).getSingleResult()).longValue();
        if (tree.size() == last.treeSize() && end < last.treeSize()) {
            return found(allianceId, end, "entry " + end + " is missing"); // as the full run names a cut tail
        }
        if (tree.size() == 0) {
            return Optional.empty();
        }
        if (!Arrays.equals(storedTree.root(allianceId, tree.size()), tree.root())) {
            return found(allianceId, last.treeSize(), "the stored tree of size " + tree.size()
                    + " does not hash to its entries");
        }
        Optional<Checkpoint> newest = Checkpoint.latest(allianceId);
        if (newest.isEmpty() || newest.get().treeSize == 0 || newest.get().treeSize > tree.size()) {
            return Optional.empty(); // signed after this run read the entries: the next run checks it
        }
        Checkpoint signed = newest.get();
        boolean consistent = signed.treeSize == tree.size() ? Arrays.equals(signed.rootHash, tree.root())
                : Merkle.verifyConsistency(signed.treeSize, tree.size(),
                        storedTree.consistencyProof(allianceId, signed.treeSize, tree.size()), signed.rootHash,
                        tree.root());
        return consistent ? Optional.empty() : found(allianceId, Math.min(signed.treeSize, last.treeSize()),
                "the log of size " + tree.size() + " does not extend the checkpoint signed at size " + signed.treeSize);
    }

    /** Signed checkpoints (size and root only) in size order, one row ahead. */
    private static final class SignedRoots {
        record Signed(long size, byte[] root) {
        }

        private final Iterator<Object[]> rows;
        Signed next;

        SignedRoots(Iterator<Object[]> rows) {
            this.rows = rows;
            take();
        }

        Signed take() {
            Signed taken = next;
            next = rows.hasNext() ? signed(rows.next()) : null;
            return taken;
        }

        Signed last() {
            Signed last = next;
            while (rows.hasNext()) {
                last = signed(rows.next());
            }
            return last;
        }

        private static Signed signed(Object[] row) {
            return new Signed(((Number) row[0]).longValue(), (byte[]) row[1]);
        }
    }

    private static Optional<Finding> found(long allianceId, long index, String problem) {
        return Optional.of(new Finding(allianceId, index, problem));
    }

    private Optional<Audited> audited(long allianceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select tree_size, root_hash, right_edge, full_audit_at"
                + " from log_audit where alliance_id = ?1").setParameter(1, allianceId).getResultList();
        return rows.stream().findFirst()
                .map(r -> new Audited(((Number) r[0]).longValue(), (byte[]) r[1], (byte[]) r[2], instant(r[3])));
    }

    private void remember(long allianceId, CompactRange tree, Instant now, Instant fullAuditAt) {
        em.createNativeQuery("""
                insert into log_audit (alliance_id, tree_size, root_hash, right_edge, audited_at, full_audit_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (alliance_id) do update set tree_size = excluded.tree_size, root_hash = excluded.root_hash,
                    right_edge = excluded.right_edge, audited_at = excluded.audited_at,
                    full_audit_at = excluded.full_audit_at""")
                .setParameter(1, allianceId).setParameter(2, tree.size()).setParameter(3, tree.root())
                .setParameter(4, tree.edge()).setParameter(5, now).setParameter(6, fullAuditAt)
                .executeUpdate();
    }

    /**
     * Audits every alliance, each incrementally or from the first entry as is due; raises each new finding
     * once, to the log and to both sides' outbox.
     */
    public List<Finding> auditAll() {
        List<Long> ids = QuarkusTransaction.requiringNew().call(() ->
                em.createQuery("select a.id from Alliance a order by a.id", Long.class).getResultList());
        return ids.stream().map(id -> audit(id, false).finding()).flatMap(Optional::stream)
                .filter(finding -> QuarkusTransaction.requiringNew().call(() -> raiseOnce(finding)))
                .toList();
    }

    /** The most recent alarm raised about this alliance's log, if any. */
    public Optional<Finding> latestAlarm(long allianceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select first_bad_index, problem from log_alarm where alliance_id = ?1"
                + " order by detected_at desc, id desc limit 1").setParameter(1, allianceId).getResultList();
        return rows.stream().findFirst()
                .map(r -> new Finding(allianceId, ((Number) r[0]).longValue(), (String) r[1]));
    }

    /** The entry as stored, rebuilt from its row (not managed: only for hashing). */
    private static LogEntry entry(long allianceId, long index, Object[] row) {
        LogEntry e = new LogEntry();
        e.allianceId = allianceId;
        e.seq = index;
        e.recordedAt = instant(row[3]);
        e.actorUserId = (String) row[4];
        e.actorName = (String) row[5];
        e.actorOrganisation = (String) row[6];
        e.action = (String) row[7];
        e.subjectType = (String) row[8];
        e.subjectId = ((Number) row[9]).longValue();
        e.payload = (String) row[10];
        return e;
    }

    private static Instant instant(Object column) {
        return column instanceof java.sql.Timestamp ts ? ts.toInstant()
                : column instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) column;
    }

    private boolean raiseOnce(Finding finding) {
        Instant now = time.now();
        int inserted = em.createNativeQuery("""
                insert into log_alarm (alliance_id, first_bad_index, problem, detected_at) values (?1, ?2, ?3, ?4)
                on conflict do nothing""")
                .setParameter(1, finding.allianceId()).setParameter(2, finding.firstBadIndex())
                .setParameter(3, finding.problem()).setParameter(4, now)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        Log.errorf("Transparency log of alliance %d does not verify from index %d: %s", finding.allianceId(),
                finding.firstBadIndex(), finding.problem());
        Alliance alliance = em.find(Alliance.class, finding.allianceId());
        for (var party : alliance.parties) {
            OutboxEvent alarm = new OutboxEvent();
            alarm.allianceId = alliance.id;
            alarm.kind = "log.verification_failed";
            alarm.subjectType = "alliance";
            alarm.subjectId = alliance.id;
            alarm.audienceOrganisationId = party.id;
            alarm.payload = CanonicalJson.write(ChangeRecorder.payload("firstBadIndex", finding.firstBadIndex(),
                    "problem", finding.problem()));
            alarm.createdAt = now;
            alarm.persist();
        }
        return true;
    }
}
