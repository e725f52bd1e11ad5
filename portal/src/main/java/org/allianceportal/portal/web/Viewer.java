package org.allianceportal.portal.web;

import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Shows times in the viewer's time zone: the OIDC {@code zoneinfo} claim when the identity provider
 * has one, else the portal's configured zone. Templates use it through the extensions below.
 */
@RequestScoped
@Named("viewer")
@Unremovable // looked up by the template extensions, not injected anywhere
public class Viewer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "alliance.display-zone", defaultValue = "UTC")
    String defaultZone;

    private ZoneId zone;

    public ZoneId zone() {
        if (zone == null) {
            zone = ZoneId.of(defaultZone);
            if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("zoneinfo") != null) {
                try {
                    zone = ZoneId.of(String.valueOf(jwt.<Object>getClaim("zoneinfo")).replace("\"", ""));
                } catch (DateTimeException e) {
                    // an unknown zone name falls back to the portal's zone
                }
            }
        }
        return zone;
    }

    /** Template extensions: {@code {instant.local}}, {@code {date.display}}, {@code {duration.humane}}. */
    @TemplateExtension
    public static class Formats {

        static String local(Instant instant) {
            return instant == null ? "" : TIME.format(instant.atZone(Arc.container().instance(Viewer.class).get().zone()));
        }

        static String iso(Instant instant) {
            return instant == null ? "" : instant.toString();
        }

        static String display(LocalDate date) {
            return date == null ? "" : DATE.format(date);
        }

        /** "2 days 3 h left" or "5 h overdue". */
        static String humane(Duration left) {
            if (left == null) {
                return "";
            }
            Duration d = left.abs();
            long days = d.toDays();
            long hours = d.minusDays(days).toHours();
            long minutes = d.minusDays(days).minusHours(hours).toMinutes();
            String amount = days > 0 ? days + (days == 1 ? " day " : " days ") + hours + " h"
                    : hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
            return left.isNegative() ? amount + " overdue" : amount + " left";
        }

        /** A log action as words: "concern.acknowledgement_breached" -> "Concern acknowledgement breached". */
        static String words(String action) {
            String text = action.replace('.', ' ').replace('_', ' ');
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }

        static String label(Enum<?> value) {
            String text = value.name().toLowerCase(Locale.ENGLISH).replace('_', ' ');
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }
}
