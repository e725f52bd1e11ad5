package org.allianceportal.core.log.merkle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verifier a partner runs on its own machine, with no access to the portal's database: it reads
 * an alliance's log export (a file, or the portal's export URL with a bearer token), checks the
 * checkpoint's signature, re-derives the root from every leaf, and checks that the log extends what
 * it saw last time (kept in its own state folder). Exit code 0: verified; 1: the log does not verify
 * (the first bad index is named); 2: wrong usage or unreadable input.
 *
 * <pre>
 * java -jar alliance-log-verifier.jar --key 'alliance-portal.local+1a2b3c4d+AV...' --state ~/.alliance-log/7 \
 *      (--export alliance-7-log.jsonl | --url https://portal/api/v1/alliances/7/log/export --token $TOKEN)
 * </pre>
 *
 * JDK only, like the rest of this package, so it ships as a small jar of its own.
 */
public final class LogVerifier {

    private static final Pattern LEAF = Pattern.compile("\"leaf\":\"([A-Za-z0-9+/=]*)\"");
    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");
    private static final Pattern CHECKPOINT = Pattern.compile("\"checkpoint\":\"([A-Za-z0-9+/=]*)\"");

    /** What the verification found: verified, or the first index that does not verify and why. */
    public record Result(boolean verified, long size, long firstBadIndex, String message) {
        static Result ok(long size, String message) {
            return new Result(true, size, -1, message);
        }

        static Result bad(long size, long index, String message) {
            return new Result(false, size, index, message);
        }
    }

    private LogVerifier() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--key") || !options.containsKey("--state")
                || options.containsKey("--export") == options.containsKey("--url")) {
            System.err.println("usage: java -jar alliance-log-verifier.jar --key VERIFIER_KEY --state FOLDER"
                    + " (--export FILE | --url EXPORT_URL [--token BEARER_TOKEN])");
            System.exit(2);
        }
        try {
            String export = options.containsKey("--export")
                    ? Files.readString(Path.of(options.get("--export")), StandardCharsets.UTF_8)
                    : fetch(options.get("--url"), options.get("--token"));
            Result result = verify(export, options.get("--key"), Path.of(options.get("--state")));
            System.out.println((result.verified() ? "OK: " : "FAILED: ") + result.message());
            System.exit(result.verified() ? 0 : 1);
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            System.err.println("cannot verify: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Verifies an export against the key and the state kept in {@code state}, and saves the new state if it verifies. */
    public static Result verify(String export, String verifierKey, Path state) throws IOException {
        Map.Entry<String, PublicKey> key = SignedNote.parseVerifierKey(verifierKey);
        List<byte[]> leafHashes = new ArrayList<>();
        String note = null;
        for (String line : export.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher checkpoint = CHECKPOINT.matcher(line);
            if (checkpoint.find()) {
                note = new String(Base64.getDecoder().decode(checkpoint.group(1)), StandardCharsets.UTF_8);
                continue;
            }
            Matcher leaf = LEAF.matcher(line);
            Matcher index = INDEX.matcher(line);
            if (!leaf.find() || !index.find()) {
                return Result.bad(-1, leafHashes.size(), "line " + (leafHashes.size() + 1) + " is not a log entry");
            }
            if (Long.parseLong(index.group(1)) != leafHashes.size()) {
                return Result.bad(-1, leafHashes.size(), "entry " + leafHashes.size() + " is missing or out of order");
            }
            leafHashes.add(Merkle.leafHash(Base64.getDecoder().decode(leaf.group(1))));
        }
        if (note == null) {
            return Result.bad(-1, 0, "the export has no checkpoint");
        }
        Optional<SignedNote.Checkpoint> opened = SignedNote.open(note, key.getKey(), key.getValue());
        if (opened.isEmpty()) {
            return Result.bad(-1, 0, "the checkpoint's signature does not verify with key " + key.getKey());
        }
        SignedNote.Checkpoint checkpoint = opened.get();
        Saved saved = Saved.read(state);
        long firstChange = saved.firstDifference(leafHashes);
        if (firstChange >= 0) {
            return Result.bad(checkpoint.size(), firstChange, "entry " + firstChange
                    + " differs from (or is missing against) what this verifier saw at size " + saved.size());
        }
        if (saved.origin() != null && !saved.origin().equals(checkpoint.origin())) {
            return Result.bad(checkpoint.size(), 0, "this state belongs to " + saved.origin() + ", not " + checkpoint.origin());
        }
        if (checkpoint.size() != leafHashes.size()) {
            return Result.bad(checkpoint.size(), Math.min(checkpoint.size(), leafHashes.size()), "the checkpoint covers "
                    + checkpoint.size() + " entries but the export has " + leafHashes.size());
        }
        MemoryTree tree = new MemoryTree();
        leafHashes.forEach(tree::add);
        byte[] root = tree.root();
        if (!Arrays.equals(root, checkpoint.root())) {
            // without earlier state nothing tells which entry changed: report the whole range
            return Result.bad(checkpoint.size(), 0, "the entries do not hash to the checkpoint's root; run the"
                    + " verifier regularly so that it can name the first changed entry");
        }
        if (saved.size() > 0 && !Arrays.equals(Merkle.root(saved.size(), tree), saved.root())) {
            return Result.bad(checkpoint.size(), 0, "the log does not extend the checkpoint saved at size " + saved.size());
        }
        new Saved(checkpoint.origin(), checkpoint.size(), root, note, leafHashes).write(state);
        return Result.ok(checkpoint.size(), checkpoint.origin() + ": " + checkpoint.size() + " entries verified"
                + (saved.size() > 0 ? ", consistent with the " + saved.size() + " seen before" : ", first check"));
    }

    private static String fetch(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The verifier's memory: the last verified checkpoint and every leaf hash it covered. */
    record Saved(String origin, long size, byte[] root, String note, List<byte[]> leafHashes) {

        static Saved read(Path folder) throws IOException {
            Path leaves = folder.resolve("leaf-hashes.bin");
            Path head = folder.resolve("checkpoint.txt");
            if (!Files.exists(head) || !Files.exists(leaves)) {
                return new Saved(null, 0, null, null, List.of());
            }
            String note = Files.readString(head, StandardCharsets.UTF_8);
            SignedNote.Checkpoint checkpoint = SignedNote.parse(note.substring(0, note.indexOf("\n\n") + 1))
                    .orElseThrow(() -> new IllegalArgumentException("unreadable state in " + head));
            byte[] all = Files.readAllBytes(leaves);
            List<byte[]> hashes = new ArrayList<>();
            for (int i = 0; i + Merkle.HASH_SIZE <= all.length; i += Merkle.HASH_SIZE) {
                hashes.add(Arrays.copyOfRange(all, i, i + Merkle.HASH_SIZE));
            }
            if (hashes.size() != checkpoint.size()) {
                throw new IllegalArgumentException("state in " + folder + " is incomplete");
            }
            return new Saved(checkpoint.origin(), checkpoint.size(), checkpoint.root(), note, hashes);
        }

        /** The first index where the new leaves differ from the saved ones, or are missing; -1 if none. */
        long firstDifference(List<byte[]> newLeaves) {
            for (int i = 0; i < leafHashes.size(); i++) {
                if (i >= newLeaves.size() || !Arrays.equals(leafHashes.get(i), newLeaves.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        void write(Path folder) throws IOException {
            Files.createDirectories(folder);
            byte[] all = new byte[leafHashes.size() * Merkle.HASH_SIZE];
            for (int i = 0; i < leafHashes.size(); i++) {
                System.arraycopy(leafHashes.get(i), 0, all, i * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
            }
            Files.write(folder.resolve("leaf-hashes.bin"), all);
            Files.writeString(folder.resolve("checkpoint.txt"), note, StandardCharsets.UTF_8);
        }
    }
}
