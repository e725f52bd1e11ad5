package org.allianceportal.notifications.preference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allianceportal.core.shared.DomainException.InvalidInput;

/** Each person's notification settings: a mode per kind (immediate by default) and an absence. */
@ApplicationScoped
public class Preferences {

    /** An out-of-office period, both days included. */
    public record Absence(LocalDate startsOn, LocalDate endsOn) {
        public boolean covers(LocalDate day) {
            return !day.isBefore(startsOn) && !day.isAfter(endsOn);
        }
    }

    @Inject
    EntityManager em;

    public Mode mode(String userId, String kind) {
        if (NoticeKind.isUrgent(kind)) {
            return Mode.IMMEDIATE;
        }
        @SuppressWarnings("unchecked")
        List<String> modes = em.createNativeQuery("select mode from notification_preference where user_id = ?1 and kind = ?2")
                .setParameter(1, userId).setParameter(2, kind).getResultList();
        return modes.isEmpty() ? Mode.IMMEDIATE : Mode.valueOf(modes.get(0));
    }

    /** Every kind's mode for this person, for the preferences page. */
    public Map<String, Mode> modes(String userId) {
        Map<String, Mode> modes = new HashMap<>();
        NoticeKind.ALL.forEach(k -> modes.put(k.kind(), Mode.IMMEDIATE));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, mode from notification_preference where user_id = ?1")
                .setParameter(1, userId).getResultList();
        rows.forEach(r -> modes.put((String) r[0], Mode.valueOf((String) r[1])));
        return modes;
    }

    @Transactional
    public void set(String userId, String kind, Mode mode) {
        checkMode(kind, mode);
        writeMode(userId, kind, mode);
    }

    public Optional<Absence> absence(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select starts_on, ends_on from absence where user_id = ?1")
                .setParameter(1, userId).getResultList();
        return rows.stream().findFirst().map(r -> new Absence(date(r[0]), date(r[1])));
    }

    /** Sets the absence; both days null clears it. */
    @Transactional
    public void setAbsence(String userId, LocalDate startsOn, LocalDate endsOn) {
        checkAbsence(startsOn, endsOn);
        writeAbsence(userId, startsOn, endsOn);
    }

    /**
     * The preferences form at once: every mode and the absence in one transaction, all or nothing. Everything
     * is checked before anything is written, so a refused absence leaves the modes as they were.
     */
    @Transactional
    public void save(String userId, Map<String, Mode> modes, LocalDate startsOn, LocalDate endsOn) {
        modes.forEach(Preferences::checkMode);
        checkAbsence(startsOn, endsOn);
        modes.forEach((kind, mode) -> writeMode(userId, kind, mode));
        writeAbsence(userId, startsOn, endsOn);
    }

    private static void checkMode(String kind, Mode mode) {
        if (mode == null) {
            throw new InvalidInput(kind, "Choose at once, the daily digest or not at all.");
        }
        if (NoticeKind.isUrgent(kind) && mode != Mode.IMMEDIATE) {
            throw new InvalidInput(kind, "Urgent notices always arrive at once.");
        }
    }

    private static void checkAbsence(LocalDate startsOn, LocalDate endsOn) {
        if ((startsOn != null || endsOn != null)
                && (startsOn == null || endsOn == null || endsOn.isBefore(startsOn))) {
            throw new InvalidInput("endsOn", "Give the first and the last day of your absence, the last not before the first.");
        }
    }

    private void writeMode(String userId, String kind, Mode mode) {
        em.createNativeQuery("""
                insert into notification_preference (user_id, kind, mode) values (?1, ?2, ?3)
                on conflict (user_id, kind) do update set mode = excluded.mode""")
                .setParameter(1, userId).setParameter(2, kind).setParameter(3, mode.name()).executeUpdate();
    }

    private void writeAbsence(String userId, LocalDate startsOn, LocalDate endsOn) {
        if (startsOn == null) {
            em.createNativeQuery("delete from absence where user_id = ?1").setParameter(1, userId).executeUpdate();
            return;
        }
        em.createNativeQuery("""
                insert into absence (user_id, starts_on, ends_on) values (?1, ?2, ?3)
                on conflict (user_id) do update set starts_on = excluded.starts_on, ends_on = excluded.ends_on""")
                .setParameter(1, userId).setParameter(2, startsOn).setParameter(3, endsOn).executeUpdate();
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
