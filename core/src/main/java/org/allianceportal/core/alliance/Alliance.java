package org.allianceportal.core.alliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.allianceportal.core.shared.DomainEntity;

/** A strategic alliance between two or more party organisations. */
@Entity
@Table(name = "alliance")
public class Alliance extends DomainEntity {

    @Column(nullable = false)
    public String name;

    public String description;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "alliance_party",
            joinColumns = @JoinColumn(name = "alliance_id"),
            inverseJoinColumns = @JoinColumn(name = "organisation_id"))
    @OrderBy("name")
    public Set<Organisation> parties = new LinkedHashSet<>();

    public boolean hasParty(Long organisationId) {
        return parties.stream().anyMatch(o -> o.id.equals(organisationId));
    }

    /** The parties other than {@code organisationId}: "them" from that organisation's point of view. */
    public List<Organisation> partiesOtherThan(Long organisationId) {
        return parties.stream().filter(o -> !o.id.equals(organisationId)).toList();
    }
}
