package org.allianceportal.core.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

/**
 * Reads an alliance's trust signals from its record with SQL aggregates over a rolling window: one
 * statement, each of its parts an index range of one alliance, never a load of every record. Reads only.
 * The window ends at {@code asOf}; states are read as they stand, so {@code asOf} is "now" (the demo
 * and the tests replay the past with the TimeKeeper, so their "now" is the past).
 */
@ApplicationScoped
public class Signals {

    /** The default rolling window. */
    public static final Duration WINDOW = Duration.ofDays(90);

    /** Records named per figure: enough to follow up, bounded whatever the alliance's size. */
    static final int LINKED = 10;

    @Inject
    EntityManager em;

    public Reading read(long allianceId, Instant asOf) {
        return read(allianceId, asOf, WINDOW);
    }

    /**
     * Every signal in one statement (the dashboard reads it live on each visit): one branch per figure,
     * each an aggregate over one alliance's index range, all in the same columns: which figure
     * ({@code ord}, {@code kind}), for which party, up to three numbers and the linked ids.
     */
    private static final String READ = """
            select * from (
              -- the parties, their activity in the window and the seconds since each last acted on the record
              select 0 as ord, 'party' as kind, o.id as party, o.name as name,
                cast((select count(*) from log_entry e where e.alliance_id = :a and e.actor_organisation = o.name
                   and e.recorded_at > :from and e.recorded_at <= :asOf) as numeric) as x,
                cast(extract(epoch from cast(:asOf as timestamptz) - coalesce(
                   (select max(e.recorded_at) from log_entry e where e.alliance_id = :a
                      and e.actor_organisation = o.name and e.recorded_at <= :asOf), a.created_at)) as numeric) as y,
                cast(null as numeric) as z, cast(null as text) as ids
              from alliance a join alliance_party ap on ap.alliance_id = a.id join organisation o on o.id = ap.organisation_id
              where a.id = :a
            union all
              -- commitments that came due in the window, and those of them not delivered by their due date
              select 1, 'due', c.owner_id, null, count(*),
                count(*) filter (where c.delivered_at is null or c.delivered_at >= (cast(c.due_date + 1 as timestamp) at time zone 'UTC')),
                null,
                array_to_string((array_agg(c.id order by c.due_date, c.id)
                   filter (where c.delivered_at is null or c.delivered_at >= (cast(c.due_date + 1 as timestamp) at time zone 'UTC')))[1:10], ',')
              from commitment c
              where c.alliance_id = :a and c.due_date >= :fromDay and c.due_date < :today
                and c.state not in ('PROPOSED', 'WITHDRAWN', 'WAIVED')
              group by c.owner_id
            union all
              -- commitments past due and still owed now
              select 1, 'overdue', c.owner_id, null, count(*), max(cast(:today as date) - c.due_date), null,
                array_to_string((array_agg(c.id order by c.due_date, c.id))[1:10], ',')
              from commitment c
              where c.alliance_id = :a and c.state in ('PROPOSED', 'AGREED', 'DISPUTED') and c.due_date < :today
              group by c.owner_id
            union all
              -- due-date slips: how far each commitment's slip count rose within the window (the log keeps it per change)
              select 1, 'slip', c.owner_id, null, c.id,
                max(cast(cast(e.payload as jsonb) ->> 'slipCount' as integer)) filter (where e.recorded_at > :from)
                - coalesce(max(cast(cast(e.payload as jsonb) ->> 'slipCount' as integer)) filter (where e.recorded_at <= :from), 0),
                null, null
              from log_entry e join commitment c on c.id = e.subject_id
              where e.alliance_id = :a and e.action = 'commitment.due_date_changed' and e.recorded_at <= :asOf
                and e.subject_id in (select w.subject_id from log_entry w where w.alliance_id = :a
                   and w.action = 'commitment.due_date_changed' and w.recorded_at > :from and w.recorded_at <= :asOf)
              group by c.owner_id, c.id
            union all
              -- events of the window, each counted against the side it speaks about
              select 1, e.action,
                case when e.action = 'commitment.disputed' or e.action = 'commitment.proposed' then c.owner_id
                     when e.action = 'concern.raised' then k.raised_by_id else k.raised_to_id end,
                null, count(*), null, null, array_to_string((array_agg(distinct e.subject_id))[1:10], ',')
              from log_entry e
              left join commitment c on e.subject_type = 'commitment' and c.id = e.subject_id
              left join concern k on e.subject_type = 'concern' and k.id = e.subject_id
              where e.alliance_id = :a and e.recorded_at > :from and e.recorded_at <= :asOf
                and e.action in ('commitment.disputed', 'commitment.proposed', 'concern.raised', 'concern.escalated',
                                 'concern.reopened', 'concern.acknowledgement_breached')
              group by 2, 3
            union all
              -- acknowledgements of the window: the share of the allowed time each side took
              select 1, 'acknowledged', k.raised_to_id, null, count(*),
                avg(extract(epoch from k.acknowledged_at - k.acknowledge_clock_started_at)
                    / greatest(extract(epoch from k.acknowledge_by - k.acknowledge_clock_started_at), 1)),
                null,
                array_to_string((array_agg(k.id order by k.acknowledged_at desc) filter (where
                    k.acknowledged_at - k.acknowledge_clock_started_at > (k.acknowledge_by - k.acknowledge_clock_started_at) / 2))[1:10], ',')
              from concern k
              where k.alliance_id = :a and k.acknowledged_at > :from and k.acknowledged_at <= :asOf
              group by k.raised_to_id
            union all
              -- concerns waiting for acknowledgement now
              select 1, 'waiting', k.raised_to_id, null, count(*), null, null,
                array_to_string((array_agg(k.id order by k.acknowledge_by))[1:10], ',')
              from concern k where k.alliance_id = :a and k.state in ('RAISED', 'ESCALATED')
              group by k.raised_to_id
            union all
              -- check-ins of the window: held, missed, cancelled (the alliance's own figures)
              select 1, 'check-ins', null, null, count(*) filter (where state = 'HELD'),
                count(*) filter (where state = 'MISSED'), count(*) filter (where state = 'CANCELLED'),
                array_to_string((array_agg(id order by starts_at desc) filter (where state = 'MISSED'))[1:10], ',')
              from checkin where alliance_id = :a and starts_at > :from and starts_at <= :asOf
            union all
              -- who attended the check-ins held in the window
              select 1, 'attendance', t.organisation_id, null, count(*), count(*) filter (where t.present), null,
                array_to_string((array_agg(k.id order by k.starts_at desc) filter (where not t.present))[1:10], ',')
              from checkin k join checkin_attendance t on t.checkin_id = k.id
              where k.alliance_id = :a and k.state = 'HELD' and k.starts_at > :from and k.starts_at <= :asOf
              group by t.organisation_id
            union all
              -- whether there is anything to score yet
              select 1, 'record', null, null, case when exists (select 1 from commitment where alliance_id = :a)
                  or exists (select 1 from concern where alliance_id = :a)
                  or exists (select 1 from checkin where alliance_id = :a and starts_at <= :asOf) then 1 else 0 end,
                null, null, null
            ) s order by ord, name, kind, x""";

    @Transactional
    public Reading read(long allianceId, Instant asOf, Duration window) {
        Instant from = asOf.minus(window);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(READ).setParameter("a", allianceId).setParameter("from", from)
                .setParameter("asOf", asOf).setParameter("fromDay", LocalDate.ofInstant(from, ZoneOffset.UTC))
                .setParameter("today", LocalDate.ofInstant(asOf, ZoneOffset.UTC)).getResultList();
        Map<Long, PartyFigures> parties = new LinkedHashMap<>();
        boolean hasRecord = false;
        int held = 0;
        int missed = 0;
        int cancelled = 0;
        List<Long> missedIds = List.of();
        // the parties come first (ord 0, by name); the slips by commitment id (x)
        for (Object[] r : rows) {
            String kind = (String) r[1];
            PartyFigures f = r[2] == null ? null : parties.get(num(r[2]));
            switch (kind) {
                case "party" -> {
                    PartyFigures p = new PartyFigures(num(r[2]), (String) r[3]);
                    p.actions = (int) num(r[4]);
                    p.silentDays = (int) Math.max(0, Math.floor(dbl(r[5]) / 86_400));
                    parties.put(p.organisationId, p);
                }
                case "check-ins" -> {
                    held = (int) num(r[4]);
                    missed = (int) num(r[5]);
                    cancelled = (int) num(r[6]);
                    missedIds = ids(r[7]);
                }
                case "record" -> hasRecord = num(r[4]) == 1;
                default -> {
                    if (f != null) {
                        figure(f, kind, r);
                    }
                }
            }
        }
        return new Reading(allianceId, asOf, window, hasRecord, List.copyOf(parties.values()), held, missed, cancelled,
                missedIds);
    }

    /** One row of a party's figures: {@code x}, {@code y}, {@code z} are r[4..6], the linked ids r[7]. */
    private static void figure(PartyFigures f, String kind, Object[] r) {
        int n = (int) num(r[4]);
        List<Long> ids = ids(r[7]);
        switch (kind) {
            case "due" -> { f.due = n; f.late = (int) num(r[5]); f.lateIds.addAll(ids); }
            case "overdue" -> { f.overdue = n; f.oldestOverdueDays = (int) num(r[5]); f.overdueIds.addAll(ids); }
            case "slip" -> {
                int slips = (int) num(r[5]);
                if (slips > 0) {
                    f.slips += slips;
                    if (f.slipIds.size() < LINKED) {
                        f.slipIds.add(num(r[4]));
                    }
                }
            }
            case "acknowledged" -> { f.acknowledged = n; f.acknowledgementTimeUsed = dbl(r[5]); f.slowIds.addAll(ids); }
            case "waiting" -> { f.waiting = n; f.waitingIds.addAll(ids); }
            case "attendance" -> { f.heldCheckIns = n; f.attended = (int) num(r[5]); f.absentIds.addAll(ids); }
            case "commitment.disputed" -> { f.disputes = n; f.disputeIds.addAll(ids); }
            case "commitment.proposed" -> f.commitmentsTaken = n;
            case "concern.raised" -> f.concernsRaised = n;
            case "concern.escalated" -> { f.escalations = n; f.escalationIds.addAll(ids); }
            case "concern.reopened" -> { f.reopened = n; f.reopenedIds.addAll(ids); }
            case "concern.acknowledgement_breached" -> { f.breaches = n; f.breachIds.addAll(ids); }
            default -> throw new IllegalStateException("unknown signal row " + kind);
        }
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
