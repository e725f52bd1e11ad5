package org.allianceportal.core.log;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Text;
import org.allianceportal.core.shared.TimeKeeper;

/** Appends to and reads an alliance's transparency log. */
@ApplicationScoped
public class TransparencyLog {

    /** The timer of appends, in the portal's metrics (alliance_log_append_seconds). */
    public static final String APPEND_TIMER = "alliance.log.append";

    private static final int EXPORT_PAGE = 1000;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    @Inject
    LogTree tree;

    /** The portal's metrics registry, if there is one (alliance_log_append_seconds: waiting for the lock included). */
    @Inject
    Instance<MeterRegistry> registries;

    /**
     * Appends one entry and its Merkle leaf in the caller's transaction. The alliance row is locked
     * first so that appends to one alliance are serialised: the order is total, the sequence has
     * neither gaps nor duplicates.
     */
    public LogEntry append(Actor actor, Alliance alliance, String action, String subjectType, long subjectId,
            Map<String, ?> payload) {
        Timer.Sample started = registries.isResolvable() ? Timer.start(registries.get()) : null;
        LogEntry entry = appendNow(actor, alliance, action, subjectType, subjectId, payload);
        if (started != null) {
            started.stop(registries.get().timer(APPEND_TIMER));
        }
        return entry;
    }

    private LogEntry appendNow(Actor actor, Alliance alliance, String action, String subjectType, long subjectId,
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
        Alliance.scopedTo(actor, allianceId);
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

    /** What the history page narrows the log to; blank fields do not filter. */
    public record Filter(String actor, String organisation, String action, String subjectType, Long subjectId) {

        public static final Filter NONE = new Filter(null, null, null, null, null);

        /** The SQL condition (log_entry's columns) for one alliance's entries that match. */
        String where(Map<String, Object> params) {
            StringBuilder q = new StringBuilder("alliance_id = :alliance");
            if (present(actor)) {
                q.append(" and lower(actor_name) like :actor");
                params.put("actor", Text.likeContaining(actor));
            }
            if (present(organisation)) {
                q.append(" and actor_organisation = :organisation");
                params.put("organisation", organisation.strip());
            }
            if (present(action)) {
                q.append(" and action like :action");
                params.put("action", action.strip().replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (present(subjectType)) {
                q.append(" and subject_type = :subjectType");
                params.put("subjectType", subjectType.strip());
            }
            if (subjectId != null) {
                q.append(" and subject_id = :subjectId");
                params.put("subjectId", subjectId);
            }
            return q.toString();
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }

    /**
     * One page of the filtered log, newest first, and where its neighbours start: {@code older} is the
     * position (a sequence number) to read older entries before, {@code newer} the one to read newer entries
     * after; null where there is nothing more that way.
     */
    public record Page(List<LogEntry> entries, Long older, Long newer) {
    }

    /**
     * One page of the filtered log, newest first (keyset on the sequence number, never OFFSET): the entries
     * before {@code before}, or, going back up, those after {@code after}; neither: the newest. The caller has
     * already scoped the alliance to the actor.
     */
    public Page page(long allianceId, Filter filter, Long before, Long after, int size) {
        Map<String, Object> params = new HashMap<>(Map.of("alliance", allianceId));
        StringBuilder where = new StringBuilder(filter.where(params));
        boolean up = after != null && before == null;
        if (up) {
            where.append(" and seq > :after");
            params.put("after", after);
        } else if (before != null) {
            where.append(" and seq < :before");
            params.put("before", before);
        }
        var query = em.createNativeQuery("select * from log_entry where " + where + " order by seq "
                + (up ? "asc" : "desc") + " limit :limit", LogEntry.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<LogEntry> rows = new ArrayList<>(query.setParameter("limit", size + 1).getResultList());
        boolean more = rows.size() > size;
        List<LogEntry> entries = new ArrayList<>(rows.subList(0, Math.min(size, rows.size())));
        if (up) {
            Collections.reverse(entries);
        }
        if (entries.isEmpty()) {
            return new Page(entries, null, null);
        }
        boolean older = up || more;
        boolean newer = up ? more : before != null;
        return new Page(entries, older ? entries.get(entries.size() - 1).seq : null, newer ? entries.get(0).seq : null);
    }

    /**
     * How many entries match, counting no further than {@code limit} (a count of the whole log of a
     * years-old alliance would read every entry on every page view): {@code limit} means "that many or more".
     */
    public long countUpTo(long allianceId, Filter filter, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("alliance", allianceId));
        var query = em.createNativeQuery("select count(*) from (select 1 from log_entry where " + filter.where(params)
                + " limit :limit) m");
        params.forEach(query::setParameter);
        return ((Number) query.setParameter("limit", limit).getSingleResult()).longValue();
    }

    /**
     * The organisations that appear as actors in the log, for the filter's choices: a skip scan of the index on
     * (alliance, organisation), one probe per organisation, however long the log.
     */
    public List<String> actorOrganisations(long allianceId) {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("""
                with recursive o (name) as (
                    (select actor_organisation from log_entry where alliance_id = :a and actor_organisation is not null
                     order by actor_organisation limit 1)
                    union all
                    select (select e.actor_organisation from log_entry e where e.alliance_id = :a
                            and e.actor_organisation > o.name order by e.actor_organisation limit 1)
                    from o where o.name is not null)
                select name from o where name is not null order by name""").setParameter("a", allianceId).getResultList();
        return names;
    }

    /** What an entry is about, as people name it: a commitment or concern by its title, a check-in by its start. */
    public record SubjectName(String type, long id, String title, Instant startsAt) {
    }

    /** The tables whose rows have a name for people, by subject type; other subjects (alliance, person) have none. */
    private static final Map<String, String> NAMED = Map.of(
            "commitment", "select 'commitment', id, title, cast(null as timestamptz) from commitment",
            "concern", "select 'concern', id, title, cast(null as timestamptz) from concern",
            "checkin", "select 'checkin', id, cast(null as text), starts_at from checkin");

    /**
     * The names of the subjects of some entries of one alliance (a page of its history), in one statement
     * however many entries there are. Subjects of another alliance are not named.
     */
    public List<SubjectName> subjectNames(long allianceId, Collection<LogEntry> entries) {
        Map<String, Set<Long>> ids = new LinkedHashMap<>();
        for (LogEntry e : entries) {
            if (NAMED.containsKey(e.subjectType)) {
                ids.computeIfAbsent(e.subjectType, t -> new TreeSet<>()).add(e.subjectId);
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> selects = new ArrayList<>();
        ids.keySet().forEach(type -> selects.add(NAMED.get(type) + " where alliance_id = :alliance and id in (:" + type + ")"));
        var query = em.createNativeQuery(String.join(" union all ", selects)).setParameter("alliance", allianceId);
        ids.forEach(query::setParameter);
        List<SubjectName> names = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            names.add(new SubjectName((String) r[0], ((Number) r[1]).longValue(), (String) r[2], instant(r[3])));
        }
        return names;
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return ((Timestamp) value).toInstant(); // what the driver gives for timestamptz, depending on versions
    }

    /** The number of entries: the next sequence number (there are no gaps). */
    public long size(long allianceId) {
        return em.createQuery("select coalesce(max(e.seq) + 1, 0) from LogEntry e where e.allianceId = :a", Long.class)
                .setParameter("a", allianceId)
                .getSingleResult();
    }
}
