package org.allianceportal.portal.log;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.log.Checkpoint;
import org.allianceportal.core.log.Checkpoints;
import org.allianceportal.core.log.LogAudit;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.log.LogTree;
import org.allianceportal.core.log.TransparencyLog;
import org.allianceportal.core.log.TransparencyLog.Filter;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Inputs;

/** An alliance's history: the transparency log with filters, its verification state, and each entry's proof. */
@Path("/alliances/{allianceId}/history")
@Produces(MediaType.TEXT_HTML)
public class HistoryResource {

    static final int PAGE_SIZE = 50;

    /** What the page shows about trust in the log itself. */
    public record Verification(Checkpoint checkpoint, Optional<LogAudit.Finding> alarm, String fingerprint,
            String verifierKey) {
    }

    /** One entry's inclusion in the latest checkpoint, checked here and shown for checking elsewhere. */
    public record Proof(LogEntry entry, String leaf, String leafHash, Checkpoint checkpoint, String root,
            List<String> path, boolean verified) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance history(Alliance alliance, List<LogEntry> entries, Filter filter,
                List<String> organisations, int page, boolean hasNext, long matching, Verification verification);

        static native TemplateInstance proof(Alliance alliance, Proof proof);
    }

    @Inject
    CurrentActor current;

    @Inject
    AllianceService alliances;

    @Inject
    TransparencyLog log;

    @Inject
    LogTree tree;

    @Inject
    Checkpoints checkpoints;

    @Inject
    LogAudit audit;

    @GET
    public TemplateInstance history(@PathParam("allianceId") long allianceId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("actor") String actor,
            @QueryParam("organisation") String organisation, @QueryParam("action") String action,
            @QueryParam("subjectType") String subjectType, @QueryParam("subjectId") String subjectId) {
        Alliance alliance = alliances.get(current.get(), allianceId);
        Filter filter = new Filter(actor, organisation, action, subjectType, Inputs.id(subjectId));
        int safePage = Math.max(page, 0);
        long matching = log.count(allianceId, filter);
        return Templates.history(alliance, log.page(allianceId, filter, safePage, PAGE_SIZE), filter,
                log.actorOrganisations(allianceId), safePage, (long) (safePage + 1) * PAGE_SIZE < matching, matching,
                new Verification(checkpoints.current(allianceId), audit.latestAlarm(allianceId),
                        checkpoints.fingerprint(), checkpoints.verifierKey()));
    }

    @GET
    @Path("{index}/proof")
    public TemplateInstance proof(@PathParam("allianceId") long allianceId, @PathParam("index") long index) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        Checkpoint checkpoint = checkpoints.current(allianceId);
        LogEntry entry = log.range(actor, allianceId, index, index + 1).stream().findFirst()
                .filter(e -> e.seq < checkpoint.treeSize)
                .orElseThrow(() -> new NotFound("Log entry", index));
        byte[] leafHash = Merkle.leafHash(entry.leafBytes());
        List<byte[]> path = tree.inclusionProof(allianceId, index, checkpoint.treeSize);
        HexFormat hex = HexFormat.of();
        return Templates.proof(alliance, new Proof(entry, new String(entry.leafBytes(), StandardCharsets.UTF_8),
                hex.formatHex(leafHash), checkpoint, hex.formatHex(checkpoint.rootHash),
                path.stream().map(hex::formatHex).toList(),
                Merkle.verifyInclusion(index, checkpoint.treeSize, leafHash, path, checkpoint.rootHash)));
    }
}
