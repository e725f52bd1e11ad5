package org.allianceportal.bench.pages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The portal's resident memory as the demo launcher runs it: {@code deployment/stack.sh start} (a state folder,
 * ports and database of its own; the launcher's explicit heap; the scheduled jobs on),
 * VmRSS of the portal's process from /proc, idle, then while 20 people, each logged in with a session of their
 * own (PortalSession: Keycloak's login pages), open pages for 30 s, then idle again. Writes
 * bench/results/memory.md; asserts only that the pages answered. Needs the portal built
 * (./mvnw -pl portal -am package -DskipTests) and Keycloak unpacked (stack.sh fetches it when missing).
 */
class MemoryBench {

    static final int PORTAL_PORT = 19080;
    static final int KEYCLOAK_PORT = 19180;

    static final int CLIENTS = 20;
    static final Duration LOAD = Duration.ofSeconds(30);
    static final Duration SETTLE = Duration.ofSeconds(45);
    static final List<String> PEOPLE = List.of("alice", "bruno", "ivan", "anna", "bella");

    final Path repo = Path.of("..").toAbsolutePath().normalize();
    final Path home = repo.resolve("bench/target/memory-stack");

    @Test
    void measure() throws Exception {
        launcher("stop");
        BenchStack.deleteRecursively(home.resolve("keycloak/data")); // the realm imported afresh, as the repository has it
        if (launcher("start") != 0) {
            throw new AssertionError("stack.sh start failed; see " + home.resolve("logs"));
        }
        try {
            long pid = Long.parseLong(Files.readString(home.resolve("portal.pid")).strip());
            String heap = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ')
                    .replaceAll(".*?(-Xmx\\S+).*", "$1");

            Thread.sleep(SETTLE.toMillis()); // the first runs of the scheduled jobs, then quiet
            long idle = rss(pid);

            List<PortalSession> clients = new ArrayList<>();
            List<List<String>> pagesOf = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                PortalSession client = new PortalSession("http://localhost:" + PORTAL_PORT);
                client.logIn(PEOPLE.get(i % PEOPLE.size()), System.getProperty("bench.demo-password", "demo"));
                clients.add(client);
                pagesOf.add(pagesOf(client));
            }
            String loadBefore = loadAverage();
            AtomicLong requests = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            Set<Integer> statuses = new TreeSet<>();
            Instant end = Instant.now().plus(LOAD);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                PortalSession client = clients.get(c);
                List<String> pages = pagesOf.get(c);
                running.add(pool.submit(() -> {
                    for (int n = 0; Instant.now().isBefore(end); n++) {
                        int status;
                        try {
                            status = client.fetch(pages.get(n % pages.size())).status();
                        } catch (IOException e) {
                            status = -1; // counted with the pages that did not answer 200
                        }
                        requests.incrementAndGet();
                        if (status != 200) {
                            failures.incrementAndGet();
                            synchronized (statuses) {
                                statuses.add(status);
                            }
                        }
                    }
                    return null;
                }));
            }
            long peak = 0;
            while (Instant.now().isBefore(end)) {
                peak = Math.max(peak, rss(pid));
                Thread.sleep(500);
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
            long underLoad = rss(pid);
            String loadAtEnd = loadAverage();
            Thread.sleep(SETTLE.toMillis());
            long after = rss(pid);

            Path results = Path.of(System.getProperty("bench.results", "results"));
            Files.createDirectories(results);
            Files.writeString(results.resolve("memory.md"), String.format(Locale.ROOT, """
                    # Memory benchmark

                    Run %s on %d cores, Java %s: the demo stack as `deployment/stack.sh start` runs it (PostgreSQL,
                    Keycloak, the portal with the demo world and its demo mailbox), the portal with the launcher's
                    heap `%s` (`ALLIANCE_PORTAL_HEAP`). Resident memory is VmRSS of the portal's process
                    (/proc/PID/status). Load: %d people with a session each (logged in through Keycloak's login form,
                    the five demo logins in turn) opening the dashboard, both alliance pages and their concern,
                    commitment and history pages, one request after another, for %d s.

                    | moment | resident memory |
                    |---|---|
                    | idle, %d s after start | %d MiB |
                    | peak under load (sampled every 0.5 s) | %d MiB |
                    | at the end of the load | %d MiB |
                    | idle again, %d s later | %d MiB |

                    %,d pages served under load (%.0f per second), %d not answered 200%s. The machine's load average
                    (1 min) was %s before and %s at the end of the load: the pages per second depend on what else ran.
                    Before the heap was set (the JVM's default maximum, a quarter of the machine's memory) the demo
                    portal reached 6.3 GB after a few minutes of load. In the container image the heap follows the
                    container's limit instead (`-XX:MaxRAMPercentage`, deployment/kubernetes/README.md).
                    """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    heap, CLIENTS, LOAD.toSeconds(), SETTLE.toSeconds(), idle, peak, underLoad, SETTLE.toSeconds(), after,
                    requests.get(), requests.get() / (double) LOAD.toSeconds(), failures.get(),
                    statuses.isEmpty() ? "" : " (statuses " + statuses + ")", loadBefore, loadAtEnd));
            if (failures.get() > 0) {
                throw new AssertionError(failures.get() + " pages did not answer 200: " + statuses);
            }
        } finally {
            launcher("stop");
        }
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Resident memory of a process in MiB (VmRSS of /proc/PID/status, which counts in KiB). */
    static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    int launcher(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", repo.resolve("deployment/stack.sh").toString(), command)
                .directory(repo.toFile()).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("ALLIANCE_HOME", home.toString());
        // ports of its own (the demo realm lets this portal address in), so it runs beside the page benchmark
        env.put("PORTAL_PORT", String.valueOf(PORTAL_PORT));
        env.put("KEYCLOAK_PORT", String.valueOf(KEYCLOAK_PORT));
        env.put("DEMO_MAILBOX_PORT", "19025");
        env.put("ALLIANCE_DB", "alliance_bench_memory");
        env.put("ALLIANCE_FRESH_DB", "1");
        env.put("ALLIANCE_START_TIMEOUT", "240");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("stack.sh " + command + " did not finish within 10 minutes");
        }
        return process.exitValue();
    }

    /** The dashboard, and each demo alliance the person may open (404 for the others) with its lists and history. */
    static List<String> pagesOf(PortalSession client) throws IOException, InterruptedException {
        List<String> pages = new ArrayList<>(List.of("/"));
        for (int alliance = 1; alliance <= 2; alliance++) { // the demo's two, on a fresh database
            String path = "/alliances/" + alliance;
            if (client.fetch(path).status() == 200) {
                pages.addAll(List.of(path, path + "/concerns", path + "/commitments", path + "/history"));
            }
        }
        return pages;
    }
}
