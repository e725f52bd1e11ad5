package org.allianceportal.core.pulse;

import static org.allianceportal.core.log.ChangeRecorder.payload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.health.Loss;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.Commands;
import org.allianceportal.core.shared.PerAlliance;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * The pulse: every month a round of short statements for every party's people, answered on a 1-5 scale.
 * Who answered is kept apart from what they answered, and results leave the database only as averages of
 * organisations with at least {@link #MIN_ANSWERS} answers in the round, so no person's answer can be read,
 * not even through the gap between organisations. The gap feeds the trust-health index.
 */
@ApplicationScoped
public class Pulse {

    public static final List<String> STATEMENTS = List.of(
            "Our partner keeps its commitments.",
            "I can raise problems openly.",
            "Our partner tells us early when something slips.",
            "The alliance is worth the effort for my organisation.");

    /** Answers an organisation must give in a round before its average is shown. */
    public static final int MIN_ANSWERS = 3;

    /** A new round opens this long after the last one opened; each stays open two weeks. */
    static final Duration EVERY = Duration.ofDays(30);
    static final Duration OPEN_FOR = Duration.ofDays(14);

    /** A gap this wide (on the 1-5 scale) between organisations costs index points. */
    static final double GAP = 1.5;

    static final int BATCH = 100;

    @Inject
    AllianceService alliances;

    @Inject
    Commands commands;

    @Inject
    ChangeRecorder recorder;

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    /** The round open now in an alliance the actor's organisation is party to, if any. */
    public Optional<PulseRound> openRound(Actor actor, long allianceId) {
        Alliance alliance = alliances.get(actor, allianceId);
        Instant now = time.now();
        return PulseRound.<PulseRound>find("allianceId = ?1 and opensAt <= ?2 and closesAt > ?2 order by opensAt desc",
                alliance.id, now).firstResultOptional();
    }

    public boolean hasAnswered(Actor actor, PulseRound round) {
        return ((Number) em.createNativeQuery("select count(*) from pulse_participation where round_id = ?1 and user_id = ?2")
                .setParameter(1, round.id).setParameter(2, actor.userId()).getSingleResult()).longValue() > 0;
    }

    /** Opens a round in every open alliance whose last round opened a month ago or more (the portal's job). */
    public int openDueRounds() {
        Instant now = time.now();
        return PerAlliance.walk("pulse round", after -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("""
                    select a.id from alliance a where a.archived_at is null and a.id > ?1
                    and not exists (select 1 from pulse_round r where r.alliance_id = a.id and r.opens_at > ?2)
                    order by a.id limit ?3""").setParameter(1, after).setParameter(2, now.minus(EVERY))
                    .setParameter(3, BATCH).getResultList();
            return ids.stream().map(Number::longValue).toList();
        }, id -> {
            // claimed with a row lock, and due still, so two instances never open two rounds
            boolean due = !em.createNativeQuery("""
                    select a.id from alliance a where a.id = ?1
                    and not exists (select 1 from pulse_round r where r.alliance_id = a.id and r.opens_at > ?2)
                    for update skip locked""").setParameter(1, id).setParameter(2, now.minus(EVERY))
                    .getResultList().isEmpty();
            if (due) {
                open(em.find(Alliance.class, id), now);
            }
            return due;
        });
    }

    /** Opens a round now and tells every party's people where to answer. */
    @Transactional
    public PulseRound open(long allianceId) {
        return open(em.find(Alliance.class, allianceId), time.now());
    }

    private PulseRound open(Alliance alliance, Instant now) {
        PulseRound round = new PulseRound();
        round.allianceId = alliance.id;
        round.opensAt = now;
        round.closesAt = now.plus(OPEN_FOR);
        round.createdAt = now;
        round.persist();
        recorder.record(Actor.system(), alliance, "pulse.opened", "pulse", round.id,
                payload("closesAt", round.closesAt, "statements", STATEMENTS), alliance.parties);
        return round;
    }

    /**
     * One person's answers, one score from 1 to 5 per statement (statement number -> score). Only the
     * participation names the person; the answers name only the organisation. Not logged per person.
     */
    @Transactional
    public void answer(Actor actor, long allianceId, long roundId, Map<Integer, Integer> scores) {
        Alliance alliance = commands.load(actor, allianceId);
        PulseRound round = PulseRound.<PulseRound>find("id = ?1 and allianceId = ?2", roundId, alliance.id)
                .firstResultOptional().orElseThrow(() -> new NotFound("Pulse round", roundId));
        if (!alliance.hasParty(actor.organisationId())) {
            throw new Forbidden("Only people of a party organisation answer the pulse.");
        }
        if (!round.isOpen(time.now())) {
            throw new IllegalTransition("This pulse round is closed.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (int n = 1; n <= STATEMENTS.size(); n++) {
            Integer score = scores.get(n);
            if (score == null || score < 1 || score > 5) {
                errors.put("s" + n, "Choose from 1 (disagree) to 5 (agree).");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        int joined = em.createNativeQuery("""
                insert into pulse_participation (round_id, user_id, organisation_id) values (?1, ?2, ?3)
                on conflict do nothing""").setParameter(1, round.id).setParameter(2, actor.userId())
                .setParameter(3, actor.organisationId()).executeUpdate();
        if (joined == 0) {
            throw new IllegalTransition("You have answered this round already.");
        }
        for (int n = 1; n <= STATEMENTS.size(); n++) {
            em.createNativeQuery("insert into pulse_answer (round_id, organisation_id, statement, score) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, round.id).setParameter(2, actor.organisationId()).setParameter(3, n)
                    .setParameter(4, scores.get(n)).executeUpdate();
        }
    }

    /** The results of the latest rounds of an alliance already scoped to the actor, newest first. */
    public List<PulseResults> results(Alliance alliance, int rounds) {
        List<PulseRound> latest = PulseRound.<PulseRound>find("allianceId = ?1 order by opensAt desc", alliance.id)
                .page(0, rounds).list();
        List<PulseResults> results = new ArrayList<>();
        for (PulseRound round : latest) {
            results.add(results(alliance, round));
        }
        return results;
    }

    /**
     * The averages per organisation and statement of one round ({@code %1$s}: its id, or a query for it), with
     * the day the round opened. The minimum of answers is applied in the query: fewer answers never leave the
     * database, not even as a count.
     */
    private static final String AVERAGES = """
            select a.organisation_id, a.statement, avg(a.score), to_char(min(r.opens_at) at time zone 'UTC', 'YYYY-MM-DD')
            from pulse_answer a join pulse_round r on r.id = a.round_id
            where a.round_id = %1$s and a.organisation_id in (
                select p.organisation_id from pulse_participation p where p.round_id = %1$s
                group by p.organisation_id having count(*) >= ?2)
            group by a.organisation_id, a.statement order by a.statement, a.organisation_id""";

    /** One round's results; organisations under the minimum of answers are named, nothing more. */
    PulseResults results(Alliance alliance, PulseRound round) {
        List<Object[]> rows = averages(AVERAGES.formatted("?1"), round.id);
        @SuppressWarnings("unchecked")
        List<Number> answered = em.createNativeQuery(
                "select distinct organisation_id from pulse_participation where round_id = ?1")
                .setParameter(1, round.id).getResultList();
        List<PulseResults.Statement> statements = statements(alliance, rows);
        Map<Long, String> names = names(alliance);
        java.util.Set<String> shown = new java.util.HashSet<>();
        statements.forEach(s -> shown.addAll(s.averages().keySet()));
        List<String> tooFew = answered.stream().map(o -> names.get(o.longValue())).filter(o -> !shown.contains(o))
                .sorted().toList();
        return new PulseResults(round.id, round.opensAt, round.closesAt, statements, tooFew);
    }

    private List<Object[]> averages(String sql, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, id).setParameter(2, MIN_ANSWERS).getResultList();
        return rows;
    }

    private static Map<Long, String> names(Alliance alliance) {
        Map<Long, String> names = new LinkedHashMap<>();
        alliance.parties.forEach(o -> names.put(o.id, o.name));
        return names;
    }

    /** Each statement with the averages of the organisations shown, and the gap between the highest and lowest. */
    private static List<PulseResults.Statement> statements(Alliance alliance, List<Object[]> rows) {
        Map<Long, String> names = names(alliance);
        List<PulseResults.Statement> statements = new ArrayList<>();
        for (int n = 1; n <= STATEMENTS.size(); n++) {
            Map<String, Double> averages = new LinkedHashMap<>();
            for (Object[] r : rows) {
                if (((Number) r[1]).intValue() == n) {
                    averages.put(names.get(((Number) r[0]).longValue()),
                            Math.round(((Number) r[2]).doubleValue() * 10) / 10.0);
                }
            }
            String lowest = averages.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            String highest = averages.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            Double gap = averages.size() < 2 ? null
                    : Math.round((averages.get(highest) - averages.get(lowest)) * 10) / 10.0;
            statements.add(new PulseResults.Statement(n, STATEMENTS.get(n - 1), averages, gap, lowest, highest));
        }
        return statements;
    }

    /**
     * Index points lost to the perception gap of the latest round: for the trust-health index, which the
     * dashboard shows on every visit, so the round and its averages are read in one statement.
     */
    public List<Loss> gapLosses(Alliance alliance) {
        List<Object[]> rows = averages(AVERAGES.formatted(
                "(select l.id from pulse_round l where l.alliance_id = ?1 order by l.opens_at desc limit 1)"), alliance.id);
        if (rows.isEmpty()) {
            return List.of();
        }
        int points = 0;
        StringBuilder reason = new StringBuilder();
        for (PulseResults.Statement s : statements(alliance, rows)) {
            if (s.gap() != null && s.gap() >= GAP) {
                points += 3;
                reason.append(reason.isEmpty() ? "" : "; ").append('"').append(s.text()).append("\" ")
                        .append(s.highest()).append(' ').append(fmt(s.averages().get(s.highest()))).append(", ")
                        .append(s.lowest()).append(' ').append(fmt(s.averages().get(s.lowest())));
            }
        }
        if (points == 0) {
            return List.of();
        }
        return List.of(new Loss("perception-gap", null, null, Math.min(10, points), "In the pulse of " + rows.get(0)[3]
                + " the parties see things differently (averages from 1 to 5): " + reason, "pulse", List.of()));
    }

    private static String fmt(Double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
