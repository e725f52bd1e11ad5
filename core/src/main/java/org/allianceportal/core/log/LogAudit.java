package org.allianceportal.core.log;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.log.merkle.CompactRange;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * Detection, not just prevention: re-derives each alliance's tree from the stored entries and
 * compares it with the leaf hashes stored when each entry was appended and with every signed
 * checkpoint. A mismatch names the first bad index and alarms both sides once.
 */
@ApplicationScoped
public class LogAudit {

    /** The first index at which the stored log no longer matches what was appended and signed. */
    public record Finding(long allianceId, long firstBadIndex, String problem) {
    }

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    /** Audits one alliance's log: one pass over its entries, O(log n) memory. */
    @Transactional
    public Optional<Finding> audit(long allianceId) {
        Deque<Checkpoint> checkpoints = new ArrayDeque<>(
                Checkpoint.<Checkpoint>list("allianceId = ?1 order by treeSize", allianceId));
        CompactRange tree = new CompactRange();
        // each stored leaf with the entry it was appended for; either may be missing after tampering
        @SuppressWarnings("unchecked")
        Stream<Object[]> rows = em.createNativeQuery("""
                select coalesce(e.seq, n.idx), e.id, n.hash, e.recorded_at, e.actor_user_id, e.actor_name,
                       e.actor_organisation, e.action, e.subject_type, e.subject_id, e.payload
                from (select * from log_entry where alliance_id = ?1) e
                full join (select * from log_node where alliance_id = ?1 and level = 0) n on n.idx = e.seq
                order by 1, 2""")
                .setParameter(1, allianceId)
                .setHint("org.hibernate.fetchSize", 1000)
                .getResultStream();
        try (rows) {
            for (Object[] row : (Iterable<Object[]>) rows::iterator) {
                long index = ((Number) row[0]).longValue();
                if (index != tree.size()) {
                    return Optional.of(new Finding(allianceId, tree.size(), "entry " + tree.size() + " is missing"));
                }
                if (row[1] == null) {
                    return Optional.of(new Finding(allianceId, index, "entry " + index + " is missing"));
                }
                byte[] leaf = Merkle.leafHash(entry(allianceId, index, row).leafBytes());
                if (row[2] == null || !Arrays.equals(leaf, (byte[]) row[2])) {
                    return Optional.of(new Finding(allianceId, index,
                            "entry " + index + " is not the entry that was appended at that position"));
                }
                tree.add(leaf);
                while (!checkpoints.isEmpty() && checkpoints.peek().treeSize == tree.size()) {
                    Checkpoint signed = checkpoints.poll();
                    if (!Arrays.equals(tree.root(), signed.rootHash)) {
                        return Optional.of(new Finding(allianceId, index, "the entries up to " + index
                                + " do not hash to the checkpoint signed at size " + signed.treeSize));
                    }
                }
            }
        }
        if (!checkpoints.isEmpty()) {
            return Optional.of(new Finding(allianceId, tree.size(), "entries from " + tree.size()
                    + " are missing: a checkpoint was signed at size " + checkpoints.peekLast().treeSize));
        }
        return Optional.empty();
    }

    /** Audits every alliance; raises each new finding once, to the log and to both sides' outbox. */
    public List<Finding> auditAll() {
        List<Long> ids = QuarkusTransaction.requiringNew().call(() ->
                em.createQuery("select a.id from Alliance a order by a.id", Long.class).getResultList());
        return ids.stream().map(this::audit).flatMap(Optional::stream)
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
        e.recordedAt = row[3] instanceof java.sql.Timestamp ts ? ts.toInstant()
                : row[3] instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) row[3];
        e.actorUserId = (String) row[4];
        e.actorName = (String) row[5];
        e.actorOrganisation = (String) row[6];
        e.action = (String) row[7];
        e.subjectType = (String) row[8];
        e.subjectId = ((Number) row[9]).longValue();
        e.payload = (String) row[10];
        return e;
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
