package org.allianceportal.portal.operations;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.allianceportal.core.shared.KeyRing;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * In the prod profile the portal does not start while any secret is missing or is one of the development
 * values published in this repository (anyone could forge sessions, form tokens and links, or read the
 * database, with them). The message names every variable to set, never a value. Other profiles (dev, test)
 * run on the published values.
 */
@ApplicationScoped
public class ProductionSecrets {

    /** A secret by the environment variable an operator sets and the property the portal reads. */
    record Secret(String variable, String property) {
    }

    /** One key ring: its current key, the key's id, and the earlier keys still accepted. */
    record Ring(String purpose, String variablePrefix, String propertyPrefix) {
        Secret key() {
            return new Secret(variablePrefix + "_KEY", propertyPrefix + ".secret");
        }
    }

    static final Secret LOG_SIGNING_KEY = new Secret("ALLIANCE_LOG_SIGNING_KEY", "alliance.log.signing-key");

    static final List<Secret> SECRETS = List.of(
            new Secret("QUARKUS_OIDC_CREDENTIALS_SECRET", "quarkus.oidc.credentials.secret"),
            new Secret("QUARKUS_DATASOURCE_PASSWORD", "quarkus.datasource.password"),
            LOG_SIGNING_KEY,
            new Secret("ALLIANCE_KEYCLOAK_ADMIN_SECRET", "quarkus.keycloak.admin-client.client-secret"));

    static final List<Ring> RINGS = List.of(
            new Ring("session", "ALLIANCE_SESSION", "alliance.keys.session"),
            new Ring("form", "ALLIANCE_FORM", "alliance.keys.form"),
            new Ring("links", "ALLIANCE_LINK", "alliance.keys.links"));

    /** The demo public key: with a key of one's own its pair must be set too, or no checkpoint verifies. */
    static final String DEMO_LOG_PUBLIC_KEY = "MCowBQYDK2VwAyEAWKT1xe1bD9XRjjZvGFwicp0MMhtQ+VyPs4JXkZWG0LY=";

    /** Every secret this repository publishes (defaults, the demo realm, the launcher, the tests' configuration). */
    static final Set<String> PUBLISHED = Set.of(
            "dev-session-key-published-in-the-repository",
            "dev-form-key-published-in-the-repository",
            "dev-link-key-published-in-the-repository",
            "dev-only-session-secret-change-me-0123456789",
            "portal-dev-secret",
            "portal-admin-dev-secret",
            "alliance",
            "MC4CAQAwBQYDK2VwBCIEIGHXSwh5Tti+SekOZsjj3qGfnKDDHm+vEBHsGFiNvlis",
            "test-link-secret",
            "bench-link-secret",
            "kcadmin",
            "demo");

    /** Session, form and link keys: HMAC and AES keys, so at least this long. */
    static final int MIN_KEY_LENGTH = 32;

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        if (!config.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = problems(property -> config.getOptionalValue(property, String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Alliance Portal does not start in the prod profile with these secrets: "
                    + String.join("; ", problems) + ". Set each to a value of your own (README, Configuration).");
        }
    }

    /** What is wrong with the secrets that {@code config} (property name to value) holds; empty if nothing. */
    static List<String> problems(Function<String, Optional<String>> config) {
        List<String> problems = new ArrayList<>();
        for (Secret secret : SECRETS) {
            problemOf(secret, config).ifPresent(problems::add);
        }
        List<String> currentKeys = new ArrayList<>();
        for (Ring ring : RINGS) {
            Optional<String> key = value(config, ring.key().property());
            Optional<String> problem = problemOf(ring.key(), config);
            if (problem.isEmpty() && key.get().length() < MIN_KEY_LENGTH) {
                problem = Optional.of(ring.key().variable() + " is shorter than " + MIN_KEY_LENGTH + " characters");
            }
            if (problem.isEmpty()) {
                int same = currentKeys.indexOf(key.get());
                if (same >= 0) {
                    problem = Optional.of(ring.key().variable() + " is the same as " + RINGS.get(same).key().variable()
                            + ": each purpose needs a key of its own");
                }
            }
            problem.ifPresent(problems::add);
            currentKeys.add(key.orElse(null));
            String earlierVariable = ring.variablePrefix() + "_EARLIER_KEYS";
            try {
                KeyRing keys = KeyRing.of(value(config, ring.propertyPrefix() + ".id").orElse("1"), key.orElse("-"),
                        value(config, ring.propertyPrefix() + ".earlier").orElse(""));
                if (keys.all().stream().skip(1).anyMatch(k -> PUBLISHED.contains(k.secret()))) {
                    problems.add(earlierVariable + " holds a development value published in the repository");
                }
            } catch (IllegalArgumentException e) {
                problems.add(ring.variablePrefix() + "_KEY_ID or " + earlierVariable + ": " + e.getMessage());
            }
        }
        if (problemOf(LOG_SIGNING_KEY, config).isEmpty()
                && value(config, "alliance.log.public-key").filter(DEMO_LOG_PUBLIC_KEY::equals).isPresent()) {
            problems.add("ALLIANCE_LOG_PUBLIC_KEY is the published demo key, not the pair of ALLIANCE_LOG_SIGNING_KEY");
        }
        return problems;
    }

    private static Optional<String> problemOf(Secret secret, Function<String, Optional<String>> config) {
        Optional<String> value = value(config, secret.property());
        if (value.isEmpty()) {
            return Optional.of(secret.variable() + " is not set");
        }
        if (PUBLISHED.contains(value.get())) {
            return Optional.of(secret.variable() + " is a development value published in the repository");
        }
        return Optional.empty();
    }

    private static Optional<String> value(Function<String, Optional<String>> config, String property) {
        return config.apply(property).map(String::strip).filter(v -> !v.isEmpty());
    }
}
