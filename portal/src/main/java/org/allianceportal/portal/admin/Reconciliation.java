package org.allianceportal.portal.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.allianceportal.core.admin.Directory.DirectoryFailure;
import org.allianceportal.core.admin.Directory.Member;
import org.allianceportal.core.admin.PeopleAdministration;
import org.allianceportal.core.alliance.Membership;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.portal.operations.OneReplicaAtATime;
import org.jboss.logging.Logger;

/**
 * Notices what was changed in Keycloak's own console rather than through the portal: a person disabled
 * there, or taken out of their organisation, loses access here too, recorded like the same change made
 * in the portal (by "Alliance Portal"). Only revocations are mirrored: access is given only through the
 * portal, where the rules and the record are.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    @Inject
    KeycloakDirectory directory;

    @Inject
    PeopleAdministration people;

    @Inject
    OneReplicaAtATime jobs;

    @Scheduled(every = "${alliance.admin.reconcile-every:5m}", delayed = "${alliance.jobs.first-run-after:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        jobs.run("reconcile-with-keycloak", () -> {
            try {
                reconcile();
            } catch (DirectoryFailure e) {
                LOG.warnf("Reconciliation with Keycloak skipped: %s", e.getMessage());
            }
        });
    }

    /** Compares each organisation's people with Keycloak's; returns how many revocations it mirrored. */
    public int reconcile() {
        int mirrored = 0;
        List<Organisation> organisations = QuarkusTransaction.requiringNew()
                .call(() -> Organisation.<Organisation>list("disabledAt is null"));
        for (Organisation organisation : organisations) {
            Map<String, Member> inKeycloak = directory.members(organisation.keycloakAlias).stream()
                    .collect(Collectors.toMap(Member::userId, Function.identity(), (a, b) -> a));
            List<Membership> withAccess = QuarkusTransaction.requiringNew().call(() -> Membership.<Membership>list(
                    "organisation = ?1 and status in ?2", organisation,
                    List.of(MembershipStatus.INVITED, MembershipStatus.ACTIVE)));
            for (Membership person : withAccess) {
                Member there = inKeycloak.get(person.userId);
                MembershipStatus now = there == null ? MembershipStatus.REMOVED
                        : there.enabled() ? null : MembershipStatus.DISABLED;
                if (now != null) {
                    LOG.infof("Keycloak says %s of %s is %s; mirroring", person.displayName, organisation.name, now);
                    people.mirrorRevocation(person, now, Instant.now().getEpochSecond());
                    mirrored++;
                }
            }
        }
        return mirrored;
    }
}
