package org.allianceportal.core.checkin;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** Who approved a check-in's minutes for one organisation, and when. */
@Embeddable
public class Approval {

    @Column(name = "approved_by_user_id", nullable = false)
    public String userId;

    @Column(name = "approved_at", nullable = false)
    public Instant at;

    public Approval() {
    }

    Approval(String userId, Instant at) {
        this.userId = userId;
        this.at = at;
    }
}
