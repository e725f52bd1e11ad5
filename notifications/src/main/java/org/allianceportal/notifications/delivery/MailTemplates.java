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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain-text and HTML parts of every e-mail, from Qute templates under {@code mail/}: a kind may
 * have its own ({@code mail/<kind>.txt|.html}), else the general notice is used. HTML escapes all text.
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

    public String text(Delivery d) {
        return template(d.kind, "txt", TEXT).data(data(d)).render();
    }

    public String html(Delivery d) {
        return template(d.kind, "html", HTML).data(data(d)).render();
    }

    private Map<String, Object> data(Delivery d) {
        return Map.of("subject", d.subject, "body", d.body, "lines", List.of(d.body.split("\n", -1)),
                "link", d.link == null ? "" : d.link, "portalUrl", settings.portalUrl());
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
