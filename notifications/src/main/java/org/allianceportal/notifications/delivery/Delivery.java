package org.allianceportal.notifications.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** One notice to one person on one channel; its idempotency key makes it happen at most once. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public enum Channel { EMAIL, IN_APP }

    public enum Status { PENDING, HELD, SENT, READ, DEAD, SKIPPED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** (event or reminder, recipient, channel): unique in the table. */
    @Column(name = "idempotency_key", nullable = false, unique = true, updatable = false)
    public String idempotencyKey;

    @Column(name = "outbox_event_id", updatable = false)
    public Long outboxEventId;

    @Column(name = "alliance_id", nullable = false, updatable = false)
    public Long allianceId;

    @Column(nullable = false, updatable = false)
    public String kind;

    @Column(nullable = false)
    public boolean urgent;

    @Column(name = "recipient_user_id", nullable = false, updatable = false)
    public String recipientUserId;

    @Column(name = "recipient_email")
    public String recipientEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    /** Where in the portal the notice points, e.g. /alliances/7/concerns/42. */
    public String link;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** An RFC 5545 invite sent along with the e-mail (check-ins), or null. */
    public String calendar;

    /** The digest e-mail that carried this held one. */
    @Column(name = "digest_id")
    public Long digestId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** What a notice about several things lists, each with its link; empty for a notice about one thing. */
    public List<Words.Fact> listed() {
        List<Words.Fact> facts = Words.ofBody(subject, body).facts();
        return facts.stream().anyMatch(f -> f.link() != null) ? facts : List.of();
    }

    /** The e-mail's Message-ID, derived from the idempotency key: a repeated send is recognisable as such. */
    public String messageId(String domain) {
        return "<" + messageIdLocalPart(idempotencyKey) + "@" + domain + ">";
    }

    static String messageIdLocalPart(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
