package org.allianceportal.core.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.log.ChangeRecorder;
import org.allianceportal.core.log.LogEntry;

/**
 * The one path of a command on an alliance's record, for every domain service: load (scoped to the
 * actor's organisation), check the version the user saw, let the entity take the step, record the log
 * entry and the outbox events in the caller's transaction. Commands that add something start at
 * {@link #load}, too, so a rule that holds for every change to an alliance lives there, once.
 */
@ApplicationScoped
public class Commands {

    /** Finds one aggregate inside an alliance that was already scoped to the actor (else {@code NotFound}). */
    @FunctionalInterface
    public interface Finder<T> {
        T find(Alliance alliance, long id);
    }

    @Inject
    AllianceService alliances;

    @Inject
    ChangeRecorder recorder;

    /** The load step: the alliance a command acts in, as the actor's organisation sees it; an archived one takes none. */
    public Alliance load(Actor actor, long allianceId) {
        Alliance alliance = alliances.get(actor, allianceId);
        alliance.requireOpen();
        return alliance;
    }

    /** Load, check the version, take the step, record it with {@code details} and the state it reached. */
    public <T extends DomainEntity & Recordable> T change(Actor actor, Ref ref, Finder<T> finder, String action,
            Consumer<T> step, Function<T, Map<String, ?>> details) {
        T subject = finder.find(load(actor, ref.allianceId()), ref.id());
        subject.checkVersion(ref.version());
        step.accept(subject);
        Map<String, Object> payload = new LinkedHashMap<>(details.apply(subject));
        payload.put("state", subject.state());
        record(actor, subject, action, payload);
        return subject;
    }

    /** Appends the log entry and one outbox event per organisation of the subject's audience. */
    public <T extends DomainEntity & Recordable> LogEntry record(Actor actor, T subject, String action,
            Map<String, ?> payload) {
        return recorder.record(actor, subject.alliance(), action, subject.subjectType(), subject.id, payload,
                subject.audience(actor));
    }
}
