package org.allianceportal.core.admin;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.log.CanonicalJson;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.Forbidden;
import org.allianceportal.core.shared.TimeKeeper;

/** The administrators' own log: every administrative action, in the transaction of the action itself. */
@ApplicationScoped
public class AdminAudit {

    public static final int PAGE_SIZE = 50;

    @Inject
    TimeKeeper time;

    /** A target of an action: its type, id, name and the organisation it belongs to (null for an alliance). */
    public record Target(String type, Long id, String name, Long organisationId) {
    }

    public void record(Actor actor, String action, Target target, Map<String, ?> before, Map<String, ?> after) {
        AuditEntry entry = new AuditEntry();
        entry.at = time.now();
        entry.actorId = actor.userId();
        entry.actorName = actor.name();
        entry.action = action;
        entry.targetType = target.type();
        entry.targetId = target.id();
        entry.targetName = target.name();
        entry.organisationId = target.organisationId();
        entry.before = before == null ? null : CanonicalJson.write(before);
        entry.after = after == null ? null : CanonicalJson.write(after);
        entry.persist();
    }

    /** Newest first, one page; a lead sees only what concerns their own organisation. */
    public List<AuditEntry> page(Actor actor, int page) {
        if (actor.isAdmin()) {
            return AuditEntry.<AuditEntry>find("order by at desc, id desc").page(Page.of(page, PAGE_SIZE)).list();
        }
        if (actor.isLead() && actor.organisationId() != null) {
            return AuditEntry.<AuditEntry>find("organisationId = ?1 order by at desc, id desc", actor.organisationId())
                    .page(Page.of(page, PAGE_SIZE)).list();
        }
        throw new Forbidden("Only administrators and leads see the administration log.");
    }
}
