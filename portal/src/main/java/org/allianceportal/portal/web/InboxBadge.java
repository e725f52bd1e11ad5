package org.allianceportal.portal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.allianceportal.notifications.centre.NotificationCentre;

/** The unread count in every page's header: one COUNT per page view. */
@RequestScoped
@Named("inbox")
public class InboxBadge {

    @Inject
    CurrentActor current;

    @Inject
    NotificationCentre centre;

    private Long unread;

    public long unread() {
        if (unread == null) {
            unread = centre.unread(current.get().userId());
        }
        return unread;
    }
}
