package org.allianceportal.core.checkin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** An alliance's meeting rhythm: how often, from when, at what local time in which zone. */
@Entity
@Table(name = "checkin_cadence")
public class Cadence extends PanacheEntityBase {

    @Id
    @Column(name = "alliance_id")
    public Long allianceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Frequency frequency;

    @Column(name = "first_date", nullable = false)
    public LocalDate firstDate;

    @Column(name = "local_time", nullable = false)
    public LocalTime localTime;

    @Column(nullable = false)
    public String zone;

    @Column(name = "duration_minutes", nullable = false)
    public int durationMinutes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Goes up each time a lead sets a new rhythm: its slots are new, even at the times of the old one's. */
    @Column(nullable = false)
    public int revision;

    @Version
    public long version;

    /** When occurrence {@code n} starts: the local time on its date in the cadence's zone (so DST is respected). */
    public Instant startOf(int n) {
        return frequency.occurrence(firstDate, n).atTime(localTime).atZone(ZoneId.of(zone)).toInstant();
    }
}
