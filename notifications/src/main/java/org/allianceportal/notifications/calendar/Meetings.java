package org.allianceportal.notifications.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.checkin.CheckInState;
import org.allianceportal.notifications.delivery.NotificationSettings;

/** A check-in as a calendar meeting: the same UID in every invite, feed and reminder. */
@ApplicationScoped
public class Meetings {

    @Inject
    NotificationSettings settings;

    public Invite.Meeting of(CheckIn c) {
        return new Invite.Meeting("checkin-" + c.id + "@" + settings.messageIdDomain(), c.calendarSequence, c.startsAt,
                c.endsAt(), c.alliance.name + " check-in", c.agenda,
                settings.portalUrl() + "/alliances/" + c.alliance.id + "/check-ins/" + c.id,
                c.state == CheckInState.CANCELLED);
    }
}
