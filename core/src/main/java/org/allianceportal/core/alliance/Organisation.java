package org.allianceportal.core.alliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.allianceportal.core.shared.DomainEntity;

/** A partner company; mirrors a Keycloak Organization, matched by its alias. */
@Entity
@Table(name = "organisation")
public class Organisation extends DomainEntity {

    @Column(nullable = false, unique = true)
    public String name;

    /** The Keycloak organization alias, as it appears in the token's {@code organization} claim. */
    @Column(name = "keycloak_alias", nullable = false, unique = true)
    public String keycloakAlias;

    /** When a platform administrator disabled it; its people are refused from then on. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    public boolean isDisabled() {
        return disabledAt != null;
    }

    public static Optional<Organisation> findByAlias(String alias) {
        return find("keycloakAlias", alias).firstResultOptional();
    }

    public static Optional<Organisation> findByAliasOrName(String value) {
        return find("keycloakAlias = ?1 or name = ?1", value).firstResultOptional();
    }
}
