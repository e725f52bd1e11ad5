package org.allianceportal.notifications.delivery;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain-text and HTML parts of every e-mail, from Qute templates under {@code mail/}: a kind may
 * have its own ({@code mail/<kind>.txt|.html}), else the general notice is used. Both show the notice's
 * words (its sentence, facts and one button or link) and a footer; HTML escapes all text and shows no
 * address as text, only link words.
 */
@ApplicationScoped
public class MailTemplates {

    private static final Variant HTML = new Variant(Locale.ROOT, "text/html", "UTF-8");
    private static final Variant TEXT = new Variant(Locale.ROOT, "text/plain", "UTF-8");

    @Inject
    Engine engine;

    @Inject
    NotificationSettings settings;

    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    /** @param unsubscribeLink stops mail like this one; null for urgent mail, which cannot be switched off */
    public String text(Delivery d, String unsubscribeLink) {
        return template(d.kind, "txt", TEXT).data(data(d, unsubscribeLink)).render();
    }

    public String html(Delivery d, String unsubscribeLink) {
        return template(d.kind, "html", HTML).data(data(d, unsubscribeLink)).render();
    }

    private Map<String, Object> data(Delivery d, String unsubscribeLink) {
        Words words = Words.ofBody(d.subject, d.body);
        return Map.of("words", words, "link", d.link == null ? "" : d.link,
                "unsubscribe", unsubscribeLink == null ? "" : unsubscribeLink,
                "preferences", settings.portalUrl() + "/notifications/preferences");
    }

    private Template template(String kind, String suffix, Variant variant) {
        return parsed.computeIfAbsent(kind + "." + suffix, key -> {
            String own = read("mail/" + key);
            return engine.parse(own != null ? own : read("mail/notice." + suffix), variant);
        });
    }

    private static String read(String resource) {
        try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
