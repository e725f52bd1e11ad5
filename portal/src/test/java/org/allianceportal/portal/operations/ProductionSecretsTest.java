package org.allianceportal.portal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The production start check over configurations as an operator would leave them: the repository's own
 * defaults (every secret named), one of their own (nothing to say), and each way of getting one secret wrong.
 */
class ProductionSecretsTest {

    static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Za-z0-9_.]+):([^}]*)}");

    /** What the portal reads when no variable is set: the defaults of application.properties, expressions resolved. */
    static Map<String, String> repositoryDefaults() throws IOException {
        Map<String, String> config = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("%") || !line.contains("=")) {
                continue;
            }
            String value = line.substring(line.indexOf('=') + 1);
            Matcher m = DEFAULTED.matcher(value);
            config.put(line.substring(0, line.indexOf('=')), m.matches() ? m.group(2) : value);
        }
        return config;
    }

    /** A configuration with secrets of one's own. */
    static Map<String, String> ownSecrets() throws IOException {
        Map<String, String> config = repositoryDefaults();
        config.put("quarkus.oidc.credentials.secret", "d7c1e0f8b2a94b6e9f3c");
        config.put("quarkus.datasource.password", "k3y-0f-the-database");
        config.put("alliance.log.signing-key", "MC4CAQAwBQYDK2VwBCIEIOwnProductionKeyNotPublishedAnywhere000000");
        config.put("alliance.log.public-key", "MCowBQYDK2VwAyEAOwnProductionPublicKeyNotPublishedAnywhere00000=");
        config.put("quarkus.keycloak.admin-client.client-secret", "6b1f0a2c9e8d7f3a4b5c");
        config.put("alliance.keys.session.secret", "session-key-of-our-own-0123456789abcdef");
        config.put("alliance.keys.form.secret", "form-key-of-our-own-0123456789abcdefgh");
        config.put("alliance.keys.links.secret", "link-key-of-our-own-0123456789abcdefgh");
        return config;
    }

    static List<String> problems(Map<String, String> config) {
        return ProductionSecrets.problems(property -> Optional.ofNullable(config.get(property)));
    }

    @Test
    void the_repositorys_own_defaults_are_refused_naming_every_secret_to_set() throws IOException {
        List<String> problems = problems(repositoryDefaults());
        assertThat(String.join("\n", problems)).contains(
                "QUARKUS_OIDC_CREDENTIALS_SECRET is a development value published in the repository",
                "QUARKUS_DATASOURCE_PASSWORD is a development value published in the repository",
                "ALLIANCE_LOG_SIGNING_KEY is a development value published in the repository",
                "ALLIANCE_KEYCLOAK_ADMIN_SECRET is a development value published in the repository",
                "ALLIANCE_SESSION_KEY is a development value published in the repository",
                "ALLIANCE_FORM_KEY is a development value published in the repository",
                "ALLIANCE_LINK_KEY is a development value published in the repository");
        assertThat(problems).hasSize(7);
    }

    @Test
    void secrets_of_ones_own_pass() throws IOException {
        assertThat(problems(ownSecrets())).isEmpty();
        Map<String, String> rotated = ownSecrets();
        rotated.put("alliance.keys.links.id", "2");
        rotated.put("alliance.keys.links.earlier", "1:an-earlier-link-key-of-our-own-0123456789");
        assertThat(problems(rotated)).isEmpty();
    }

    @Test
    void each_way_of_getting_one_secret_wrong_is_named() throws IOException {
        assertThat(problemsWith("quarkus.datasource.password", null)).containsExactly("QUARKUS_DATASOURCE_PASSWORD is not set");
        assertThat(problemsWith("quarkus.keycloak.admin-client.client-secret", "  "))
                .containsExactly("ALLIANCE_KEYCLOAK_ADMIN_SECRET is not set");
        assertThat(problemsWith("alliance.keys.session.secret", "dev-only-session-secret-change-me-0123456789"))
                .containsExactly("ALLIANCE_SESSION_KEY is a development value published in the repository");
        assertThat(problemsWith("alliance.keys.form.secret", "short-form-key"))
                .containsExactly("ALLIANCE_FORM_KEY is shorter than 32 characters");
        assertThat(problemsWith("alliance.keys.links.secret", "session-key-of-our-own-0123456789abcdef"))
                .containsExactly("ALLIANCE_LINK_KEY is the same as ALLIANCE_SESSION_KEY: each purpose needs a key of its own");
        assertThat(problemsWith("alliance.keys.form.earlier", "0:dev-form-key-published-in-the-repository"))
                .containsExactly("ALLIANCE_FORM_EARLIER_KEYS holds a development value published in the repository");
        assertThat(problemsWith("alliance.keys.session.id", "one.two"))
                .containsExactly("ALLIANCE_SESSION_KEY_ID or ALLIANCE_SESSION_EARLIER_KEYS: key id 'one.two' is not 1 to 20 "
                        + "letters, digits, '-' or '_'");
        assertThat(problemsWith("alliance.log.public-key", ProductionSecrets.DEMO_LOG_PUBLIC_KEY)).containsExactly(
                "ALLIANCE_LOG_PUBLIC_KEY is the published demo key, not the pair of ALLIANCE_LOG_SIGNING_KEY");
        assertThat(String.join("\n", problemsWith("alliance.keys.links.earlier", "1:link-secret-that-is-never-shown")))
                .as("a message never shows a secret").doesNotContain("never-shown");
    }

    private static List<String> problemsWith(String property, String value) throws IOException {
        Map<String, String> config = ownSecrets();
        config.put(property, value);
        return problems(config);
    }

    /** The demo realm's client secrets and the launcher's fallbacks are published values too. */
    @Test
    void the_secrets_the_demo_realm_and_launcher_fall_back_to_are_known_as_published() throws IOException {
        String realm = Files.readString(Path.of("../deployment/keycloak/alliance-realm.json"), StandardCharsets.UTF_8);
        Matcher m = DEFAULTED.matcher(realm);
        int secrets = 0;
        while (m.find()) {
            if (m.group(1).matches(".*(SECRET|PASSWORD).*")) {
                assertThat(ProductionSecrets.PUBLISHED).as(m.group()).contains(m.group(2));
                secrets++;
            }
        }
        assertThat(secrets).as("client secrets in the realm").isGreaterThanOrEqualTo(2);
        String launcher = Files.readString(Path.of("../deployment/stack.sh"), StandardCharsets.UTF_8);
        Matcher fallback = Pattern.compile("([A-Z_]*(?:SECRET|PASSWORD|_KEY))=\\$\\{\\1:-([^}$]+)}").matcher(launcher);
        while (fallback.find()) {
            assertThat(ProductionSecrets.PUBLISHED).as(fallback.group()).contains(fallback.group(2));
        }
    }
}
