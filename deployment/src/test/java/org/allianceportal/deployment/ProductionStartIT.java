package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built portal, started as in production ({@code java -jar}, the prod profile) with the repository's
 * published development secrets, one key too short and one of its own: it does not start, and says which
 * variables to set, never a secret's value. (No database or Keycloak is needed to be refused.)
 */
class ProductionStartIT {

    static final String OWN_LINK_KEY = "a-link-key-of-our-own-that-must-never-be-printed";

    @Test
    void the_portal_refuses_to_start_in_production_naming_every_secret_to_set() throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("alliance.repo", "..")).toAbsolutePath().normalize();
        Path jar = repo.resolve("portal/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the portal's build (./mvnw -pl portal -am package)").exists();
        Path output = Files.createTempFile("production-start", ".log");
        ProcessBuilder start = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = start.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("ALLIANCE_"));
        env.put("QUARKUS_HTTP_PORT", "0");
        // nothing to reach: refusing must not depend on the database or Keycloak
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:1/realms/alliance");
        env.put("ALLIANCE_KEYCLOAK_URL", "http://127.0.0.1:1");
        env.put("ALLIANCE_SESSION_KEY", "too-short");
        env.put("ALLIANCE_LINK_KEY", OWN_LINK_KEY);
        Process portal = start.start();
        try {
            assertThat(portal.waitFor(3, TimeUnit.MINUTES)).as("the portal stops by itself").isTrue();
        } finally {
            portal.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(portal.exitValue()).as(log).isNotZero();
        assertThat(log).contains("Alliance Portal does not start in the prod profile with these secrets",
                "QUARKUS_OIDC_CREDENTIALS_SECRET is a development value published in the repository",
                "QUARKUS_DATASOURCE_PASSWORD is a development value published in the repository",
                "ALLIANCE_LOG_SIGNING_KEY is a development value published in the repository",
                "ALLIANCE_KEYCLOAK_ADMIN_SECRET is a development value published in the repository",
                "ALLIANCE_SESSION_KEY is shorter than 32 characters",
                "ALLIANCE_FORM_KEY is a development value published in the repository")
                .doesNotContain("ALLIANCE_LINK_KEY", OWN_LINK_KEY, "too-short", "Listening on");
        Files.delete(output);
    }
}
