package org.allianceportal.core.health;

import static org.allianceportal.core.alliance.Parties.requireLeadOf;
import static org.allianceportal.core.log.ChangeRecorder.payload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.health.HealthWarning.Reason;
import org.allianceportal.core.log.ByLogSize;
import org.allianceportal.core.log.CanonicalJson;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.pulse.Pulse;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Commands;
import org.allianceportal.core.shared.PerAlliance;
import org.allianceportal.core.shared.DomainException.Conflict;
import org.allianceportal.core.shared.Ref;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * An alliance's trust health as its parties see it (reads only, scoped to the actor), the weekly
 * snapshots, the early warnings and the leads' answers to them, and the thresholds each alliance sets.
 */
@ApplicationScoped
public class TrustHealth {

    /** Weeks of snapshots the trend shows. */
    public static final int TREND_WEEKS = 26;

    /** Alliances a job takes per transaction. */
    static final int BATCH = 100;

    /** After an answered warning, the same reasons warn again only once this much time has passed. */
    static final Duration QUIET_AFTER_ANSWER = Duration.ofDays(28);

    /** Everything the health page and the API show; the same for every party. */
    public record Health(Alliance alliance, Reading reading, Score score, List<HealthSnapshot> trend,
            List<HealthWarning> open, List<HealthWarning> answered, List<Reason> reasons, HealthThresholds thresholds) {

        /** Every signal of every party, and the alliance's own, in the balance view's order. */
        public List<SignalRow> signals() {
            return SignalRow.of(reading, thresholds);
        }

        /** The rows of one signal, one per party in the parties' order. */
        public List<SignalRow> row(String name) {
            return signals().stream().filter(r -> r.name().equals(name)).toList();
        }
    }

    @Inject
    AllianceService alliances;

    @Inject
    Signals signals;

    @Inject
    ByLogSize record;

    @Inject
    Commands commands;

    @Inject
    ChangeRecorder recorder;

    @Inject
    Pulse pulse;

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    /** The health of an alliance the actor's organisation is party to. */
    @Transactional
    public Health of(Actor actor, long allianceId) {
        return of(alliances.get(actor, allianceId));
    }

    /** The health of an alliance already scoped to the actor ({@link AllianceService#get}). */
    @Transactional
    public Health of(Alliance alliance) {
        Instant now = time.now();
        Reading reading = liveReading(alliance.id, now);
        Score score = HealthIndex.score(reading, pulse.gapLosses(alliance));
        HealthThresholds thresholds = HealthThresholds.of(alliance.id);
        List<Reason> reasons = WarningRules.reasons(reading, score, thresholds, highestRecent(alliance.id, now));
        List<HealthSnapshot> trend = HealthSnapshot.list("allianceId = ?1 and week > ?2 order by week", alliance.id,
                week(now).minusWeeks(TREND_WEEKS));
        List<HealthWarning> open = openWarnings(alliance);
        List<HealthWarning> answered = HealthWarning.<HealthWarning>find(
                "from HealthWarning w left join fetch w.answeredBy where w.alliance = ?1 and w.answeredAt is not null "
                        + "order by w.raisedAt desc", alliance).page(0, 5).list();
        return new Health(alliance, reading, score, trend, open, answered, reasons, thresholds);
    }

    /** Open warnings of an alliance already scoped to the actor, newest first (the dashboard shows them). */
    public List<HealthWarning> openWarnings(Alliance alliance) {
        return HealthWarning.list("alliance = ?1 and answeredAt is null order by raisedAt desc", alliance);
    }

    /** Just the index of an alliance already scoped to the actor, for its dashboard: the health page's, from the same reading. */
    @Transactional
    public Score score(Alliance alliance) {
        return HealthIndex.score(liveReading(alliance.id, time.now()), pulse.gapLosses(alliance));
    }

    /**
     * The signals as the dashboard and the health page show them: read once per log size and minute and shared, so
     * both show the same index at the same moment. The pulse's gap is read live by each (answers are not logged).
     */
    private Reading liveReading(long allianceId, Instant now) {
        return record.thisMinute("trust-health reading", allianceId, () -> signals.read(allianceId, now));
    }

    /** A lead of a party sets the alliance's warning lines; the change joins the log. */
    @Transactional
    public HealthThresholds setThresholds(Actor actor, long allianceId, long version, HealthThresholds.Draft draft) {
        Alliance alliance = commands.load(actor, allianceId);
        requireLeadOf(actor, alliance.parties.toArray(Organisation[]::new));
        HealthThresholds t = HealthThresholds.<HealthThresholds>findByIdOptional(allianceId).orElse(null);
        if (t == null) {
            t = HealthThresholds.defaults(allianceId);
            t.createdAt = time.now();
            t.apply(draft);
            t.persist();
        } else {
            if (t.version != version) {
                throw new Conflict("Thresholds", allianceId);
            }
            t.apply(draft);
        }
        recorder.record(actor, alliance, "health.thresholds_set", "alliance", allianceId, t.asPayload(),
                alliance.partiesOtherThan(actor.organisationId()));
        return t;
    }

    /** A lead records the parties' response to a warning: it closes the warning and joins the log. */
    @Transactional
    public HealthWarning respond(Actor actor, Ref ref, String response) {
        return commands.change(actor, ref, HealthWarning::inAlliance, "health.warning_answered",
                w -> w.answer(actor, response, time.now()),
                w -> payload("response", w.response, "warningRaisedAt", w.raisedAt));
    }

    /**
     * Takes this week's snapshot of every open alliance that has none yet: the work is proportional to what
     * is left to do, and a restarted job carries on. Returns how many it took.
     */
    public int takeWeeklySnapshots() {
        Instant now = time.now();
        return PerAlliance.walk("weekly health snapshot", after -> ids("""
                select a.id from alliance a where a.archived_at is null and a.id > ?1
                and not exists (select 1 from health_snapshot s where s.alliance_id = a.id and s.week = ?2)
                order by a.id limit ?3""", after, week(now)), id -> time.at(now, () -> snapshot(id)));
    }

    /** Takes this week's snapshot of one alliance, unless it has one (the job's step; tests replay weeks with it). */
    @Transactional
    public boolean snapshot(long allianceId) {
        Instant now = time.now();
        Reading reading = signals.read(allianceId, now);
        Score score = HealthIndex.score(reading, pulse.gapLosses(em.find(Alliance.class, allianceId)));
        return em.createNativeQuery("""
                insert into health_snapshot (alliance_id, week, taken_at, index_value, figures)
                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, allianceId).setParameter(2, week(now)).setParameter(3, now)
                .setParameter(4, score.index()).setParameter(5, CanonicalJson.write(figures(reading, score)))
                .executeUpdate() == 1;
    }

    /**
     * Looks at the alliances whose record changed since their last look, or whose last look is a day old,
     * and raises a warning where the record warrants one. Returns how many alliances it looked at. Each
     * alliance is claimed (a row lock, skipped if another instance holds it), so no warning is raised twice.
     */
    public int checkWarnings() {
        Instant now = time.now();
        return PerAlliance.walk("trust-health check", after -> ids("""
                select a.id from alliance a left join health_check h on h.alliance_id = a.id
                where a.archived_at is null and a.id > ?1 and (h.alliance_id is null or h.checked_at <= ?2
                  or h.log_size < (select coalesce(max(e.seq) + 1, 0) from log_entry e where e.alliance_id = a.id))
                order by a.id limit ?3""", after, now.minus(Duration.ofDays(1))), id -> time.at(now, () -> {
                    if (em.createNativeQuery("select id from alliance where id = ?1 for update skip locked")
                            .setParameter(1, id).getResultList().isEmpty()) {
                        return false;
                    }
                    check(id);
                    return true;
                }));
    }

    /** One batch of alliance ids after {@code after}: the query's ?1 is the cursor, its last parameter the batch size. */
    private List<Long> ids(String sql, long after, Object second) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(sql).setParameter(1, after).setParameter(2, second)
                .setParameter(3, BATCH).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Looks at one alliance now and raises a warning if the record warrants one (the job's step). */
    @Transactional
    public void check(long allianceId) {
        Instant now = time.now();
        Alliance alliance = em.find(Alliance.class, allianceId);
        Reading reading = signals.read(alliance.id, now);
        Score score = HealthIndex.score(reading, pulse.gapLosses(alliance));
        HealthThresholds t = HealthThresholds.of(alliance.id);
        List<Reason> reasons = WarningRules.reasons(reading, score, t, highestRecent(alliance.id, now));
        if (!reasons.isEmpty() && warrantsNew(alliance, reasons, now)) {
            HealthWarning w = HealthWarning.raise(alliance, score.index(), WarningRules.urgent(score, t), reasons, now);
            w.persist();
            recorder.recordForLeads(Actor.system(), alliance, w.urgent ? "health.urgent_warning" : "health.warning",
                    "health", w.id, payload("index", w.index, "reasons", reasons.stream().map(Reason::reason).toList(),
                            "urgent", w.urgent),
                    alliance.parties);
        }
        Number size = (Number) em.createNativeQuery(
                "select coalesce(max(seq) + 1, 0) from log_entry where alliance_id = ?1").setParameter(1, alliance.id)
                .getSingleResult();
        em.createNativeQuery("""
                insert into health_check (alliance_id, checked_at, log_size) values (?1, ?2, ?3)
                on conflict (alliance_id) do update set checked_at = excluded.checked_at, log_size = excluded.log_size""")
                .setParameter(1, alliance.id).setParameter(2, now).setParameter(3, size.longValue()).executeUpdate();
    }

    /** One warning at a time; after an answer, only a reason it did not name warns again, or the same after four weeks. */
    private boolean warrantsNew(Alliance alliance, List<Reason> reasons, Instant now) {
        HealthWarning last = HealthWarning.<HealthWarning>find("alliance = ?1 order by raisedAt desc, id desc", alliance)
                .firstResult();
        if (last == null) {
            return true;
        }
        if (last.isOpen()) {
            return false;
        }
        Set<String> known = last.reasons().stream().map(Reason::key).collect(Collectors.toSet());
        return reasons.stream().anyMatch(r -> !known.contains(r.key()))
                || last.answeredAt.isBefore(now.minus(QUIET_AFTER_ANSWER));
    }

    /** The highest weekly index of the four weeks before now, or null. */
    private Integer highestRecent(long allianceId, Instant now) {
        Number highest = (Number) em.createNativeQuery(
                "select max(index_value) from health_snapshot where alliance_id = ?1 and week >= ?2")
                .setParameter(1, allianceId).setParameter(2, week(now).minusWeeks(4)).getSingleResult();
        return highest == null ? null : highest.intValue();
    }

    /** The Monday of the ISO week of {@code at} (UTC). */
    public static LocalDate week(Instant at) {
        return LocalDate.ofInstant(at, java.time.ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The headline figures kept with a snapshot (and exported): per party, then the alliance's check-ins. */
    static Map<String, Object> figures(Reading r, Score score) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("lost", score.lost());
        figures.put("missedCheckIns", r.missedCheckIns());
        figures.put("parties", r.parties().stream().map(p -> payload("organisation", p.name, "onTimeRate", p.onTimeRate(),
                "overdue", p.overdue, "slips", p.slips, "disputes", p.disputes, "breaches", p.breaches,
                "silentDays", p.silentDays, "actions", p.actions)).toList());
        return figures;
    }
}
