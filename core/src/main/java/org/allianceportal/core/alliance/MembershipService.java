package org.allianceportal.core.alliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Objects;
import org.allianceportal.core.shared.Role;
import org.allianceportal.core.shared.TimeKeeper;

/** Keeps the portal's copy of who belongs to which organisation in step with the identity provider. */
@ApplicationScoped
public class MembershipService {

    @Inject
    TimeKeeper time;

    /** Creates or updates the membership; writes only when something differs, so a login stays cheap. */
    @Transactional
    public Membership enrol(String userId, String username, String displayName, String email,
            Organisation organisation, Role role) {
        Membership m = Membership.findByUserId(userId).orElseGet(() -> {
            Membership fresh = new Membership();
            fresh.userId = userId;
            fresh.createdAt = time.now();
            return fresh;
        });
        boolean changed = m.id == null
                || !Objects.equals(m.username, username)
                || !Objects.equals(m.displayName, displayName)
                || !Objects.equals(m.email, email)
                || !Objects.equals(m.organisation == null ? null : m.organisation.id,
                        organisation == null ? null : organisation.id)
                || m.role != role;
        if (changed) {
            m.username = username;
            m.displayName = displayName;
            m.email = email;
            m.organisation = organisation;
            m.role = role;
            m.persist();
        }
        return m;
    }
}
