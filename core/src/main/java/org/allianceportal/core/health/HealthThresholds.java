package org.allianceportal.core.health;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.allianceportal.core.shared.DomainException.InvalidInput;

/**
 * When an alliance's leads want to be warned: the index below a line (urgent below a lower one), a drop
 * within four weeks, or one signal past its own line. An alliance that set none uses {@link #defaults}.
 */
@Entity
@Table(name = "health_thresholds")
public class HealthThresholds extends PanacheEntityBase {

    @Id
    @Column(name = "alliance_id")
    public Long allianceId;

    @Column(name = "warn_below", nullable = false)
    public int warnBelow = 70;

    @Column(name = "urgent_below", nullable = false)
    public int urgentBelow = 50;

    /** Points the index may lose within four weeks before it warns. */
    @Column(name = "max_drop", nullable = false)
    public int maxDrop = 15;

    @Column(name = "silence_days", nullable = false)
    public int silenceDays = 21;

    @Column(name = "max_disputes", nullable = false)
    public int maxDisputes = 1;

    @Column(name = "max_breaches", nullable = false)
    public int maxBreaches = 3;

    @Column(name = "max_overdue", nullable = false)
    public int maxOverdue = 4;

    @Column(name = "max_missed_checkins", nullable = false)
    public int maxMissedCheckIns = 2;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    /** What a lead sends to change the thresholds; null fields are refused field by field. */
    public record Draft(Integer warnBelow, Integer urgentBelow, Integer maxDrop, Integer silenceDays,
            Integer maxDisputes, Integer maxBreaches, Integer maxOverdue, Integer maxMissedCheckIns) {
    }

    /** The product's defaults, for an alliance that set none. */
    public static HealthThresholds defaults(long allianceId) {
        HealthThresholds t = new HealthThresholds();
        t.allianceId = allianceId;
        return t;
    }

    public static HealthThresholds of(long allianceId) {
        return HealthThresholds.<HealthThresholds>findByIdOptional(allianceId).orElseGet(() -> defaults(allianceId));
    }

    /** Takes the draft after checking every field; nothing changes if one is refused. */
    void apply(Draft d) {
        Map<String, String> errors = new LinkedHashMap<>();
        int warn = check(errors, "warnBelow", d.warnBelow(), 1, 100);
        int urgent = check(errors, "urgentBelow", d.urgentBelow(), 0, 100);
        if (!errors.containsKey("warnBelow") && !errors.containsKey("urgentBelow") && urgent >= warn) {
            errors.put("urgentBelow", "The urgent line must lie below the warning line (" + warn + ").");
        }
        int drop = check(errors, "maxDrop", d.maxDrop(), 1, 100);
        int silence = check(errors, "silenceDays", d.silenceDays(), 1, 365);
        int disputes = check(errors, "maxDisputes", d.maxDisputes(), 1, 100);
        int breaches = check(errors, "maxBreaches", d.maxBreaches(), 1, 100);
        int overdue = check(errors, "maxOverdue", d.maxOverdue(), 1, 1000);
        int missed = check(errors, "maxMissedCheckIns", d.maxMissedCheckIns(), 1, 100);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        warnBelow = warn;
        urgentBelow = urgent;
        maxDrop = drop;
        silenceDays = silence;
        maxDisputes = disputes;
        maxBreaches = breaches;
        maxOverdue = overdue;
        maxMissedCheckIns = missed;
    }

    Map<String, Object> asPayload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("warnBelow", warnBelow);
        p.put("urgentBelow", urgentBelow);
        p.put("maxDrop", maxDrop);
        p.put("silenceDays", silenceDays);
        p.put("maxDisputes", maxDisputes);
        p.put("maxBreaches", maxBreaches);
        p.put("maxOverdue", maxOverdue);
        p.put("maxMissedCheckIns", maxMissedCheckIns);
        return p;
    }

    private static int check(Map<String, String> errors, String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            errors.put(field, "Give a whole number from " + min + " to " + max + ".");
            return 0;
        }
        return value;
    }
}
