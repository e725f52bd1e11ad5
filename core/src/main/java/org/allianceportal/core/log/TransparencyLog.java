package org.allianceportal.core.log;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.log.merkle.CompactRange;
import org.allianceportal.core.log.merkle.Merkle;
import org.hibernate.Session;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Text;
import org.allianceportal.core.shared.TimeKeeper;

/** Appends to and reads an alliance's transparency log. */
@ApplicationScoped
public class TransparencyLog {

    /** The timer of appends, in the portal's metrics (alliance_log_append_seconds). */
    public static final String APPEND_TIMER = "alliance.log.append";

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    @Inject
    LogTree tree;

    @Inject
    CheckpointSigner signer;

    @Inject
    ByLogSize figures;

    @Inject
    AgroalDataSource dataSource;

    /** The portal's metrics registry, if there is one (alliance_log_append_seconds: waiting for the lock included). */
    @Inject
    Instance<MeterRegistry> registries;

    /**
     * Appends one entry and its Merkle leaf in the caller's transaction, with an outbox event for each
     * organisation of the audience (for its leads only, if {@code leadsOnly}), in one statement. The alliance's
     * log head row is locked (by the update that moves it) so that appends to one alliance are serialised: the
     * order is total, the sequence has neither gaps nor duplicates. Appends to other alliances do not wait.
     */
    public LogEntry append(Actor actor, long allianceId, String action, String subjectType, long subjectId,
            Map<String, ?> payload, Collection<Long> audience, boolean leadsOnly) {
        Timer.Sample started = registries.isResolvable() ? Timer.start(registries.get()) : null;
        LogEntry entry = new LogEntry();
        entry.allianceId = allianceId;
        entry.recordedAt = time.now();
        entry.actorUserId = actor.userId();
        entry.actorName = actor.name();
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = subjectId;
        entry.payload = CanonicalJson.write(payload);
        em.unwrap(Session.class).doWork(connection -> write(connection, actor, entry, audience, leadsOnly));
        figures.moved(allianceId);
        signer.afterCommit(allianceId);
        if (started != null) {
            started.stop(registries.get().timer(APPEND_TIMER));
        }
        return entry;
    }

    /** The head this process last wrote, per alliance: a guess at the next append's, checked by the write. */
    private record Head(long size, byte[] edge) {
    }

    private final Map<Long, Head> heads = new ConcurrentHashMap<>();

    /** Organisation names by id, as last read; checked by the write too, so a renamed one is read again. */
    private final Map<Long, String> organisationNames = new ConcurrentHashMap<>();

    /**
     * Usually one round trip: the entry, the subtrees it completes, the new head and the outbox events in
     * one statement that applies only if the head is still the one this process last wrote (same size, same
     * edge, the actor's organisation still so named) — the row lock of that update serialises appends.
     * Otherwise (another replica appended, a transaction rolled back, a first append) two: the head is
     * locked and read first, then the same statement applies unconditionally.
     */
    private void write(Connection connection, Actor actor, LogEntry entry, Collection<Long> audience,
            boolean leadsOnly) throws SQLException {
        Long organisation = actor.organisationId();
        Head guess = heads.get(entry.allianceId);
        if (guess != null && (organisation == null || organisationNames.containsKey(organisation))) {
            entry.seq = guess.size();
            entry.actorOrganisation = organisation == null ? null : organisationNames.get(organisation);
            if (store(connection, entry, CompactRange.of(guess.size(), guess.edge()), organisation, audience,
                    leadsOnly, true)) {
                return;
            }
        }
        CompactRange edge;
        try (PreparedStatement head = connection.prepareStatement(LOCK_HEAD)) {
            head.setObject(1, organisation, Types.BIGINT);
            head.setLong(2, entry.allianceId);
            try (ResultSet row = head.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("alliance " + entry.allianceId + " has no log head");
                }
                entry.seq = row.getLong(1);
                edge = CompactRange.of(entry.seq, row.getBytes(2));
                entry.actorOrganisation = row.getString(3);
            }
        }
        if (entry.actorOrganisation != null) {
            organisationNames.put(organisation, entry.actorOrganisation);
        }
        store(connection, entry, edge, organisation, audience, leadsOnly, false);
    }

    /** Stores the entry on top of {@code edge}; if {@code guessed}, only if that is still the head. */
    private boolean store(Connection connection, LogEntry entry, CompactRange edge, Long organisation,
            Collection<Long> audience, boolean leadsOnly, boolean guessed) throws SQLException {
        byte[] previousEdge = edge.edge();
        List<Merkle.Node> nodes = edge.add(Merkle.leafHash(entry.leafBytes()));
        try (PreparedStatement store = connection.prepareStatement(guessed ? STORE_ON_GUESSED_HEAD : STORE_ON_LOCKED_HEAD)) {
            int p = 0;
            store.setLong(++p, edge.size());
            store.setBytes(++p, edge.edge());
            store.setLong(++p, entry.allianceId);
            if (guessed) {
                store.setLong(++p, entry.seq);
                store.setBytes(++p, previousEdge);
                store.setObject(++p, organisation, Types.BIGINT);
                store.setString(++p, entry.actorOrganisation);
            }
            store.setLong(++p, entry.seq);
            store.setObject(++p, entry.recordedAt.atOffset(ZoneOffset.UTC));
            store.setString(++p, entry.actorUserId);
            store.setString(++p, entry.actorName);
            store.setString(++p, entry.actorOrganisation);
            store.setString(++p, entry.action);
            store.setString(++p, entry.subjectType);
            store.setLong(++p, entry.subjectId);
            store.setString(++p, entry.payload);
            store.setArray(++p, connection.createArrayOf("bytea", nodes.stream().map(Merkle.Node::hash).toArray(byte[][]::new)));
            store.setBoolean(++p, leadsOnly);
            store.setArray(++p, connection.createArrayOf("bigint", audience.toArray(Long[]::new)));
            try (ResultSet row = store.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                entry.id = row.getLong(1);
            }
        }
        heads.put(entry.allianceId, new Head(edge.size(), edge.edge()));
        return true;
    }

    private static final String LOCK_HEAD = """
            select size, edge, (select name from organisation where id = ?) from log_head where alliance_id = ?
            for no key update""";

    /**
     * Everything an append writes, on top of the head that the first part moves. The completed subtrees
     * are the leaf (level 0) and its ancestors, level by level: node (level, seq >> level).
     */
    private static final String STORE = """
            entry as (
                insert into log_entry (alliance_id, seq, recorded_at, actor_user_id, actor_name, actor_organisation,
                                       action, subject_type, subject_id, payload)
                select h.alliance_id, ?, cast(? as timestamptz), ?, ?, ?, ?, ?, ?, ? from head h
                returning id, alliance_id, seq, recorded_at, action, subject_type, subject_id, payload),
            tree as (
                insert into log_node (alliance_id, level, idx, hash)
                select e.alliance_id, n.level - 1, e.seq >> (n.level - 1)::int, n.hash
                from entry e, unnest(?::bytea[]) with ordinality as n(hash, level)),
            outbox as (
                insert into outbox_event (alliance_id, kind, subject_type, subject_id, audience_organisation_id, log_seq,
                                          payload, created_at, leads_only)
                select e.alliance_id, e.action, e.subject_type, e.subject_id, o.id, e.seq, e.payload, e.recorded_at, ?
                from entry e, unnest(?::bigint[]) as o(id))
            select id from entry""";

    private static final String STORE_ON_LOCKED_HEAD = """
            with head as (update log_head set size = ?, edge = ? where alliance_id = ? returning alliance_id),
            """ + STORE;

    private static final String STORE_ON_GUESSED_HEAD = """
            with head as (
                update log_head set size = ?, edge = ?
                where alliance_id = ? and size = ? and edge = ?
                  and (select name from organisation where id = ?) is not distinct from cast(? as text)
                returning alliance_id),
            """ + STORE;

    /** Entries [start, end) in log order, for an alliance the actor's organisation is party to. */
    public List<LogEntry> range(Actor actor, long allianceId, long start, long end) {
        Alliance.scopedTo(actor, allianceId);
        return LogEntry.list("allianceId = ?1 and seq >= ?2 and seq < ?3 order by seq", allianceId, start, end);
    }

    /**
     * The log as partners download it, up to the checkpoint (see {@link LogExport}); the alliance is
     * scoped to the actor now, the lines are read and written when the export is written out.
     */
    public LogExport export(Actor actor, long allianceId, Checkpoint checkpoint) {
        Alliance.scopedTo(actor, allianceId);
        return new LogExport(dataSource::getConnection, allianceId, checkpoint.treeSize, checkpoint.note);
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
                params.put("action", Text.likeStartingWith(action));
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

    /** The number of entries as of the last committed append: the next sequence number (there are no gaps). */
    public long size(long allianceId) {
        return tree.size(allianceId);
    }
}
