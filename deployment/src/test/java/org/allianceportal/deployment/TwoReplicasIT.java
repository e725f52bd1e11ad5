package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two portals on one database, as two replicas behind a load balancer run them: both started as the launcher
 * starts the portal (prod profile, the stack's secrets, demo data on the fresh database), with every scheduled
 * job made to run every few seconds, so that within a minute each job has run several times on both. Meanwhile
 * leads raise concerns through either replica and their acknowledgement deadlines are moved into the past, so the
 * jobs have work to collide over: fan-out and e-mail, escalation, reminders, checkpoints. Then: no e-mail sent
 * twice, no duplicate notice or log entry, no job failed or logged an error, one checkpoint per tree size, and
 * every alliance's log, exported from either replica, verifies in the partners' offline verifier.
 *
 * <p>It shares the run's Keycloak (and its client secrets) with the other end-to-end classes, but has its own
 * database, portals, ports and SMTP server, so nothing the other classes do counts here.
 */
class TwoReplicasIT {

    @RegisterExtension
    @Order(0)
    static final BeforeAllCallback prerequisites = context -> verifier().requireBuilt();

    @RegisterExtension
    @Order(1)
    static final AllianceStack stack = AllianceStack.shared();

    static final String DATABASE = "alliance_replicas";
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/";
    static final int SMTP_PORT = 13026;
    static final int[] PORTS = {18081, 18082};
    /** Both replicas put the same address into e-mails, as behind one load balancer. */
    static final String PUBLIC_URL = "http://localhost:" + PORTS[0];

    /** Every job every few seconds, and the first run a second after start (the defaults are minutes to hours). */
    static final Map<String, String> JOBS_OFTEN = Map.ofEntries(
            Map.entry("alliance.jobs.first-run-after", "1s"),
            Map.entry("alliance.deadline-check", "2s"),
            Map.entry("alliance.notifications.every", "2s"),
            Map.entry("alliance.notifications.reminders-every", "4s"),
            Map.entry("alliance.notifications.digest-cron", "*/6 * * * * ?"),
            Map.entry("alliance.log.checkpoint-every", "3s"),
            Map.entry("alliance.log.audit-every", "6s"),
            Map.entry("alliance.checkins.every", "4s"),
            Map.entry("alliance.pulse.every", "5s"),
            Map.entry("alliance.health.check-every", "5s"),
            Map.entry("alliance.health.snapshot-every", "6s"),
            Map.entry("alliance.admin.reconcile-every", "6s"),
            Map.entry("alliance.metrics.refresh-every", "5s"),
            Map.entry("alliance.sessions.forget-revoked-every", "6s"));

    /**
     * Every scheduled method of the portal (class#method, as its scheduled_methods timer names it). A new job
     * belongs here too, with a short interval above: the test fails on a job it does not know.
     */
    static final Set<String> JOBS = Set.of(
            "AcknowledgementDeadlines#escalateOverdue",
            "CheckInDuties#keepCalendarsCurrent",
            "HealthDuties#checkWarnings",
            "HealthDuties#takeSnapshots",
            "LogDuties#auditLogs",
            "LogDuties#publishCheckpoints",
            "NotificationDuties#deliver",
            "NotificationDuties#planReminders",
            "NotificationDuties#sendDigests",
            "OperationsMetrics#refresh",
            "PulseResource#openDueRounds",
            "Reconciliation#scheduled",
            "RevokedSessions#forgetOld");
    static final int RUNS_ON_EACH = 3;

    static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000);
    static final int CONCERNS = 6;

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    static final Pattern TIMER = Pattern.compile(
            "^scheduled_methods_seconds_count\\{(.*)} ([0-9.E+]+)$", Pattern.MULTILINE);
    static final Pattern TAG = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static final GreenMail mailbox = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final List<Replica> replicas = new ArrayList<>();

    /** One portal process and its log. */
    record Replica(String name, int port, Process process, Path log) {
        String url() {
            return "http://localhost:" + port;
        }
    }

    @AfterAll
    static void stopEverything() {
        replicas.forEach(TwoReplicasIT::stop);
        mailbox.stop();
    }

    @Test
    void twoReplicasOnOneDatabaseRunEveryJobWithoutDuplicatesFailuresOrBrokenLogs() throws Exception {
        Instant started = Instant.now();
        freshDatabase();
        mailbox.start();
        // One after the other: the first writes the schema and the demo world, the second finds them (a replica
        // that starts later does the same); from then on both run every job.
        replicas.add(start("replica-a", PORTS[0]));
        replicas.add(start("replica-b", PORTS[1]));

        KeycloakAdmin keycloak = new KeycloakAdmin(AllianceStack.KEYCLOAK_URL);
        keycloak.ensureTestClient();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String lead : List.of("alice", "bruno", "ivan")) {
            tokens.put(lead, keycloak.token(lead, AlliancePortalIT.PASSWORD));
        }
        long acmeGlobex = id("select id from alliance where name = ?", AlliancePortalIT.ACME_GLOBEX);
        long globexInitech = id("select id from alliance where name = ?", AlliancePortalIT.GLOBEX_INITECH);
        long acme = id("select id from organisation where keycloak_alias = ?", "acme");
        long globex = id("select id from organisation where keycloak_alias = ?", "globex");

        // concerns raised through both replicas in turn, then their acknowledgement deadlines passed
        List<Long> concerns = new ArrayList<>();
        for (int n = 0; n < CONCERNS; n++) {
            Replica through = replicas.get(n % 2);
            switch (n % 3) {
                case 0 -> concerns.add(raise(through, tokens.get("alice"), acmeGlobex, globex, n));
                case 1 -> concerns.add(raise(through, tokens.get("bruno"), acmeGlobex, acme, n));
                default -> concerns.add(raise(through, tokens.get("ivan"), globexInitech, globex, n));
            }
        }
        update("update concern set acknowledge_by = now() - interval '1 minute' where title like ?",
                "Replica check % (" + RUN + ")");

        awaitEveryJobRanOnBoth();
        awaitQuiet();

        // every alliance's log verifies, exported from one replica and then the other (the same verifier state:
        // the second export must extend what the first showed)
        OfflineVerifier verifier = verifier();
        verifier.reset();
        String verifierKey = get(replicas.get(0), "/api/v1/log/public-key", null).body().strip().split("\n")[0];
        for (long alliance : List.of(acmeGlobex, globexInitech)) {
            for (Replica replica : replicas) {
                HttpResponse<String> export = get(replica, "/api/v1/alliances/" + alliance + "/log/export",
                        tokens.get("bruno"));
                assertThat(export.statusCode()).as("export of alliance %d from %s", alliance, replica.name()).isEqualTo(200);
                OfflineVerifier.Run run = verifier.verify(verifierKey, verifier.state("alliance-" + alliance),
                        verifier.save("exports/alliance-" + alliance + "-" + replica.name() + ".jsonl", export.body()));
                assertThat(run.exitCode()).as("offline verifier on alliance %d from %s: %s", alliance, replica.name(), run)
                        .isZero();
            }
        }

        Map<String, Map<String, Double>> runs = new TreeMap<>();
        for (Replica replica : replicas) {
            runs.put(replica.name(), jobRuns(replica));
        }
        // nothing in the logs about a failure, a duplicate or a conflict while both ran (read before they stop:
        // a job still running when its replica stops is cut off and rolled back, and says so)
        Map<Replica, List<String>> trouble = new LinkedHashMap<>();
        for (Replica replica : replicas) {
            trouble.put(replica, Files.readAllLines(replica.log(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.matches("^\\S+ \\S+ ERROR .*") || line.contains("duplicate key value")
                            || line.contains("could not serialize") || line.contains("deadlock detected")
                            || line.contains("OptimisticLock") || line.contains("StaleObjectState")
                            || line.contains("rolled back"))
                    .toList());
        }
        replicas.forEach(TwoReplicasIT::stop);
        System.out.println("[replicas] job runs by replica (job -> runs, failed runs tagged with their exception): " + runs);

        // no job failed, on either replica
        runs.forEach((replica, jobs) -> assertThat(jobs.keySet()).as("failed job runs on %s", replica)
                .allMatch(job -> job.endsWith("|none")));
        trouble.forEach((replica, lines) -> assertThat(lines).as("errors and conflicts in %s", replica.log()).isEmpty());

        // one checkpoint per tree size, never beyond the log; new ones were signed while the replicas ran
        assertThat(rows("select alliance_id, tree_size, count(*) from log_checkpoint group by 1, 2 having count(*) > 1"))
                .as("checkpoints of the same tree size").isEmpty();
        assertThat(rows("""
                select c.alliance_id, c.tree_size from log_checkpoint c
                 where c.tree_size > (select count(*) from log_entry e where e.alliance_id = c.alliance_id)"""))
                .as("checkpoints beyond the log").isEmpty();
        assertThat(rows("select distinct alliance_id from log_checkpoint where signed_at >= ?", started))
                .as("alliances with checkpoints signed while the replicas ran").hasSize(2);
        assertThat(rows("select alliance_id, first_bad_index, problem from log_alarm")).as("the audit's alarms").isEmpty();

        // every overdue concern escalated once, whichever replica did it
        assertThat(rows("""
                select c.id, c.breach_count, count(e.id) from concern c
                  left join log_entry e on e.subject_type = 'concern' and e.subject_id = c.id
                                       and e.action = 'concern.acknowledgement_breached'
                 where c.title like ? group by c.id, c.breach_count
                having c.breach_count <> 1 or count(e.id) <> 1""", "Replica check % (" + RUN + ")"))
                .as("concerns not escalated exactly once (id, breaches, log entries)").isEmpty();
        // nothing the jobs wrote twice: log entries, notices, check-ins, health warnings
        assertThat(rows("""
                select alliance_id, action, subject_type, subject_id, payload, count(*) from log_entry
                 where recorded_at >= ? group by 1, 2, 3, 4, 5 having count(*) > 1""", started))
                .as("log entries written twice").isEmpty();
        assertThat(rows("""
                select recipient_user_id, channel, kind, subject, count(*) from delivery
                 group by recipient_user_id, channel, kind, subject, body having count(*) > 1"""))
                .as("notices planned twice").isEmpty();
        assertThat(rows("""
                select alliance_id, cadence_revision, slot_starts_at, count(*) from checkin
                 group by 1, 2, 3 having count(*) > 1""")).as("check-ins scheduled twice").isEmpty();
        assertThat(rows("select alliance_id, reasons, count(*) from health_warning where created_at >= ? "
                + "group by 1, 2 having count(*) > 1", started)).as("health warnings raised twice").isEmpty();

        // no e-mail sent twice: each Message-ID (made from the notice's idempotency key) arrived once, and every
        // notice marked sent arrived (one more per replica at most: a replica stopped between sending and
        // committing leaves that notice to be sent again, by design)
        MimeMessage[] mails = mailbox.getReceivedMessages();
        Map<String, Long> byMessageId = new TreeMap<>();
        for (MimeMessage mail : mails) {
            byMessageId.merge(mail.getHeader("Message-ID")[0], 1L, Long::sum);
        }
        assertThat(byMessageId.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("e-mails delivered more than once").isEmpty();
        long sent = id("select count(*) from delivery where channel = 'EMAIL' and status = 'SENT'");
        assertThat((long) mails.length).as("e-mails received vs. notices marked sent").isBetween(sent, sent + replicas.size());
        List<String> subjects = new ArrayList<>();
        for (MimeMessage mail : mails) {
            subjects.add(mail.getAllRecipients()[0] + ": " + mail.getSubject());
        }
        for (int n = 0; n < CONCERNS; n++) {
            String title = title(n);
            assertThat(subjects).as("e-mails about %s", title).anyMatch(s -> s.contains(title));
        }
        System.out.printf("[replicas] %d concerns raised, %d e-mails, %d checkpoints, in %d s%n", concerns.size(),
                mails.length, id("select count(*) from log_checkpoint"), Duration.between(started, Instant.now()).toSeconds());
    }

    // ------------------------------------------------------------------ the replicas

    static Replica start(String name, int port) throws IOException, InterruptedException {
        Path jar = stack.repo().resolve("portal/target/quarkus-app/quarkus-run.jar");
        Path log = stack.home().resolve("replicas/" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m"));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("ALLIANCE_"));
        // as deployment/stack.sh starts the portal, with the stack's secrets and Keycloak
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", JDBC + DATABASE);
        env.put("QUARKUS_DATASOURCE_USERNAME", "alliance_e2e");
        env.put("QUARKUS_DATASOURCE_PASSWORD", secret("db-password"));
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", AllianceStack.KEYCLOAK_URL + "/realms/alliance");
        env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", secret("portal-client-secret"));
        env.put("ALLIANCE_KEYCLOAK_URL", AllianceStack.KEYCLOAK_URL);
        env.put("ALLIANCE_KEYCLOAK_ADMIN_SECRET", secret("portal-admin-client-secret"));
        env.put("ALLIANCE_DEMO_ENABLED", "true");
        env.put("ALLIANCE_PORTAL_URL", PUBLIC_URL);
        env.put("ALLIANCE_SMTP_HOST", "127.0.0.1");
        env.put("ALLIANCE_SMTP_PORT", String.valueOf(SMTP_PORT));
        env.put("ALLIANCE_SMTP_STARTTLS", "DISABLED");
        env.put("ALLIANCE_SESSION_KEY", secret("session-key"));
        env.put("ALLIANCE_FORM_KEY", secret("form-key"));
        env.put("ALLIANCE_LINK_KEY", secret("link-key"));
        env.put("ALLIANCE_LOG_SIGNING_KEY", secret("log-signing-key"));
        env.put("ALLIANCE_LOG_PUBLIC_KEY", secret("log-public-key"));
        // as variables (alliance.log.checkpoint-every: ALLIANCE_LOG_CHECKPOINT_EVERY), as an operator sets them
        JOBS_OFTEN.forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), value));
        Process process = builder.start();
        Replica replica = new Replica(name, port, process, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " stopped during start-up (exit " + process.exitValue() + "):\n" + tail(log));
            }
            try {
                if (get(replica, "/q/health/ready", null).statusCode() == 200) {
                    System.out.println("[replicas] " + name + " ready at " + replica.url());
                    return replica;
                }
            } catch (AssertionError notYet) {
                // not listening yet
            }
            Thread.sleep(1_000);
        }
        process.destroyForcibly();
        throw new AssertionError(name + " not ready after 240 s:\n" + tail(log));
    }

    static void stop(Replica replica) {
        if (!replica.process().isAlive()) {
            return;
        }
        replica.process().destroy(); // SIGTERM: Quarkus shuts down in order
        try {
            if (!replica.process().waitFor(30, TimeUnit.SECONDS)) {
                replica.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every job has run a few times on each replica, and fails naming the ones that did not. */
    static void awaitEveryJobRanOnBoth() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, Set<String>> missing = Map.of();
        while (System.nanoTime() < deadline) {
            missing = new TreeMap<>();
            for (Replica replica : replicas) {
                Map<String, Double> runs = jobRuns(replica);
                Set<String> known = runs.keySet().stream().map(job -> job.substring(0, job.indexOf('|')))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(JOBS).as("the portal's scheduled jobs (a new one belongs in JOBS and JOBS_OFTEN)")
                        .containsAll(known);
                Set<String> few = new TreeSet<>();
                for (String job : JOBS) {
                    if (runs.getOrDefault(job + "|none", 0.0) < RUNS_ON_EACH) {
                        few.add(job);
                    }
                }
                if (!few.isEmpty()) {
                    missing.put(replica.name(), few);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(3_000);
        }
        throw new AssertionError("jobs that did not run " + RUNS_ON_EACH + " times within 120 s: " + missing);
    }

    /** Waits until the jobs have nothing left to do: the outbox fanned out, no e-mail due. */
    static void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (id("""
                    select (select count(*) from outbox_event where fanned_out_at is null)
                         + (select count(*) from delivery where status = 'PENDING' and channel = 'EMAIL'
                                                            and next_attempt_at <= now())""") == 0) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("the outbox or the e-mail queue did not empty within 60 s");
    }

    /** Runs of each scheduled method on this replica, by "Class#method|exception" (exception "none": it succeeded). */
    static Map<String, Double> jobRuns(Replica replica) {
        HttpResponse<String> metrics = get(replica, "/q/metrics", null);
        assertThat(metrics.statusCode()).as("metrics of %s", replica.name()).isEqualTo(200);
        Map<String, Double> runs = new TreeMap<>();
        Matcher timer = TIMER.matcher(metrics.body());
        while (timer.find()) {
            Map<String, String> tags = new TreeMap<>();
            Matcher tag = TAG.matcher(timer.group(1));
            while (tag.find()) {
                tags.put(tag.group(1), tag.group(2));
            }
            String type = tags.getOrDefault("class", "?");
            runs.merge(type.substring(type.lastIndexOf('.') + 1) + "#" + tags.get("method") + "|"
                    + tags.getOrDefault("exception", "none"), Double.parseDouble(timer.group(2)), Double::sum);
        }
        return runs;
    }

    // ------------------------------------------------------------------ raising a concern, as a lead's program would

    static String title(int n) {
        return "Replica check " + n + " (" + RUN + ")";
    }

    /** Raises a concern on the portal's own form, with a bearer token: the form token first, then the POST. */
    static long raise(Replica replica, String token, long alliance, long raisedTo, int n) {
        String path = "/alliances/" + alliance + "/concerns";
        HttpResponse<String> form = get(replica, path + "/new", token);
        assertThat(form.statusCode()).as("the raise form on %s", replica.name()).isEqualTo(200);
        Matcher formToken = FORM_TOKEN.matcher(form.body());
        assertThat(formToken.find()).as("a form token on the raise form").isTrue();
        String body = Map.of("csrf-token", formToken.group(1),
                        "raisedToId", String.valueOf(raisedTo), "severity", "MEDIUM", "title", title(n),
                        "description", "Raised through " + replica.name() + " while two replicas run.", "commitmentId", "")
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> raised = send(HttpRequest.newBuilder(URI.create(replica.url() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        String location = raised.headers().firstValue("Location").orElse("");
        assertThat(location).as("where raising concern %d on %s led (status %d)", n, replica.name(), raised.statusCode())
                .matches(".*/concerns/\\d+$");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    static HttpResponse<String> get(Replica replica, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.url() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ the database

    static void freshDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
            // the stack's role (deployment/stack.sh made it for alliance_e2e), so the stack's password serves
            s.execute("create database " + DATABASE + " owner alliance_e2e encoding 'UTF8' template template0");
        }
    }

    static List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(JDBC + DATABASE, "postgres", "");
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i] instanceof Instant instant
                        ? java.sql.Timestamp.from(instant) : parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(result.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e, e);
        }
    }

    static long id(String sql, Object... parameters) {
        List<List<Object>> rows = rows(sql, parameters);
        assertThat(rows).as(sql).hasSize(1);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    static void update(String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(JDBC + DATABASE, "postgres", "");
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).as(sql).isPositive();
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e, e);
        }
    }

    // ------------------------------------------------------------------ files

    static OfflineVerifier verifier() {
        return new OfflineVerifier(stack.repo(), stack.home().resolve("replicas/log-verifier"));
    }

    /** A secret deployment/stack.sh made for the shared stack at its first start. */
    static String secret(String name) {
        try {
            return Files.readString(stack.home().resolve("secrets/" + name), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("stack.sh keeps " + name + " in the stack's secrets folder", e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
