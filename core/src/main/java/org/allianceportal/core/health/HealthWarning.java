package org.allianceportal.core.health;

import static org.allianceportal.core.alliance.Parties.requireLeadOf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.log.CanonicalJson;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainEntity;
import org.allianceportal.core.shared.DomainException.IllegalTransition;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.core.shared.Recordable;
import org.allianceportal.core.shared.Text;

/**
 * An early warning about an alliance's trust health, with its reasons in plain words. It stays open
 * (on the dashboard and the health page) until a lead of a party records a response.
 */
@Entity
@Table(name = "health_warning")
public class HealthWarning extends DomainEntity implements Recordable {

    public enum State {
        OPEN,
        ANSWERED
    }

    /** One reason: a stable key (to tell a new reason from a known one), the words, the organisation it names. */
    public record Reason(String key, String reason, String organisation) {
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "alliance_id")
    public Alliance alliance;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "index_value")
    public Integer index;

    @Column(nullable = false)
    public boolean urgent;

    /** The reasons as canonical JSON. */
    @Column(name = "reasons", nullable = false)
    public String reasonsJson;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "answered_by_user_id")
    public String answeredByUserId;

    @Column(name = "answered_by_name")
    public String answeredByName;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "answered_by_organisation_id")
    public Organisation answeredBy;

    public String response;

    /** One warning of an alliance already scoped to the actor ({@code Alliance.scopedTo}), else NotFound. */
    public static HealthWarning inAlliance(Alliance alliance, long warningId) {
        return HealthWarning.<HealthWarning>find("from HealthWarning w where w.id = ?1 and w.alliance = ?2", warningId,
                alliance).firstResultOptional().orElseThrow(() -> new NotFound("Warning", warningId));
    }

    static HealthWarning raise(Alliance alliance, Integer index, boolean urgent, List<Reason> reasons, Instant now) {
        HealthWarning w = new HealthWarning();
        w.alliance = alliance;
        w.index = index;
        w.urgent = urgent;
        w.reasonsJson = CanonicalJson.write(Map.of("reasons", reasons.stream()
                .map(r -> Map.of("key", r.key(), "reason", r.reason(), "organisation", r.organisation() == null ? "" : r.organisation()))
                .toList()));
        w.raisedAt = now;
        w.createdAt = now;
        return w;
    }

    /** A lead of any party answers for the alliance; the answer closes the warning and joins the log. */
    public void answer(Actor actor, String text, Instant now) {
        requireLeadOf(actor, alliance.parties.toArray(Organisation[]::new));
        if (answeredAt != null) {
            throw new IllegalTransition("This warning was answered already.");
        }
        response = Text.required("response", text, "Say what the parties will do about it.");
        answeredAt = now;
        answeredByUserId = actor.userId();
        answeredByName = actor.name();
        answeredBy = alliance.parties.stream().filter(o -> actor.belongsTo(o.id)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    public List<Reason> reasons() {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) CanonicalJson.read(reasonsJson).get("reasons");
        return rows.stream().map(m -> new Reason((String) m.get("key"), (String) m.get("reason"),
                ((String) m.get("organisation")).isEmpty() ? null : (String) m.get("organisation"))).toList();
    }

    public boolean isOpen() {
        return answeredAt == null;
    }

    @Override
    public Alliance alliance() {
        return alliance;
    }

    @Override
    public String subjectType() {
        return "health";
    }

    @Override
    public State state() {
        return isOpen() ? State.OPEN : State.ANSWERED;
    }

    /** Every other party: the answer is news to all of them. */
    @Override
    public List<Organisation> audience(Actor actor) {
        return alliance.partiesOtherThan(actor.organisationId());
    }
}
