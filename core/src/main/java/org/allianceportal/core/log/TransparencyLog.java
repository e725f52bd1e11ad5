package org.allianceportal.core.log;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.TimeKeeper;

/** Appends to and reads an alliance's transparency log. */
@ApplicationScoped
public class TransparencyLog {

    private static final int EXPORT_PAGE = 1000;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    @Inject
    LogTree tree;

    @Inject
    AllianceService alliances;

    /**
     * Appends one entry and its Merkle leaf in the caller's transaction. The alliance row is locked
     * first so that appends to one alliance are serialised: the order is total, the sequence has
     * neither gaps nor duplicates.
     */
    public LogEntry append(Actor actor, Alliance alliance, String action, String subjectType, long subjectId,
            Map<String, ?> payload) {
        em.lock(alliance, LockModeType.PESSIMISTIC_WRITE);
        long next = size(alliance.id);
        LogEntry entry = new LogEntry();
        entry.allianceId = alliance.id;
        entry.seq = next;
        entry.recordedAt = time.now();
        entry.actorUserId = actor.userId();
        entry.actorName = actor.name();
        entry.actorOrganisation = actor.organisationId() == null ? null
                : em.find(Organisation.class, actor.organisationId()).name;
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = subjectId;
        entry.payload = CanonicalJson.write(payload);
        entry.persist();
        tree.append(alliance.id, entry.seq, Merkle.leafHash(entry.leafBytes()));
        return entry;
    }

    /** Entries [start, end) in log order, for an alliance the actor's organisation is party to. */
    public List<LogEntry> range(Actor actor, long allianceId, long start, long end) {
        alliances.get(actor, allianceId);
        return LogEntry.list("allianceId = ?1 and seq >= ?2 and seq < ?3 order by seq", allianceId, start, end);
    }

    /**
     * The log as partners download it: one JSON line per entry up to the checkpoint
     * ({@code {"index":n,"leaf":"<base64 leaf bytes>"}}), closed by {@code {"checkpoint":"<base64 note>"}}.
     */
    public String export(Actor actor, long allianceId, Checkpoint checkpoint) {
        StringBuilder out = new StringBuilder();
        for (long start = 0; start < checkpoint.treeSize; start += EXPORT_PAGE) {
            for (LogEntry e : range(actor, allianceId, start, Math.min(checkpoint.treeSize, start + EXPORT_PAGE))) {
                out.append(CanonicalJson.write(Map.of("index", e.seq, "leaf", BASE64.encodeToString(e.leafBytes()))))
                        .append('\n');
                em.detach(e);
            }
        }
        return out.append(CanonicalJson.write(Map.of("checkpoint",
                BASE64.encodeToString(checkpoint.note.getBytes(StandardCharsets.UTF_8))))).append('\n').toString();
    }

    /** Newest first, one page. The caller has already checked that the actor may see the alliance. */
    public List<LogEntry> page(long allianceId, int pageIndex, int pageSize) {
        return LogEntry.find("allianceId = ?1 order by seq desc", allianceId)
                .page(Page.of(pageIndex, pageSize))
                .list();
    }

    /** The number of entries: the next sequence number (there are no gaps). */
    public long size(long allianceId) {
        return em.createQuery("select coalesce(max(e.seq) + 1, 0) from LogEntry e where e.allianceId = :a", Long.class)
                .setParameter("a", allianceId)
                .getSingleResult();
    }
}
