package org.allianceportal.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The offline log verifier as a partner runs it: {@code java -jar core/target/alliance-log-verifier.jar}
 * in a process of its own, on an export saved to disk, with a state folder of its own per alliance.
 * Exports, state folders and tampered copies live under {@code folder} (deployment/target/e2e-stack/log-verifier),
 * emptied at the start of each run because the stack's database is fresh too.
 */
public final class OfflineVerifier {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern ENTRIES_VERIFIED = Pattern.compile(": (\\d+) entries verified");
    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");
    private static final Pattern LEAF = Pattern.compile("\"leaf\":\"([A-Za-z0-9+/=]+)\"");

    /** One run: the exit code and everything the verifier printed (stdout and stderr). */
    public record Run(List<String> command, int exitCode, String output) {

        /** The "N entries verified" count of an OK run. */
        public long entriesVerified() {
            Matcher m = ENTRIES_VERIFIED.matcher(output);
            if (!m.find()) {
                throw new AssertionError("no 'N entries verified' in the verifier's output: " + output);
            }
            return Long.parseLong(m.group(1));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", output: " + output.strip();
        }
    }

    private final Path jar;
    private final Path folder;

    public OfflineVerifier(Path repo, Path folder) {
        this.jar = repo.resolve("core/target/alliance-log-verifier.jar");
        this.folder = folder;
    }

    /** Fails with the build command when the verifier jar is missing (the tests never build it). */
    public void requireBuilt() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The offline log verifier is not built (" + jar + " is missing). Build it "
                    + "first: ./mvnw package (or ./mvnw -DskipTests package -pl core), which writes "
                    + "core/target/alliance-log-verifier.jar.");
        }
    }

    /** Empties the folder: no state of an earlier run's (different) logs may be compared with this one's. */
    public void reset() throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(folder);
    }

    public Path folder() {
        return folder;
    }

    /** The state folder this verifier keeps for an alliance (what it saw last time). */
    public Path state(String name) {
        return folder.resolve("state").resolve(name);
    }

    /** Saves text (an export as downloaded) under the folder and returns its path. */
    public Path save(String fileName, String text) {
        try {
            Path file = folder.resolve(fileName);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java -jar alliance-log-verifier.jar --key KEY --state STATE --export EXPORT}, as a separate process. */
    public Run verify(String verifierKey, Path state, Path export) {
        requireBuilt();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--key", verifierKey, "--state", state.toString(), "--export", export.toString()));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            // The output is a line or two: reading it to the end before waiting cannot block the verifier.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the verifier did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            Run run = new Run(command, process.exitValue(), output);
            System.out.println("[e2e] " + String.join(" ", command) + "\n[e2e]   -> " + run);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the verifier: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the verifier", e);
        }
    }

    /** A copy of a state folder, for a run whose outcome must not touch the original. */
    public Path copyState(Path state, String name) {
        Path copy = folder.resolve("state").resolve(name);
        try (Stream<Path> paths = Files.walk(state)) {
            for (Path p : paths.sorted().toList()) {
                Path target = copy.resolve(state.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The export with the leaf of entry {@code index} altered by one base64 character (the first, so
     * the decoded bytes really change; the length stays), everything else byte for byte the same.
     */
    public static String alterLeaf(String export, long index) {
        List<String> lines = new ArrayList<>(List.of(export.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher entry = INDEX.matcher(line);
            if (!entry.find() || Long.parseLong(entry.group(1)) != index) {
                continue;
            }
            Matcher leaf = LEAF.matcher(line);
            if (!leaf.find()) {
                throw new AssertionError("entry " + index + " of the export has no base64 leaf: " + line);
            }
            int at = leaf.start(1);
            char replacement = line.charAt(at) == 'A' ? 'B' : 'A';
            lines.set(i, line.substring(0, at) + replacement + line.substring(at + 1));
            return String.join("\n", lines);
        }
        throw new AssertionError("no line for entry " + index + " in the export");
    }
}
