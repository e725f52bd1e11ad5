package org.allianceportal.portal.operations;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Keycloak's realm answers: without it nobody can log in and no token can be checked.
 * (The database has its own readiness check, from the datasource.) Liveness does not depend on it, so a
 * Keycloak outage takes replicas out of the load balancer without restarting them.
 */
@Readiness
@ApplicationScoped
public class KeycloakReadiness implements HealthCheck {

    static final String NAME = "Keycloak realm";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Override
    public HealthCheckResponse call() {
        var answer = HealthCheckResponse.named(NAME).withData("url", realm);
        try {
            HttpResponse<Void> realmPage = http.send(HttpRequest.newBuilder(URI.create(realm)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.status(realmPage.statusCode() == 200).withData("status", realmPage.statusCode()).build();
        } catch (IOException e) {
            return answer.down().withData("error", e.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer.down().withData("error", "interrupted").build();
        }
    }
}
