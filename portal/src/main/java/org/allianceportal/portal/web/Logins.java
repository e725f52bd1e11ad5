package org.allianceportal.portal.web;

import io.quarkus.oidc.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.allianceportal.core.admin.PeopleAdministration;
import org.allianceportal.core.shared.TimeKeeper;

/**
 * Notes each login (the access review shows the last one); the first login turns an invitation into an
 * active membership. Observed after the login, off the request, so a login never waits for it.
 */
@ApplicationScoped
public class Logins {

    @Inject
    PeopleAdministration people;

    @Inject
    TimeKeeper time;

    void loggedIn(@ObservesAsync SecurityEvent event) {
        if (event.getEventType() == SecurityEvent.Type.OIDC_LOGIN) {
            people.loggedIn(CurrentActor.subjectOf(event.getSecurityIdentity().getPrincipal()), time.now());
        }
    }
}
