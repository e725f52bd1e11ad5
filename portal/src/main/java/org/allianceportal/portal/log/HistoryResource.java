package org.allianceportal.portal.log;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import org.allianceportal.core.log.TransparencyLog.SubjectName;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.core.shared.DomainException.NotFound;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Inputs;
import org.allianceportal.portal.web.Viewer;
import org.jboss.resteasy.reactive.RestQuery;

/** An alliance's history: the transparency log with filters, its verification state, and each entry's proof. */
@Path("/alliances/{allianceId}/history")
@Produces(MediaType.TEXT_HTML)
public class HistoryResource {

    static final int PAGE_SIZE = 50;

    /** Matching entries are counted up to this many; beyond, the page says "more than 1000". */
    static final int COUNT_LIMIT = 1000;

    /** What the page shows about trust in the log itself; no checkpoint (null) for a moment after an alliance starts. */
    public record Verification(Checkpoint checkpoint, Optional<LogAudit.Finding> alarm, String fingerprint,
            String verifierKey) {

        /** Entries below this have a proof; later ones wait for the next checkpoint. */
        public long signedSize() {
            return checkpoint == null ? 0 : checkpoint.treeSize;
        }
    }

    /**
     * One line of the history: the entry, what happened as a sentence, and the commitment, concern or check-in
     * it is about by its name, linked (null for subjects without a page: the alliance, a person, an organisation).
     */
    public record Line(LogEntry entry, String sentence, String subject, String href) {
    }

    /**
     * One entry's inclusion in the latest checkpoint, checked here and shown for checking elsewhere; for an
     * entry newer than the latest checkpoint, pending (no checkpoint, root nor path) until the next one.
     */
    public record Proof(LogEntry entry, String leaf, String leafHash, Checkpoint checkpoint, String root,
            List<String> path, boolean verified) {

        public boolean pending() {
            return checkpoint == null;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance history(Alliance alliance, List<Line> lines, Filter filter, String filterParams,
                List<String> organisations, TransparencyLog.Page page, long matching, int countLimit,
                Verification verification);

        static native TemplateInstance proof(Alliance alliance, Proof proof, String sentence);
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

    @Inject
    Viewer viewer;

    /**
     * The log newest first, 50 entries a page: keyset pagination on the sequence number ("older" reads before
     * the page's last entry, "newer" after its first), the position and the filters in the URL.
     */
    @GET
    public TemplateInstance history(@PathParam("allianceId") long allianceId, @RestQuery String before,
            @RestQuery String after, @RestQuery String actor, @RestQuery String organisation, @RestQuery String action,
            @RestQuery String subjectType, @RestQuery String subjectId) {
        Alliance alliance = alliances.get(current.get(), allianceId);
        Filter filter = new Filter(actor, organisation, action, subjectType,
                Inputs.wholeNumber("subjectId", subjectId, "The subject no."));
        Long olderThan = Inputs.wholeNumber("before", before, "The page position");
        Long newerThan = Inputs.wholeNumber("after", after, "The page position");
        TransparencyLog.Page page = log.page(allianceId, filter, olderThan, newerThan, PAGE_SIZE);
        return Templates.history(alliance, lines(allianceId, page.entries()), filter, params(filter),
                log.actorOrganisations(allianceId), page, log.countUpTo(allianceId, filter, COUNT_LIMIT + 1), COUNT_LIMIT,
                new Verification(checkpoints.latest(allianceId).orElse(null), audit.latestAlarm(allianceId),
                        checkpoints.fingerprint(), checkpoints.verifierKey()));
    }

    /** The filters as a query string, for the links to the older and newer pages. */
    static String params(Filter f) {
        return "actor=" + Inputs.enc(f.actor()) + "&organisation=" + Inputs.enc(f.organisation()) + "&action="
                + Inputs.enc(f.action()) + "&subjectType=" + Inputs.enc(f.subjectType()) + "&subjectId="
                + (f.subjectId() == null ? "" : f.subjectId());
    }

    @GET
    @Path("{index}/proof")
    public TemplateInstance proof(@PathParam("allianceId") long allianceId, @PathParam("index") long index) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        LogEntry entry = log.range(actor, allianceId, index, index + 1).stream().findFirst()
                .orElseThrow(() -> new NotFound("Log entry", index));
        byte[] leafHash = Merkle.leafHash(entry.leafBytes());
        String leaf = new String(entry.leafBytes(), StandardCharsets.UTF_8);
        HexFormat hex = HexFormat.of();
        Proof proof = checkpoints.latest(allianceId).filter(c -> index < c.treeSize).map(checkpoint -> {
            List<byte[]> path = tree.inclusionProof(allianceId, index, checkpoint.treeSize);
            return new Proof(entry, leaf, hex.formatHex(leafHash), checkpoint, hex.formatHex(checkpoint.rootHash),
                    path.stream().map(hex::formatHex).toList(),
                    Merkle.verifyInclusion(index, checkpoint.treeSize, leafHash, path, checkpoint.rootHash));
        }).orElse(new Proof(entry, leaf, hex.formatHex(leafHash), null, null, List.of(), false));
        return Templates.proof(alliance, proof, LogSentences.sentence(entry, viewer.zone()));
    }

    /** The page's entries with their sentences and subjects, named with one query for the whole page. */
    private List<Line> lines(long allianceId, List<LogEntry> entries) {
        Map<String, SubjectName> names = new HashMap<>();
        for (SubjectName name : log.subjectNames(allianceId, entries)) {
            names.put(name.type() + ":" + name.id(), name);
        }
        String base = "/alliances/" + allianceId;
        return entries.stream().map(e -> {
            SubjectName name = names.get(e.subjectType + ":" + e.subjectId);
            String sentence = LogSentences.sentence(e, viewer.zone());
            if (name == null) {
                return new Line(e, sentence, null, null);
            }
            return switch (e.subjectType) {
                case "checkin" -> new Line(e, sentence, "Check-in of " + LogSentences.time(name.startsAt(), viewer.zone()),
                        base + "/check-ins/" + e.subjectId);
                default -> new Line(e, sentence, name.title(), base + "/" + e.subjectType + "s/" + e.subjectId);
            };
        }).toList();
    }
}
