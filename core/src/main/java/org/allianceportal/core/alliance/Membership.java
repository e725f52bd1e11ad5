package org.allianceportal.core.alliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import org.allianceportal.core.shared.DomainEntity;
import org.allianceportal.core.shared.Role;

/**
 * A user's membership of their one organisation, keyed by the Keycloak subject. Kept in step with
 * the identity provider at login so that names and e-mail addresses are at hand for the record
 * and for notifications.
 */
@Entity
@Table(name = "membership")
public class Membership extends DomainEntity {

    @Column(name = "user_id", nullable = false, unique = true)
    public String userId;

    @Column(nullable = false)
    public String username;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String email;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "organisation_id")
    public Organisation organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    public static Optional<Membership> findByUserId(String userId) {
        return find("userId", userId).firstResultOptional();
    }

    public static List<Membership> leadsOf(Long organisationId) {
        return list("organisation.id = ?1 and role = ?2", organisationId, Role.LEAD);
    }
}
