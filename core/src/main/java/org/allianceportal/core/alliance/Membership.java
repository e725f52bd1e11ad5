package org.allianceportal.core.alliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.allianceportal.core.shared.DomainEntity;
import org.allianceportal.core.shared.Role;

/**
 * A person's membership of their one organisation, keyed by the Keycloak subject. The portal's copy is
 * authoritative for organisation, role and status: administration changes it together with Keycloak,
 * and the reconciliation job mends what was changed in Keycloak's own console.
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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MembershipStatus status = MembershipStatus.ACTIVE;

    @Column(name = "invited_at")
    public Instant invitedAt;

    @Column(name = "invited_by_name")
    public String invitedByName;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    /** Sessions whose token was issued at or before this (epoch seconds) are refused. */
    @Column(name = "not_before", nullable = false)
    public long notBefore;

    public boolean isActive() {
        return status == MembershipStatus.ACTIVE;
    }

    /** Whether a session whose token was issued at {@code issuedAt} (epoch seconds) may still act as this person. */
    public boolean accepts(long issuedAt) {
        return status != MembershipStatus.DISABLED
                && (organisation == null || !organisation.isDisabled())
                && (notBefore == 0 || issuedAt > notBefore);
    }

    /** With the organisation (every page asks for it next): one statement. */
    public static Optional<Membership> findByUserId(String userId) {
        return find("select m from Membership m left join fetch m.organisation where m.userId = ?1", userId)
                .firstResultOptional();
    }

    /** The people of an organisation who hear of its alliances: active ones only, never the invited or revoked. */
    public static List<Membership> recipientsOf(Long organisationId) {
        return list("organisation.id = ?1 and status = ?2", organisationId, MembershipStatus.ACTIVE);
    }

    public static List<Membership> leadsOf(Long organisationId) {
        return list("organisation.id = ?1 and role = ?2 and status = ?3", organisationId, Role.LEAD,
                MembershipStatus.ACTIVE);
    }

    /** Whether the person is an active member of a party to the alliance (calendar feeds, unsubscribe links). */
    public static boolean hasAccess(String userId, Alliance alliance) {
        return findByUserId(userId)
                .filter(m -> m.isActive() && m.organisation != null && !m.organisation.isDisabled()
                        && alliance.hasParty(m.organisation.id))
                .isPresent();
    }
}
