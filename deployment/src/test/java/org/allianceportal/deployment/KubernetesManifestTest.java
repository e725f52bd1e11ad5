package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests, as far as they can be checked without a cluster: the portal's generated
 * Deployment and Service (portal/target/kubernetes/kubernetes.yml, from the portal's package) and the files
 * of deployment/kubernetes, parsed and checked against each other and against the realm of the demo.
 */
class KubernetesManifestTest {

    static final Path REPO = ProductDocsTest.REPO;
    static final Path GENERATED = REPO.resolve("portal/target/kubernetes/kubernetes.yml");
    static final Path FILES = REPO.resolve("deployment/kubernetes");
    static final YAMLMapper YAML = new YAMLMapper();

    static List<JsonNode> documents(Path file) throws IOException {
        assertThat(file).as("build the portal first (./mvnw -pl portal -am package): it writes " + file).exists();
        List<JsonNode> documents = new ArrayList<>();
        YAML.readerFor(JsonNode.class).readValues(Files.readString(file)).forEachRemaining(d -> {
            if (d != null && !((JsonNode) d).isNull()) {
                documents.add((JsonNode) d);
            }
        });
        return documents;
    }

    static JsonNode only(List<JsonNode> documents, String kind, String name) {
        List<JsonNode> found = documents.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void the_generated_deployment_runs_two_probed_replicas_with_their_configuration_and_secrets() throws IOException {
        List<JsonNode> generated = documents(GENERATED);
        assertThat(generated).extracting(d -> d.path("kind").asText()).contains("Deployment", "Service")
                .as("no Flyway job, no ServiceMonitor: migrations run at start, Prometheus reads annotations")
                .doesNotContain("Job", "ServiceMonitor");

        JsonNode deployment = only(generated, "Deployment", "alliance-portal");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(deployment.path("spec").path("selector").path("matchLabels").has("app.kubernetes.io/version"))
                .as("a new version must not change the Deployment's (immutable) selector").isFalse();
        JsonNode pod = deployment.path("spec").path("template");
        List<JsonNode> containers = list(pod.path("spec").path("containers"));
        assertThat(containers).hasSize(1);
        JsonNode portal = containers.get(0);
        assertThat(portal.path("image").asText()).contains("alliance-portal");
        int port = portal.path("ports").get(0).path("containerPort").asInt();
        assertThat(port).isEqualTo(8080);
        for (String[] probe : new String[][] {{"startupProbe", "/q/health/started"}, {"readinessProbe", "/q/health/ready"},
                {"livenessProbe", "/q/health/live"}}) {
            JsonNode get = portal.path(probe[0]).path("httpGet");
            assertThat(get.path("path").asText()).as(probe[0]).isEqualTo(probe[1]);
            assertThat(get.path("port").asInt()).as(probe[0]).isEqualTo(port);
        }
        assertThat(portal.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(portal.path("resources").path("requests").path("memory").asText()).isNotEmpty();
        assertThat(portal.path("resources").path("requests").path("cpu").asText()).isNotEmpty();

        assertThat(list(portal.path("envFrom"))).extracting(e -> e.path("configMapRef").path("name").asText()
                + "|" + e.path("secretRef").path("name").asText())
                .containsExactlyInAnyOrder("alliance-portal-config|", "|alliance-portal-secrets");
        JsonNode password = list(portal.path("env")).stream()
                .filter(e -> e.path("name").asText().equals("QUARKUS_DATASOURCE_PASSWORD")).findFirst().orElseThrow();
        assertThat(password.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("alliance-db-app");
        assertThat(password.path("valueFrom").path("secretKeyRef").path("key").asText()).isEqualTo("password");
        assertThat(list(portal.path("env"))).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("ALLIANCE_PROXY");
            assertThat(e.path("value").asText()).isEqualTo("true");
        });

        JsonNode service = only(generated, "Service", "alliance-portal");
        JsonNode labels = pod.path("metadata").path("labels");
        service.path("spec").path("selector").fields().forEachRemaining(label -> assertThat(labels.path(label.getKey())
                .asText()).as("the Service selects the Deployment's pods by " + label.getKey()).isEqualTo(label.getValue().asText()));
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asInt()).isEqualTo(port);
    }

    @Test
    void the_files_here_agree_with_the_generated_deployment_and_with_each_other() throws IOException {
        JsonNode service = only(documents(GENERATED), "Service", "alliance-portal");
        List<JsonNode> databases = documents(FILES.resolve("postgres.yaml"));
        JsonNode portalDb = only(databases, "Cluster", "alliance-db");
        JsonNode keycloakDb = only(databases, "Cluster", "keycloak-db");
        assertThat(portalDb.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(portalDb.path("spec").path("instances").asInt()).isGreaterThanOrEqualTo(2);

        JsonNode config = only(documents(FILES.resolve("configmap.yaml")), "ConfigMap", "alliance-portal-config");
        String database = portalDb.path("spec").path("bootstrap").path("initdb").path("database").asText();
        assertThat(config.path("data").path("QUARKUS_DATASOURCE_JDBC_URL").asText())
                .as("the CloudNativePG read-write service of the portal's cluster")
                .isEqualTo("jdbc:postgresql://alliance-db-rw:5432/" + database);
        assertThat(config.path("data").path("QUARKUS_DATASOURCE_USERNAME").asText())
                .isEqualTo(portalDb.path("spec").path("bootstrap").path("initdb").path("owner").asText());
        config.path("data").fieldNames().forEachRemaining(name -> assertThat(name).as("no secret in the ConfigMap")
                .doesNotContain("SECRET", "PASSWORD").doesNotEndWith("_KEY"));

        JsonNode keycloak = only(documents(FILES.resolve("keycloak.yaml")), "Keycloak", "keycloak");
        assertThat(keycloak.path("apiVersion").asText()).isEqualTo("k8s.keycloak.org/v2alpha1");
        assertThat(keycloak.path("spec").path("db").path("host").asText()).isEqualTo("keycloak-db-rw");
        assertThat(keycloak.path("spec").path("db").path("passwordSecret").path("name").asText()).isEqualTo("keycloak-db-app");
        String loginHost = keycloak.path("spec").path("hostname").path("hostname").asText();
        assertThat(config.path("data").path("QUARKUS_OIDC_AUTH_SERVER_URL").asText()).isEqualTo(loginHost + "/realms/alliance");

        JsonNode ingress = only(documents(FILES.resolve("ingress.yaml")), "Ingress", "alliance");
        List<String> backends = list(ingress.path("spec").path("rules")).stream()
                .flatMap(rule -> list(rule.path("http").path("paths")).stream())
                .map(path -> path.path("backend").path("service").path("name").asText() + ":"
                        + path.path("backend").path("service").path("port").path("name").asText()).toList();
        assertThat(backends).contains("alliance-portal:" + service.path("spec").path("ports").get(0).path("name").asText(),
                keycloak.path("metadata").path("name").asText() + "-service:http");
    }

    @Test
    void the_realm_import_carries_the_realm_without_its_demo_people_and_takes_its_secrets_from_the_portals() throws IOException {
        JsonNode demo = new ObjectMapper().readTree(REPO.resolve("deployment/keycloak/alliance-realm.json").toFile());
        JsonNode keycloak = only(documents(FILES.resolve("keycloak.yaml")), "Keycloak", "keycloak");
        JsonNode realmImport = only(documents(FILES.resolve("realm-import.yaml")), "KeycloakRealmImport", "alliance");
        assertThat(realmImport.path("spec").path("keycloakCRName").asText()).isEqualTo(keycloak.path("metadata").path("name").asText());
        JsonNode realm = realmImport.path("spec").path("realm");

        for (String field : List.of("realm", "organizationsEnabled", "roles")) {
            assertThat(realm.path(field)).as(field).isEqualTo(demo.path(field));
        }
        assertThat(names(realm.path("clients"), "clientId")).isEqualTo(names(demo.path("clients"), "clientId"));
        for (JsonNode client : list(demo.path("clients"))) {
            JsonNode same = list(realm.path("clients")).stream()
                    .filter(c -> c.path("clientId").equals(client.path("clientId"))).findFirst().orElseThrow();
            for (String field : List.of("publicClient", "standardFlowEnabled", "directAccessGrantsEnabled",
                    "serviceAccountsEnabled", "defaultClientScopes", "optionalClientScopes", "protocolMappers")) {
                assertThat(same.path(field)).as(client.path("clientId").asText() + " " + field).isEqualTo(client.path(field));
            }
            assertThat(same.path("secret").asText()).as("a placeholder, never a value").matches("\\$\\{[A-Z_]+}");
            list(same.path("redirectUris")).forEach(uri -> assertThat(uri.asText()).startsWith("https://"));
        }
        assertThat(realm.has("organizations")).as("organisations are made in the portal's console").isFalse();
        assertThat(list(realm.path("users"))).extracting(u -> u.path("username").asText())
                .containsExactlyInAnyOrder("admin", "service-account-portal-admin-api");
        JsonNode admin = list(realm.path("users")).stream().filter(u -> u.path("username").asText().equals("admin"))
                .findFirst().orElseThrow();
        assertThat(admin.path("credentials").get(0).path("temporary").asBoolean()).isTrue();
        assertThat(list(admin.path("requiredActions"))).extracting(JsonNode::asText).contains("CONFIGURE_TOTP");
        // what production needs beyond the demo realm
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("resetPasswordAllowed").asBoolean()).isTrue();
        assertThat(realm.path("verifyEmail").asBoolean()).isTrue();
        assertThat(realm.path("passwordPolicy").asText()).contains("length(12)");
        assertThat(admin.path("realmRoles").get(0).asText()).isEqualTo("portal-admin");

        // every placeholder is bound to a key of a Secret the README creates
        Set<String> created = secretKeysCreatedByTheReadme();
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(YAML.writeValueAsString(realm));
        Set<String> used = new TreeSet<>();
        while (placeholder.find()) {
            used.add(placeholder.group(1));
        }
        assertThat(used).isNotEmpty();
        for (String name : used) {
            JsonNode secret = realmImport.path("spec").path("placeholders").path(name).path("secret");
            assertThat(created).as("placeholder " + name).contains(secret.path("name").asText() + "/" + secret.path("key").asText());
        }
    }

    @Test
    void production_requires_one_time_passwords_of_administrators_and_the_demo_realm_keeps_its_password_logins()
            throws IOException {
        JsonNode demo = new ObjectMapper().readTree(REPO.resolve("deployment/keycloak/alliance-realm.json").toFile());
        JsonNode production = only(documents(FILES.resolve("realm-import.yaml")), "KeycloakRealmImport", "alliance")
                .path("spec").path("realm");

        // the browser flow production binds: an administrator's OTP subflow on the role, OTP itself required
        String browserFlow = production.path("browserFlow").asText();
        List<JsonNode> flows = list(production.path("authenticationFlows"));
        assertThat(flows).extracting(f -> f.path("alias").asText()).contains(browserFlow);
        JsonNode administrators = flows.stream().filter(f -> list(f.path("authenticationExecutions")).stream()
                .anyMatch(e -> e.path("authenticator").asText().equals("conditional-user-role")
                        && config(production, e).path("condUserRole").asText().equals("portal-admin")
                        && config(production, e).path("negate").asText().equals("false")))
                .findFirst().orElseThrow(() -> new AssertionError("no subflow conditional on the portal-admin role"));
        assertThat(list(administrators.path("authenticationExecutions")))
                .filteredOn(e -> e.path("authenticator").asText().equals("auth-otp-form"))
                .singleElement().satisfies(e -> assertThat(e.path("requirement").asText()).isEqualTo("REQUIRED"));

        // both realms: brute-force protection, forgot password, e-mail verification, a password policy; the demo
        // realm's policy is production's without the length the demo password does not have
        for (JsonNode realm : List.of(demo, production)) {
            assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
            assertThat(realm.path("resetPasswordAllowed").asBoolean()).isTrue();
            assertThat(realm.path("verifyEmail").asBoolean()).isTrue();
        }
        List<String> productionRules = List.of(production.path("passwordPolicy").asText().split(" and "));
        assertThat(productionRules).contains("length(12)");
        assertThat(demo.path("passwordPolicy").asText().split(" and ")).isNotEmpty()
                .allMatch(productionRules::contains).noneMatch(rule -> rule.startsWith("length"));
        // the demo logins work with a password alone: their e-mail verified, no OTP to set up, no flow asking for one
        assertThat(list(demo.path("users"))).filteredOn(u -> u.has("credentials"))
                .allMatch(u -> u.path("emailVerified").asBoolean() && !u.has("requiredActions"));
        assertThat(demo.has("browserFlow")).isFalse();
    }

    private static JsonNode config(JsonNode realm, JsonNode execution) {
        return list(realm.path("authenticatorConfig")).stream()
                .filter(c -> c.path("alias").asText().equals(execution.path("authenticatorConfig").asText()))
                .findFirst().map(c -> c.path("config")).orElse(YAML.createObjectNode());
    }

    /** The README's {@code kubectl create secret generic NAME --from-literal=KEY=...} lines, as NAME/KEY. */
    static Set<String> secretKeysCreatedByTheReadme() throws IOException {
        Set<String> keys = new TreeSet<>();
        String secret = null;
        for (String line : Files.readAllLines(FILES.resolve("README.md"))) {
            Matcher create = Pattern.compile("kubectl create secret generic ([a-z0-9-]+)").matcher(line);
            if (create.find()) {
                secret = create.group(1);
            }
            Matcher literal = Pattern.compile("--from-literal=([A-Za-z_]+)=").matcher(line);
            while (secret != null && literal.find()) {
                keys.add(secret + "/" + literal.group(1));
            }
        }
        return keys;
    }

    @Test
    void the_readme_creates_every_secret_the_portal_refuses_to_start_without() throws IOException {
        Set<String> created = secretKeysCreatedByTheReadme();
        for (String variable : List.of("QUARKUS_OIDC_CREDENTIALS_SECRET", "ALLIANCE_KEYCLOAK_ADMIN_SECRET",
                "ALLIANCE_SESSION_KEY", "ALLIANCE_FORM_KEY", "ALLIANCE_LINK_KEY", "ALLIANCE_LOG_SIGNING_KEY",
                "ALLIANCE_LOG_PUBLIC_KEY")) {
            assertThat(created).contains("alliance-portal-secrets/" + variable);
        }
    }

    private static List<String> names(JsonNode array, String field) {
        return list(array).stream().map(n -> n.path(field).asText()).sorted().toList();
    }
}
