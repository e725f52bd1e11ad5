package org.allianceportal.core.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads an alliance's trust signals from its record with SQL aggregates over a rolling window: a fixed
 * number of queries, each an index range of one alliance, never a load of every record. Reads only.
 * The window ends at {@code asOf}; states are read as they stand, so {@code asOf} is "now" (the demo
 * and the tests replay the past with the TimeKeeper, so their "now" is the past).
 */
@ApplicationScoped
public class Signals {

    /** The default rolling window. */
    public static final Duration WINDOW = Duration.ofDays(90);

    /** Records named per figure: enough to follow up, bounded whatever the alliance's size. */
    static final int LINKED = 10;

    private static final String OUTSTANDING = "('PROPOSED', 'AGREED', 'DISPUTED')";

    @Inject
    EntityManager em;

    public Reading read(long allianceId, Instant asOf) {
        return read(allianceId, asOf, WINDOW);
    }

    @Transactional
    public Reading read(long allianceId, Instant asOf, Duration window) {
        Instant from = asOf.minus(window);
        LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        LocalDate fromDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        Map<Long, PartyFigures> parties = new LinkedHashMap<>();
        Map<String, Object> p = Map.of("a", allianceId, "from", from, "asOf", asOf);

        // the parties, their activity in the window and the days since each last acted on the record
        for (Object[] r : rows("""
                select o.id, o.name,
                  (select count(*) from log_entry e where e.alliance_id = :a and e.actor_organisation = o.name
                     and e.recorded_at > :from and e.recorded_at <= :asOf),
                  extract(epoch from cast(:asOf as timestamptz) - coalesce(
                     (select max(e.recorded_at) from log_entry e where e.alliance_id = :a
                        and e.actor_organisation = o.name and e.recorded_at <= :asOf), a.created_at))
                from alliance a join alliance_party ap on ap.alliance_id = a.id join organisation o on o.id = ap.organisation_id
                where a.id = :a order by o.name""", p)) {
            PartyFigures f = new PartyFigures(num(r[0]), (String) r[1]);
            f.actions = (int) num(r[2]);
            f.silentDays = (int) Math.max(0, Math.floor(dbl(r[3]) / 86_400));
            parties.put(f.organisationId, f);
        }
        Function<Object, PartyFigures> party = id -> parties.get(num(id));

        // commitments that came due in the window, and those of them not delivered by their due date
        for (Object[] r : rows("""
                select c.owner_id, count(*),
                  count(*) filter (where c.delivered_at is null or c.delivered_at >= (cast(c.due_date + 1 as timestamp) at time zone 'UTC')),
                  array_to_string((array_agg(c.id order by c.due_date, c.id)
                     filter (where c.delivered_at is null or c.delivered_at >= (cast(c.due_date + 1 as timestamp) at time zone 'UTC')))[1:10], ',')
                from commitment c
                where c.alliance_id = :a and c.due_date >= :fromDay and c.due_date < :today
                  and c.state not in ('PROPOSED', 'WITHDRAWN', 'WAIVED')
                group by c.owner_id""", with(p, "fromDay", fromDay, "today", today))) {
            PartyFigures f = party.apply(r[0]);
            f.due = (int) num(r[1]);
            f.late = (int) num(r[2]);
            f.lateIds.addAll(ids(r[3]));
        }

        // commitments past due and still owed now
        for (Object[] r : rows("""
                select c.owner_id, count(*), max(cast(:today as date) - c.due_date),
                  array_to_string((array_agg(c.id order by c.due_date, c.id))[1:10], ',')
                from commitment c
                where c.alliance_id = :a and c.state in""" + OUTSTANDING + " and c.due_date < :today group by c.owner_id",
                Map.of("a", allianceId, "today", today))) {
            PartyFigures f = party.apply(r[0]);
            f.overdue = (int) num(r[1]);
            f.oldestOverdueDays = (int) num(r[2]);
            f.overdueIds.addAll(ids(r[3]));
        }

        // due-date slips: how far each commitment's slip count rose within the window (the log keeps it per change)
        for (Object[] r : rows("""
                select c.owner_id, c.id,
                  max(cast(cast(e.payload as jsonb) ->> 'slipCount' as integer)) filter (where e.recorded_at > :from)
                  - coalesce(max(cast(cast(e.payload as jsonb) ->> 'slipCount' as integer)) filter (where e.recorded_at <= :from), 0)
                from log_entry e join commitment c on c.id = e.subject_id
                where e.alliance_id = :a and e.action = 'commitment.due_date_changed' and e.recorded_at <= :asOf
                  and e.subject_id in (select w.subject_id from log_entry w where w.alliance_id = :a
                     and w.action = 'commitment.due_date_changed' and w.recorded_at > :from and w.recorded_at <= :asOf)
                group by c.owner_id, c.id order by c.id""", p)) {
            int slips = (int) num(r[2]);
            if (slips > 0) {
                PartyFigures f = party.apply(r[0]);
                f.slips += slips;
                if (f.slipIds.size() < LINKED) {
                    f.slipIds.add(num(r[1]));
                }
            }
        }

        // events of the window, each counted against the side it speaks about
        for (Object[] r : rows("""
                select e.action,
                  case when e.action = 'commitment.disputed' or e.action = 'commitment.proposed' then c.owner_id
                       when e.action = 'concern.raised' then k.raised_by_id else k.raised_to_id end,
                  count(*), array_to_string((array_agg(distinct e.subject_id))[1:10], ',')
                from log_entry e
                left join commitment c on e.subject_type = 'commitment' and c.id = e.subject_id
                left join concern k on e.subject_type = 'concern' and k.id = e.subject_id
                where e.alliance_id = :a and e.recorded_at > :from and e.recorded_at <= :asOf
                  and e.action in ('commitment.disputed', 'commitment.proposed', 'concern.raised', 'concern.escalated',
                                   'concern.reopened', 'concern.acknowledgement_breached')
                group by 1, 2""", p)) {
            PartyFigures f = party.apply(r[1]);
            if (f == null) {
                continue;
            }
            int n = (int) num(r[2]);
            List<Long> ids = ids(r[3]);
            switch ((String) r[0]) {
                case "commitment.disputed" -> { f.disputes = n; f.disputeIds.addAll(ids); }
                case "commitment.proposed" -> f.commitmentsTaken = n;
                case "concern.raised" -> f.concernsRaised = n;
                case "concern.escalated" -> { f.escalations = n; f.escalationIds.addAll(ids); }
                case "concern.reopened" -> { f.reopened = n; f.reopenedIds.addAll(ids); }
                default -> { f.breaches = n; f.breachIds.addAll(ids); }
            }
        }

        // acknowledgements of the window: the share of the allowed time each side took
        for (Object[] r : rows("""
                select k.raised_to_id, count(*),
                  avg(extract(epoch from k.acknowledged_at - k.acknowledge_clock_started_at)
                      / greatest(extract(epoch from k.acknowledge_by - k.acknowledge_clock_started_at), 1)),
                  array_to_string((array_agg(k.id order by k.acknowledged_at desc) filter (where
                      k.acknowledged_at - k.acknowledge_clock_started_at > (k.acknowledge_by - k.acknowledge_clock_started_at) / 2))[1:10], ',')
                from concern k
                where k.alliance_id = :a and k.acknowledged_at > :from and k.acknowledged_at <= :asOf
                group by k.raised_to_id""", p)) {
            PartyFigures f = party.apply(r[0]);
            f.acknowledged = (int) num(r[1]);
            f.acknowledgementTimeUsed = dbl(r[2]);
            f.slowIds.addAll(ids(r[3]));
        }

        // concerns waiting for acknowledgement now
        for (Object[] r : rows("""
                select k.raised_to_id, count(*), array_to_string((array_agg(k.id order by k.acknowledge_by))[1:10], ',')
                from concern k where k.alliance_id = :a and k.state in ('RAISED', 'ESCALATED')
                group by k.raised_to_id""", Map.of("a", allianceId))) {
            PartyFigures f = party.apply(r[0]);
            f.waiting = (int) num(r[1]);
            f.waitingIds.addAll(ids(r[2]));
        }

        // check-ins of the window: held, missed, cancelled; and who attended those held
        Object[] c = rows("""
                select count(*) filter (where state = 'HELD'), count(*) filter (where state = 'MISSED'),
                  count(*) filter (where state = 'CANCELLED'),
                  array_to_string((array_agg(id order by starts_at desc) filter (where state = 'MISSED'))[1:10], ',')
                from checkin where alliance_id = :a and starts_at > :from and starts_at <= :asOf""", p).get(0);
        for (Object[] r : rows("""
                select t.organisation_id, count(*), count(*) filter (where t.present),
                  array_to_string((array_agg(k.id order by k.starts_at desc) filter (where not t.present))[1:10], ',')
                from checkin k join checkin_attendance t on t.checkin_id = k.id
                where k.alliance_id = :a and k.state = 'HELD' and k.starts_at > :from and k.starts_at <= :asOf
                group by t.organisation_id""", p)) {
            PartyFigures f = party.apply(r[0]);
            if (f != null) {
                f.heldCheckIns = (int) num(r[1]);
                f.attended = (int) num(r[2]);
                f.absentIds.addAll(ids(r[3]));
            }
        }

        boolean hasRecord = (Boolean) em.createNativeQuery("""
                select exists (select 1 from commitment where alliance_id = ?1)
                    or exists (select 1 from concern where alliance_id = ?1)
                    or exists (select 1 from checkin where alliance_id = ?1 and starts_at <= ?2)""")
                .setParameter(1, allianceId).setParameter(2, asOf).getSingleResult();
        return new Reading(allianceId, asOf, window, hasRecord, List.copyOf(parties.values()),
                (int) num(c[0]), (int) num(c[1]), (int) num(c[2]), ids(c[3]));
    }

    private List<Object[]> rows(String sql, Map<String, Object> params) {
        Query q = em.createNativeQuery(sql);
        params.forEach((name, value) -> {
            if (Pattern.compile(":" + name + "\\b").matcher(sql).find()) {
                q.setParameter(name, value);
            }
        });
        @SuppressWarnings("unchecked")
        List<Object[]> result = q.getResultList();
        return result;
    }

    private static Map<String, Object> with(Map<String, Object> params, Object... more) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        for (int i = 0; i < more.length; i += 2) {
            all.put((String) more[i], more[i + 1]);
        }
        return all;
    }

    private static long num(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double dbl(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    private static List<Long> ids(Object csv) {
        if (csv == null || csv.toString().isEmpty()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.stream(csv.toString().split(",")).map(Long::valueOf).toList());
    }
}
