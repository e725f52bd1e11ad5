package org.allianceportal.bench;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The portal's resident memory as the demo launcher runs it: {@code deployment/stack.sh start} (its own state
 * folder, ports and database; the launcher's explicit heap), VmRSS of the portal's process from /proc, idle,
 * then while 20 logged-in people (each with a session of their own, logged in through Keycloak's login form)
 * open pages for 30 s, then idle again. Writes bench/results/memory.md; asserts only that the pages answered.
 * Needs the portal built (./mvnw -pl portal -am package -DskipTests) and Keycloak unpacked (the deployment
 * module's generate-resources; stack.sh runs it when missing).
 */
class MemoryBench {

    static final int PORTAL_PORT = 19080;
    static final int KEYCLOAK_PORT = 19180;
    static final String PORTAL = "http://localhost:" + PORTAL_PORT;
    static final int CLIENTS = 20;
    static final Duration LOAD = Duration.ofSeconds(30);
    static final Duration SETTLE = Duration.ofSeconds(45);
    static final List<String> PEOPLE = List.of("alice", "bruno", "ivan", "anna", "bella");
    static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    static final Pattern ALLIANCE = Pattern.compile("href=\"(/alliances/\\d+)\"");

    final Path repo = Path.of("..").toAbsolutePath().normalize();
    final Path home = repo.resolve("bench/target/memory-stack");

    @Test
    void measure() throws Exception {
        launcher("stop");
        if (launcher("start") != 0) {
            throw new AssertionError("stack.sh start failed; see " + home.resolve("logs"));
        }
        try {
            allowPortalAddress();
            long pid = Long.parseLong(Files.readString(home.resolve("portal.pid")).strip());
            String heap = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ')
                    .replaceAll(".*?(-Xmx\\S+).*", "$1");

            Thread.sleep(SETTLE.toMillis()); // the first runs of the scheduled jobs, then quiet
            long idle = rss(pid);

            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Client.logIn(PEOPLE.get(i % PEOPLE.size())));
            }
            String loadBefore = loadAverage();
            AtomicLong requests = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            Set<Integer> statuses = new TreeSet<>();
            Instant end = Instant.now().plus(LOAD);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (Client client : clients) {
                running.add(pool.submit(() -> {
                    for (int n = 0; Instant.now().isBefore(end); n++) {
                        int status = client.get(client.pages.get(n % client.pages.size()));
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

    /**
     * Adds this portal's address to the demo realm's portal client (it lists the demo's and the end-to-end
     * tests' ports), as the README's troubleshooting says, through Keycloak's admin REST API.
     */
    static void allowPortalAddress() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String keycloak = "http://localhost:" + KEYCLOAK_PORT;
        String tokenAnswer = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=kcadmin&password=kcadmin"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String token = tokenAnswer.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        String clients = keycloak + "/admin/realms/alliance/clients";
        String client = http.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=portal"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        client = client.substring(1, client.length() - 1); // the only element of the list
        String id = client.replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
        String changed = client.replace("\"redirectUris\":[", "\"redirectUris\":[\"" + PORTAL + "/*\",");
        int status = http.send(HttpRequest.newBuilder(URI.create(clients + "/" + id)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(changed)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 204) {
            throw new AssertionError("Keycloak answered " + status + " to adding " + PORTAL + " to the portal client");
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

    /**
     * A cookie jar that keeps Keycloak's cookies on http://localhost: Keycloak marks them Secure, which browsers
     * accept there (localhost counts as a secure origin) and Java's CookieManager does not.
     */
    static final class LocalhostCookies extends CookieHandler {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return cookies.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> plain = new HashMap<>();
            headers.forEach((name, values) -> plain.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure", "")).toList() : values));
            cookies.put(uri, plain);
        }
    }

    /** One person's browser: a cookie jar of its own, logged in through Keycloak's login form. */
    record Client(HttpClient http, List<String> pages) {

        static Client logIn(String username) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new LocalhostCookies())
                    .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
            // the portal sends the visitor to Keycloak's login pages (the username, then the password: the realm's
            // Organizations ask for the username first); the last one redirects back to the portal
            HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(PORTAL + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (int page = 0; page < 3 && !home.uri().toString().startsWith(PORTAL); page++) {
                Matcher action = FORM_ACTION.matcher(home.body());
                if (!action.find()) {
                    throw new AssertionError("no Keycloak login form for " + username + " at " + home.uri());
                }
                String form = home.body().contains("name=\"password\"")
                        ? "username=" + encode(username) + "&password=" + encode(System.getProperty("bench.demo-password", "demo"))
                        : "username=" + encode(username);
                home = http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            }
            if (home.statusCode() != 200 || !home.uri().toString().startsWith(PORTAL)) {
                throw new AssertionError(username + " not logged in: " + home.statusCode() + " at " + home.uri());
            }
            List<String> pages = new ArrayList<>(List.of("/"));
            Matcher alliance = ALLIANCE.matcher(home.body());
            while (alliance.find()) {
                String path = alliance.group(1);
                if (!pages.contains(path)) {
                    pages.addAll(List.of(path, path + "/concerns", path + "/commitments", path + "/history"));
                }
            }
            return new Client(http, pages);
        }

        static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        int get(String path) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(PORTAL + path)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
