package org.allianceportal.deployment;

import java.io.BufferedReader;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole Alliance Portal stack (PostgreSQL, Keycloak with the demo realm, the portal with demo
 * data), started and stopped through the real launcher {@code deployment/stack.sh} on ports and a
 * database of its own, so it can run next to a developer's stack.
 *
 * <p>One stack serves the whole test run: every end-to-end class registers {@link #shared()}, the first
 * one starts it (about a minute) and JUnit stops it when the run ends (it is kept in the root
 * extension context's store, which closes what it holds last). The classes share its demo data, so each
 * one makes records of its own and asserts on those.
 *
 * <p>Every run is fresh: a leftover stack of an aborted run is stopped first, the portal database is
 * recreated ({@code ALLIANCE_FRESH_DB=1}) and Keycloak's own database is removed, so the realm is
 * imported again from {@code deployment/keycloak/alliance-realm.json}.
 */
public final class AllianceStack implements BeforeAllCallback {

    public static final int PORTAL_PORT = 18080;
    public static final int KEYCLOAK_PORT = 18180;
    public static final String PORTAL_URL = "http://localhost:" + PORTAL_PORT;
    public static final String KEYCLOAK_URL = "http://localhost:" + KEYCLOAK_PORT;

    private static final long LAUNCHER_TIMEOUT_MINUTES = 10;
    private static final int TAIL_LINES = 40;

    /** The stack's SMTP server: a real one (GreenMail) that keeps what it receives for the tests to read. */
    public static final int SMTP_PORT = 13025;

    /** How often the portal compares its people with Keycloak's (ALLIANCE_RECONCILE_EVERY), short for the tests. */
    public static final String RECONCILE_EVERY = "5s";

    private static final AllianceStack SHARED = new AllianceStack();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AllianceStack.class);

    /** Why the shared stack did not start, so the next class fails at once instead of trying again for minutes. */
    private static volatile Throwable startFailure;

    private final Path repo;
    private final Path home;
    private final GreenMail mailbox = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    /** The one stack of this test run; register it with {@code @RegisterExtension} in every end-to-end class. */
    public static AllianceStack shared() {
        return SHARED;
    }

    private AllianceStack() {
        String repoProperty = System.getProperty("alliance.repo");
        this.repo = (repoProperty != null ? Path.of(repoProperty) : Path.of("..")).toAbsolutePath().normalize();
        this.home = repo.resolve("deployment/target/e2e-stack");
    }

    /** Where this stack keeps its state and logs (deployment/target/e2e-stack). */
    public Path home() {
        return home;
    }

    public Path repo() {
        return repo;
    }

    /** Every e-mail the portal sent during this run. */
    public GreenMail mailbox() {
        return mailbox;
    }

    /** Starts the stack for the first class of the run; the root store stops it after the last one. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (startFailure != null) {
            throw new IllegalStateException("the shared stack failed to start for an earlier class", startFailure);
        }
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(AllianceStack.class, key -> {
            try {
                start();
            } catch (RuntimeException | Error e) {
                startFailure = e;
                stop(); // whatever did start
                throw e;
            }
            return (AutoCloseable) this::stop;
        }, AutoCloseable.class);
    }

    private void start() {
        Path portalJar = repo.resolve("portal/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(portalJar)) {
            // stack.sh would build it with Maven, inside this Maven run: ask for the build instead.
            throw new IllegalStateException("The portal is not built (" + portalJar + " is missing). Build it first: "
                    + "./mvnw -DskipTests package -pl portal -am (or ./mvnw verify from the root, which builds "
                    + "the portal before deployment).");
        }
        launcher("stop"); // a stack left behind by an aborted run
        mailbox.start();
        try {
            Files.createDirectories(home);
            deleteRecursively(home.resolve("keycloak/data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Launch start = launcher("start");
        if (start.exitCode() != 0) {
            throw new AssertionError("stack.sh start failed (exit " + start.exitCode() + ").\n"
                    + "--- launcher output (tail) ---\n" + start.tail() + "\n" + logTails());
        }
    }

    private void stop() {
        mailbox.stop();
        Launch stop = launcher("stop");
        if (stop.exitCode() != 0) {
            System.out.println("[e2e] stack.sh stop failed (exit " + stop.exitCode() + "):\n" + stop.tail());
        }
    }

    /** The last lines of the portal's and Keycloak's logs, for failure messages. */
    public String logTails() {
        return tail("portal", home.resolve("logs/portal.log")) + "\n" + tail("Keycloak", home.resolve("logs/keycloak.log"));
    }

    private record Launch(int exitCode, String tail) {
    }

    /** Runs {@code stack.sh <command>} with this stack's environment, streaming its output into the test log. */
    private Launch launcher(String command) {
        ProcessBuilder builder = new ProcessBuilder("bash", repo.resolve("deployment/stack.sh").toString(), command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("ALLIANCE_HOME", home.toString());
        env.put("PORTAL_PORT", String.valueOf(PORTAL_PORT));
        env.put("KEYCLOAK_PORT", String.valueOf(KEYCLOAK_PORT));
        env.put("ALLIANCE_DB", "alliance_e2e");
        env.put("ALLIANCE_FRESH_DB", "1");
        env.putIfAbsent("ALLIANCE_START_TIMEOUT", "240"); // 2 cores shared with parallel builds
        env.put("ALLIANCE_SMTP_HOST", "127.0.0.1");
        env.put("ALLIANCE_SMTP_PORT", String.valueOf(SMTP_PORT));
        env.put("ALLIANCE_SMTP_STARTTLS", "DISABLED");
        env.put("ALLIANCE_NOTIFICATIONS_REMINDERS_EVERY", "10s"); // reminders within the run, not a minute later
        env.put("ALLIANCE_RECONCILE_EVERY", RECONCILE_EVERY); // changes made in Keycloak's console show within seconds
        long started = System.nanoTime();
        System.out.println("[e2e] stack.sh " + command + " (ALLIANCE_HOME=" + home + ")");
        Deque<String> tail = new ArrayDeque<>();
        try {
            Process process = builder.start();
            Thread reader = new Thread(() -> copyLines(process, tail), "stack.sh " + command);
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(LAUNCHER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                reader.join(5_000);
                return new Launch(-1, "stack.sh " + command + " did not finish within " + LAUNCHER_TIMEOUT_MINUTES
                        + " minutes\n" + String.join("\n", snapshot(tail)));
            }
            reader.join(5_000);
            System.out.printf("[e2e] stack.sh %s: exit %d after %d s%n", command, process.exitValue(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            return new Launch(process.exitValue(), String.join("\n", snapshot(tail)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run deployment/stack.sh " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running stack.sh " + command, e);
        }
    }

    private static void copyLines(Process process, Deque<String> tail) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                System.out.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("[e2e] reading launcher output failed: " + e);
        }
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    private static String tail(String name, Path log) {
        if (!Files.isRegularFile(log)) {
            return "--- " + name + " log: none at " + log + " ---";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- " + name + " log (" + log + "), last " + Math.min(TAIL_LINES, lines.size()) + " lines ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "--- " + name + " log unreadable: " + e + " ---";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
