package org.allianceportal.bench.pages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real portal, as built (portal/target/quarkus-app, prod profile), with Keycloak and the demo realm,
 * started through deployment/stack.sh on ports and a database of its own (28080, 28180, alliance_bench),
 * so it runs next to a developer's stack and the end-to-end tests' one. Its state is in
 * bench/target/page-stack; the database is recreated, so every run starts from the demo data.
 */
final class BenchStack implements AutoCloseable {

    static final int PORTAL_PORT = 28080;
    static final int KEYCLOAK_PORT = 28180;
    static final String PORTAL_URL = "http://localhost:" + PORTAL_PORT;
    static final String KEYCLOAK_URL = "http://localhost:" + KEYCLOAK_PORT;
    static final String DATABASE = "alliance_bench";

    private final Path repo;
    private final Path home;

    BenchStack(Path repo) {
        this.repo = repo;
        this.home = repo.resolve("bench/target/page-stack");
    }

    /** Stops a stack an aborted run left behind, then starts afresh with the portal's database behind {@code databasePort}. */
    void start(int databasePort) throws IOException, InterruptedException {
        Path jar = repo.resolve("portal/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The page benchmark runs the built portal, and " + jar + " is missing. Build it "
                    + "first: ./mvnw -Pbench install -DskipTests (or ./mvnw -DskipTests package -pl portal -am).");
        }
        launch("stop", databasePort, false);
        Files.createDirectories(home);
        deleteRecursively(home.resolve("keycloak/data"));
        launch("start", databasePort, true);
    }

    /**
     * Starts the portal again with its database behind {@code databasePort}, keeping Keycloak, the data and the
     * keys (sessions stay valid).
     */
    void restartPortal(int databasePort) throws Exception {
        Path pidFile = home.resolve("portal.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle portal = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the portal is not running"));
        portal.destroy();
        portal.onExit().get(60, TimeUnit.SECONDS);
        launch("start", databasePort, false);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        launch("stop", 5432, false);
    }

    String portalLog() throws IOException {
        Path log = home.resolve("logs/portal.log");
        if (!Files.isRegularFile(log)) {
            return "(no portal log at " + log + ")";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private void launch(String command, int databasePort, boolean fresh) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", repo.resolve("deployment/stack.sh").toString(), command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("ALLIANCE_HOME", home.toString());
        env.put("PORTAL_PORT", String.valueOf(PORTAL_PORT));
        env.put("KEYCLOAK_PORT", String.valueOf(KEYCLOAK_PORT));
        env.put("ALLIANCE_DB", DATABASE);
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", String.valueOf(databasePort));
        env.put("ALLIANCE_FRESH_DB", fresh ? "1" : "0");
        env.put("DEMO_MAILBOX_PORT", "28025");
        env.putIfAbsent("ALLIANCE_START_TIMEOUT", "240");
        // Only the pages run: every statement counted and every request timed is a page's, not a job's.
        env.put("QUARKUS_SCHEDULER_ENABLED", "false");
        System.out.println("[pages] stack.sh " + command + " (ALLIANCE_HOME=" + home + ", database port " + databasePort + ")");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("stack.sh " + command + " did not finish within 10 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("stack.sh " + command + " failed (exit " + process.exitValue() + "); portal log:\n"
                    + portalLog());
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
