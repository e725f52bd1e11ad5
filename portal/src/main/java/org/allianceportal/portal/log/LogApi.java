package org.allianceportal.portal.log;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.log.CanonicalJson;
import org.allianceportal.core.log.Checkpoint;
import org.allianceportal.core.log.Checkpoints;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.log.LogExport;
import org.allianceportal.core.log.LogTree;
import org.allianceportal.core.log.TransparencyLog;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.portal.web.CurrentActor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The transparency log for partners' own verification: entries with the exact leaf bytes that were
 * hashed, signed checkpoints, and RFC 9162 proofs. Works with the browser session and with bearer tokens;
 * without either, 401 (HttpErrors), except the public key.
 */
@Path("/api/v1")
@Tag(name = "Transparency log")
public class LogApi {

    static final int MAX_ENTRIES = 1000;

    /** One entry, decoded, with the base64 leaf bytes a verifier hashes. */
    public record Entry(long index, String recordedAt, String actorUserId, String actorName, String actorOrganisation,
            String action, String subjectType, long subjectId, Map<String, Object> payload, String leaf) {

        static Entry of(LogEntry e) {
            return new Entry(e.seq, e.recordedAt.toString(), e.actorUserId, e.actorName, e.actorOrganisation, e.action,
                    e.subjectType, e.subjectId, CanonicalJson.read(e.payload),
                    Base64.getEncoder().encodeToString(e.leafBytes()));
        }
    }

    public record InclusionProof(long index, long treeSize, String leafHash, List<String> proof) {
    }

    public record ConsistencyProof(long first, long second, List<String> proof) {
    }

    @Inject
    CurrentActor current;

    @Inject
    TransparencyLog log;

    @Inject
    LogTree tree;

    @Inject
    Checkpoints checkpoints;

    @Inject
    AllianceService alliances;

    @GET
    @Path("alliances/{allianceId}/log/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Entries [start, end) in log order, at most 1000 per call")
    public List<Entry> entries(@PathParam("allianceId") long allianceId, @QueryParam("start") @DefaultValue("0") long start,
            @QueryParam("end") Long end) {
        long to = end == null ? start + MAX_ENTRIES : Math.min(end, start + MAX_ENTRIES);
        if (start < 0 || to < start) {
            throw new BadRequestException("start and end must satisfy 0 <= start <= end");
        }
        return log.range(current.get(), allianceId, start, to).stream().map(Entry::of).toList();
    }

    @GET
    @Path("alliances/{allianceId}/log/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The latest signed checkpoint (C2SP signed note), or the one of tree size 'size'")
    public String checkpoint(@PathParam("allianceId") long allianceId, @QueryParam("size") Long size) {
        scope(allianceId);
        if (size == null) {
            return latest(allianceId).note;
        }
        return Checkpoint.ofSize(allianceId, size)
                .orElseThrow(() -> new NotFoundException("no checkpoint was signed at size " + size)).note;
    }

    @GET
    @Path("alliances/{allianceId}/log/proof/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "RFC 9162 inclusion proof of entry 'index' in the tree of 'size' entries")
    public InclusionProof inclusion(@PathParam("allianceId") long allianceId, @QueryParam("index") long index,
            @QueryParam("size") long size) {
        scope(allianceId);
        checkSize(allianceId, size);
        if (index < 0 || index >= size) {
            throw new BadRequestException("index must be below size");
        }
        LogEntry entry = log.range(current.get(), allianceId, index, index + 1).get(0);
        return new InclusionProof(index, size, b64(Merkle.leafHash(entry.leafBytes())),
                tree.inclusionProof(allianceId, index, size).stream().map(LogApi::b64).toList());
    }

    @GET
    @Path("alliances/{allianceId}/log/proof/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "RFC 9162 consistency proof between the trees of 'first' and 'second' entries")
    public ConsistencyProof consistency(@PathParam("allianceId") long allianceId, @QueryParam("first") long first,
            @QueryParam("second") long second) {
        scope(allianceId);
        checkSize(allianceId, second);
        if (first < 0 || first > second) {
            throw new BadRequestException("first must be between 0 and second");
        }
        return new ConsistencyProof(first, second,
                tree.consistencyProof(allianceId, first, second).stream().map(LogApi::b64).toList());
    }

    @GET
    @Path("alliances/{allianceId}/log/export")
    @Produces("application/x-ndjson")
    @Operation(summary = "The whole log as JSON lines, closed by a line with the base64 signed checkpoint")
    public Response export(@PathParam("allianceId") long allianceId) {
        scope(allianceId);
        LogExport export = log.export(current.get(), allianceId, latest(allianceId));
        StreamingOutput body = export::writeTo;
        return Response.ok(body).header("Content-Disposition",
                "attachment; filename=\"alliance-" + allianceId + "-log-" + export.treeSize() + ".jsonl\"").build();
    }

    /** What an auditor needs before anything else, so it needs no login. */
    @GET
    @Path("log/public-key")
    @Produces(MediaType.TEXT_PLAIN)
    @PermitAll
    @Operation(summary = "The checkpoint verifier key (name+keyid+base64 key) and its SHA-256 fingerprint; no login needed")
    public String publicKey() {
        return checkpoints.verifierKey() + "\nfingerprint " + checkpoints.fingerprint() + "\n";
    }

    /** 404 unless the actor's organisation is party to the alliance. */
    private void scope(long allianceId) {
        alliances.get(current.get(), allianceId);
    }

    /** Entries newer than the latest checkpoint wait for the next one; a new alliance may have none for a moment. */
    private Checkpoint latest(long allianceId) {
        return checkpoints.latest(allianceId).orElseThrow(() ->
                new NotFoundException("no checkpoint of this log has been signed yet; one is signed moments after each change"));
    }

    private void checkSize(long allianceId, long size) {
        if (size < 0 || size > log.size(allianceId)) {
            throw new BadRequestException("the log of alliance " + allianceId + " has fewer than " + size + " entries");
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
