package org.allianceportal.portal.health;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.allianceportal.core.health.HealthSnapshot;
import org.allianceportal.core.health.HealthWarning;
import org.allianceportal.core.health.SignalRow;
import org.allianceportal.core.health.TrustHealth;
import org.allianceportal.portal.web.Csv;
import org.allianceportal.portal.web.CurrentActor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An alliance's trust health as JSON and CSV, for the parties' own reports: the same figures as the page. */
@Path("/api/v1/alliances/{allianceId}/health")
@Tag(name = "Trust health")
public class HealthApi {

    /** The page's content: the index (null while there is no record), signals, open warnings' reasons, snapshots. */
    public record Health(long allianceId, Integer index, boolean hasRecord, int windowDays, String asOf,
            List<Signal> signals, List<Warning> warnings, List<Snapshot> snapshots, List<Loss> losses) {
    }

    public record Signal(String name, String organisation, Number value, Integer threshold, String label,
            boolean crossed) {
    }

    /** One reason of an open warning. */
    public record Warning(String reason, String organisation, long warningId, String raisedAt, boolean urgent,
            Integer index) {
    }

    public record Snapshot(String week, Integer index) {
    }

    public record Loss(String signal, String organisation, int points, String reason, String subjectType,
            List<Long> ids) {
    }

    @Inject
    CurrentActor current;

    @Inject
    TrustHealth health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The trust-health index, its signals, the open warnings and the weekly snapshots")
    public Health get(@PathParam("allianceId") long allianceId) {
        TrustHealth.Health h = health.of(current.get(), allianceId);
        List<Warning> warnings = new ArrayList<>();
        for (HealthWarning w : h.open()) {
            w.reasons().forEach(r -> warnings.add(new Warning(r.reason(), r.organisation(), w.id,
                    w.raisedAt.toString(), w.urgent, w.index)));
        }
        return new Health(allianceId, h.score().index(), h.reading().hasRecord(), h.reading().windowDays(),
                h.reading().asOf().toString(),
                h.signals().stream().map(s -> new Signal(s.name(), s.organisation(), s.value(), s.threshold(),
                        s.label(), s.crossed())).toList(),
                warnings,
                h.trend().stream().map(s -> new Snapshot(s.week.toString(), s.index)).toList(),
                h.score().losses().stream().map(l -> new Loss(l.signal(), l.organisation(), l.points(), l.reason(),
                        l.subjectType(), l.ids())).toList());
    }

    @GET
    @Path("signals.csv")
    @Produces("text/csv")
    @Operation(summary = "Every signal of every party, one row each")
    public Response signals(@PathParam("allianceId") long allianceId) {
        TrustHealth.Health h = health.of(current.get(), allianceId);
        StringBuilder csv = new StringBuilder(Csv.row(List.of("signal", "organisation", "value", "threshold")));
        for (SignalRow s : h.signals()) {
            csv.append(Csv.row(java.util.Arrays.asList(s.name(), s.organisation(), s.value(), s.threshold())));
        }
        return attachment(csv, "trust-health-signals.csv");
    }

    @GET
    @Path("snapshots.csv")
    @Produces("text/csv")
    @Operation(summary = "The weekly snapshots of the last 26 weeks")
    public Response snapshots(@PathParam("allianceId") long allianceId) {
        TrustHealth.Health h = health.of(current.get(), allianceId);
        StringBuilder csv = new StringBuilder(Csv.row(List.of("week", "index", "taken_at")));
        for (HealthSnapshot s : h.trend()) {
            csv.append(Csv.row(java.util.Arrays.asList(s.week, s.index, s.takenAt)));
        }
        return attachment(csv, "trust-health-snapshots.csv");
    }

    private static Response attachment(StringBuilder csv, String name) {
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
