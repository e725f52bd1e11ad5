package org.allianceportal.notifications.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.checkin.CheckIn;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.delivery.NotificationSettings;
import org.allianceportal.notifications.preference.SignedTokens;

/**
 * Each person's private calendar feed: their alliances' check-ins and the due dates of what is still
 * owed, at a secret URL a calendar program can subscribe to without logging in. The person can renew the
 * URL (a leaked one then stops working): it carries the feed's version, kept in calendar_feed.
 */
@ApplicationScoped
public class CalendarFeed {

    private static final String PURPOSE = "calendar-feed";

    @Inject
    SignedTokens tokens;

    @Inject
    AllianceService alliances;

    @Inject
    Meetings meetings;

    @Inject
    NotificationSettings settings;

    @Inject
    TimeKeeper time;

    @Inject
    EntityManager em;

    /** The person's current feed link: their user id and feed version, signed (version 0: the user id alone). */
    public String url(String userId) {
        long version = version(userId);
        return settings.portalUrl() + "/calendar/" + tokens.sign(PURPOSE, version == 0 ? userId : userId + "\n" + version)
                + ".ics";
    }

    /** A new link for the person's feed; every earlier one stops working at once. */
    @Transactional
    public String renew(String userId) {
        em.createNativeQuery("insert into calendar_feed (user_id, version) values (?1, 1) "
                + "on conflict (user_id) do update set version = calendar_feed.version + 1").setParameter(1, userId)
                .executeUpdate();
        return url(userId);
    }

    /**
     * The feed for the person the token names, if the token holds, names the person's current feed version
     * and they are still an active member.
     */
    @Transactional
    public Optional<String> feed(String token) {
        return tokens.read(PURPOSE, token).flatMap(subject -> {
            String[] userAndVersion = subject.split("\n", 2);
            long version = userAndVersion.length == 2 ? Long.parseLong(userAndVersion[1]) : 0;
            return version == version(userAndVersion[0]) ? Membership.findByUserId(userAndVersion[0])
                    : Optional.<Membership>empty();
        }).filter(m -> m.isActive() && m.organisation != null && !m.organisation.isDisabled())
                .map(this::feedOf);
    }

    private long version(String userId) {
        List<?> found = em.createNativeQuery("select version from calendar_feed where user_id = ?1")
                .setParameter(1, userId).getResultList();
        return found.isEmpty() ? 0 : ((Number) found.get(0)).longValue();
    }

    private String feedOf(Membership person) {
        Actor actor = new Actor(person.userId, person.displayName, person.organisation.id, person.role);
        Instant from = time.now().minus(Duration.ofDays(90));
        List<Invite.Meeting> events = new ArrayList<>();
        for (Alliance alliance : alliances.visibleTo(actor)) {
            CheckIn.<CheckIn>list("alliance = ?1 and startsAt > ?2 order by startsAt", alliance, from)
                    .forEach(c -> events.add(meetings.of(c)));
            Commitment.<Commitment>list("alliance = ?1 and state in ?2 order by dueDate", alliance,
                    List.of(CommitmentState.PROPOSED, CommitmentState.AGREED, CommitmentState.DISPUTED)).forEach(c -> events.add(new Invite.Meeting("due-" + c.id + "@" + settings.messageIdDomain(),
                    c.slipCount, c.dueDate.atStartOfDay().toInstant(ZoneOffset.UTC),
                    c.dueDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    "Due: " + c.title + " (" + c.owner.name + " → " + c.beneficiary.name + ")", null,
                    settings.portalUrl() + "/alliances/" + alliance.id + "/commitments/" + c.id, false)));
        }
        return Invite.feed("Alliance Portal · " + person.displayName, events, time.now());
    }
}
