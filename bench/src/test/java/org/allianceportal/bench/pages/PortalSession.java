package org.allianceportal.bench.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person logged in to the portal as a browser is: through Keycloak's login pages (username, then
 * password), with the portal's session cookie kept in a cookie jar. Pages are then fetched without following
 * redirects, so a lost session shows as an error, never as a timed Keycloak page.
 */
final class PortalSession {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*csrf[^\"]*)\" value=\"([^\"]+)\"");
    private static final Pattern SECURE = Pattern.compile("(?i);\\s*Secure(?=;|$)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A page as fetched: status, body size in bytes, time to the last byte, when it ended, and what went wrong. */
    record Fetch(int status, long bytes, long nanos, long endedAt, String error) {
    }

    private final String portalUrl;
    private final CookieHandler cookies = new LocalhostCookies();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient pages = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A session with the page benchmark's portal. */
    PortalSession() {
        this(BenchStack.PORTAL_URL);
    }

    PortalSession(String portalUrl) {
        this.portalUrl = portalUrl;
    }

    /** Logs in (again) as {@code username}: the portal sends the browser to Keycloak, which sends it back. */
    void logIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(get(portalUrl + "/"), HttpResponse.BodyHandlers.ofString());
        for (String field : new String[] {"username", "password"}) {
            if (page.uri().toString().startsWith(portalUrl)) {
                break; // Keycloak still had a session: no form to fill
            }
            Matcher action = FORM_ACTION.matcher(page.body());
            if (!action.find()) {
                throw new IllegalStateException("expected Keycloak's login form at " + page.uri() + ", got HTTP "
                        + page.statusCode() + ": " + excerpt(page.body()));
            }
            String form = "username=" + encode(username)
                    + (field.equals("password") || page.body().contains("id=\"password\"") ? "&password=" + encode(password) : "");
            page = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&"))).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
        if (page.statusCode() != 200 || !page.uri().toString().startsWith(portalUrl)) {
            throw new IllegalStateException("logging in as " + username + " did not end on the portal: HTTP " + page.statusCode()
                    + " at " + page.uri() + ": " + excerpt(page.body()));
        }
    }

    /** One page of the portal, read to the end. */
    Fetch fetch(String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = pages.send(get(portalUrl + path), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                long ended = System.nanoTime();
                return new Fetch(response.statusCode(), 0, ended - start, ended,
                        response.headers().firstValue("Location").map(l -> "redirected to " + l)
                                .orElse(excerpt(new String(body.readAllBytes(), StandardCharsets.UTF_8))));
            }
            long bytes = body.transferTo(OutputStream.nullOutputStream()); // counted, not kept: the client shares the CPU
            long ended = System.nanoTime();
            return new Fetch(200, bytes, ended - start, ended, null);
        }
    }

    /** A page that must be there (HTTP 200), else the benchmark stops and says which. */
    Fetch require(String path) throws IOException, InterruptedException {
        Fetch fetch = fetch(path);
        if (fetch.status() != 200) {
            throw new IllegalStateException(path + " answered HTTP " + fetch.status() + ": " + fetch.error());
        }
        return fetch;
    }

    /**
     * Submits a form of the page at {@code page} as a browser does: with the page's CSRF field (its hidden input named
     * like the portal's csrf tag renders it) and {@code fields}; the portal must answer with a redirect (a step done).
     */
    void submit(String page, String action, String fields) throws IOException, InterruptedException {
        HttpResponse<String> form = pages.send(get(BenchStack.PORTAL_URL + page), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF_FIELD.matcher(form.body());
        if (form.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("expected a form with a CSRF field at " + page + ", got HTTP " + form.statusCode());
        }
        HttpResponse<String> done = pages.send(HttpRequest.newBuilder(URI.create(BenchStack.PORTAL_URL + action)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(csrf.group(1)) + "=" + encode(csrf.group(2)) + "&" + fields))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 303 && done.statusCode() != 302) {
            throw new IllegalStateException(action + " answered HTTP " + done.statusCode() + ": " + excerpt(done.body()));
        }
    }

    /**
     * A cookie jar that, like browsers, treats http://localhost as a secure context: Keycloak marks its login
     * cookies Secure, which java.net's jar would otherwise never send back over plain HTTP.
     */
    private static final class LocalhostCookies extends CookieHandler {
        private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return jar.get(uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            Map<String, List<String>> headers = new HashMap<>();
            responseHeaders.forEach((name, values) -> headers.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> SECURE.matcher(v).replaceAll("")).toList() : values));
            jar.put(uri, headers);
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "text/html").GET().build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String excerpt(String body) {
        String text = body.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
