package org.allianceportal.notifications.delivery;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.notifications.preference.Unsubscribe;

/**
 * Sends due e-mail deliveries. Each batch is one transaction that claims its rows with
 * FOR UPDATE SKIP LOCKED, sends, and marks them sent before committing: several dispatchers never
 * claim the same row, and a dispatcher that dies between sending and committing leaves the row to be
 * sent again with the same Message-ID (at most that one message is repeated).
 */
@ApplicationScoped
public class Dispatcher {

    @Inject
    EntityManager em;

    @Inject
    ReactiveMailer mailer;

    @Inject
    NotificationSettings settings;

    @Inject
    MailTemplates templates;

    @Inject
    TimeKeeper time;

    @Inject
    Unsubscribe unsubscribe;

    /** Sends one batch of due e-mails; returns how many rows it handled (sent, retried or dead-lettered). */
    @Transactional
    public int dispatchBatch() {
        Instant now = time.now();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                select id from delivery
                where status = 'PENDING' and channel = 'EMAIL' and next_attempt_at <= ?1
                order by next_attempt_at, id limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, settings.batchSize()).getResultList();
        for (Number id : ids) {
            Delivery d = em.find(Delivery.class, id.longValue());
            if (!Membership.findByUserId(d.recipientUserId).filter(Membership::isActive).isPresent()) {
                d.status = Delivery.Status.SKIPPED; // disabled or removed since it was planned: not a word more
                continue;
            }
            try {
                // bounded: a stuck SMTP server fails this row, not the whole batch's transaction
                mailer.send(mail(d)).await().atMost(settings.sendTimeout());
                d.status = Delivery.Status.SENT;
                d.sentAt = now;
                d.attempts++;
            } catch (RuntimeException e) {
                failed(d, e, now);
            }
        }
        return ids.size();
    }

    /** Dispatches until nothing is due; returns how many rows were handled. */
    public int dispatchAll() {
        int total = 0;
        for (int handled = dispatchBatch(); handled > 0; handled = dispatchBatch()) {
            total += handled;
        }
        return total;
    }

    Mail mail(Delivery d) {
        String unsubscribeLink = d.urgent ? null : unsubscribeLink(d);
        Mail mail = Mail.withText(d.recipientEmail, d.subject, templates.text(d, unsubscribeLink))
                .setHtml(templates.html(d, unsubscribeLink))
                .addHeader("Message-ID", d.messageId(settings.messageIdDomain()))
                .addHeader("X-Alliance-Kind", d.kind);
        if (unsubscribeLink != null) {
            // RFC 8058: mail programs show their own unsubscribe button and POST to the link, without a login
            mail.addHeader("List-Unsubscribe", "<" + unsubscribeLink + ">");
            mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (d.calendar != null) {
            String method = d.calendar.contains("METHOD:CANCEL") ? "CANCEL" : "REQUEST";
            mail.addAttachment("invite.ics", d.calendar.getBytes(StandardCharsets.UTF_8),
                    "text/calendar; method=" + method + "; charset=UTF-8");
        }
        return mail;
    }

    /** Stops mail like this one: of its kind, or for a digest, of every kind it gathered. */
    private String unsubscribeLink(Delivery d) {
        if (!d.kind.equals(Digests.KIND)) {
            return unsubscribe.link(d.recipientUserId, d.kind);
        }
        @SuppressWarnings("unchecked")
        List<String> kinds = em.createNativeQuery("select distinct kind from delivery where digest_id = ?1 order by 1")
                .setParameter(1, d.id).getResultList();
        return unsubscribe.link(d.recipientUserId, kinds);
    }

    /** A refusal (5xx) is final; anything else is retried with exponential backoff, up to a limit. */
    void failed(Delivery d, RuntimeException e, Instant now) {
        d.attempts++;
        d.lastError = describe(e);
        if (isPermanent(e) || d.attempts >= settings.maxAttempts()) {
            d.status = Delivery.Status.DEAD;
            Log.warnf("Delivery %d to %s dead-lettered after %d attempts: %s", d.id, d.recipientEmail, d.attempts,
                    d.lastError);
        } else {
            d.nextAttemptAt = now.plus(backoff(d.attempts));
        }
    }

    Duration backoff(int attempts) {
        Duration wait = settings.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    /** Refused by the server (5xx), or an address no server could ever take. */
    static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
            if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).contains("address is invalid")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
