package org.allianceportal.core.log;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of an alliance's transparency log: who did what to which subject, when. Append-only:
 * it has no version and no setters are ever called after insert.
 */
@Entity
@Table(name = "log_entry")
public class LogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alliance_id", nullable = false, updatable = false)
    public Long allianceId;

    /** Position in the alliance's log, 0, 1, 2, ... without gaps. */
    @Column(nullable = false, updatable = false)
    public long seq;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(name = "actor_user_id", nullable = false, updatable = false)
    public String actorUserId;

    @Column(name = "actor_name", nullable = false, updatable = false)
    public String actorName;

    /** Null for the portal itself (automatic escalation) and for platform administrators. */
    @Column(name = "actor_organisation", updatable = false)
    public String actorOrganisation;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "subject_type", nullable = false, updatable = false)
    public String subjectType;

    @Column(name = "subject_id", nullable = false, updatable = false)
    public long subjectId;

    /** Canonical JSON (sorted keys, no white space) of what changed; kept as the exact text written. */
    @Column(nullable = false, updatable = false)
    public String payload;

    /**
     * The bytes the Merkle tree hashes for this entry: the UTF-8 encoding of one JSON object with
     * sorted keys and no white space, {@code {"action","actor":{"name","organisation","user"},
     * "alliance","at","payload","seq","subject":{"id","type"}}}, where {@code at} is the ISO-8601
     * UTC time to the microsecond and {@code payload} is the stored payload text verbatim.
     * Documented for partners in docs/transparency-log.md; never change it for existing entries.
     */
    public byte[] leafBytes() {
        Map<String, Object> actor = new TreeMap<>();
        actor.put("name", actorName);
        actor.put("organisation", actorOrganisation);
        actor.put("user", actorUserId);
        Map<String, Object> leaf = new TreeMap<>();
        leaf.put("action", action);
        leaf.put("actor", actor);
        leaf.put("alliance", allianceId);
        leaf.put("at", recordedAt.toString());
        leaf.put("payload", new RawValue(payload));
        leaf.put("seq", seq);
        leaf.put("subject", new TreeMap<>(Map.of("id", subjectId, "type", subjectType)));
        return CanonicalJson.write(leaf).getBytes(StandardCharsets.UTF_8);
    }
}
