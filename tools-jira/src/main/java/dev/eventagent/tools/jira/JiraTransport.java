package dev.eventagent.tools.jira;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.TransientToolException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin's one HTTP client to Jira: JSON in and out, authentication, per-call timeouts
 * bounded by the call's deadline, and failures mapped by {@link JiraFailures}. It never retries
 * (the engine does). Creating it opens no connection. Thread-safe.
 */
final class JiraTransport implements AutoCloseable {

    private final JiraSettings settings;
    private final ObjectMapper mapper;
    private final JiraFailures failures;
    private final Metrics metrics;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient client;
    private final String site;

    JiraTransport(JiraSettings settings, ObjectMapper mapper, Metrics metrics, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.failures = new JiraFailures(mapper);
        this.site = settings.baseUrl().toString();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "jira-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/2 is negotiated over TLS; plain http stays on HTTP/1.1 (no h2c upgrade dance).
                .version("https".equals(settings.baseUrl().getScheme()) ? HttpClient.Version.HTTP_2
                        : HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
    }

    /** @return the Jira base URL, for messages */
    String site() {
        return site;
    }

    /**
     * Sends a request and reads the JSON answer.
     *
     * @param method {@code GET}, {@code POST} or {@code PUT}
     * @param path the path below the base URL, already safe (keys are validated by pattern)
     * @param query query parameters, encoded here; may be empty
     * @param body the JSON body, or {@code null}
     * @param deadline when the caller stops waiting
     * @param what what is being done, for messages, e.g. {@code "assigning PROJ-1"}
     * @return the parsed answer; a missing node for an empty (204) answer
     */
    JsonNode send(String method, String path, Map<String, String> query, Object body, Instant deadline, String what) {
        return send(method, path, query, body, timeoutUntil(deadline, what), what);
    }

    /**
     * Sends a request with an explicit timeout (for the health probe).
     *
     * @param method the method
     * @param path the path
     * @param query the query parameters
     * @param body the JSON body, or {@code null}
     * @param timeout how long to wait
     * @param what what is being done
     * @return the parsed answer
     */
    JsonNode send(String method, String path, Map<String, String> query, Object body, Duration timeout, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", authorization(what));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new PermanentToolException("cannot encode the request body for " + what, e);
            }
        }
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (IOException e) {
            metrics.increment("api.requests", "method", method, "outcome", "no-answer");
            throw JiraFailures.forTransport(e, what, site);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientToolException("interrupted while " + what + " (Jira at " + site + ")", e);
        }
        int status = response.statusCode();
        metrics.record("api.request.duration", Duration.ofNanos(System.nanoTime() - start), "method", method);
        metrics.increment("api.requests", "method", method, "outcome", String.valueOf(status));
        if (status < 200 || status >= 300) {
            throw failures.forStatus(status, response.headers().firstValue("Retry-After"), response.body(), what, site,
                    clock.instant());
        }
        if (response.body() == null || response.body().isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new PermanentToolException("Jira at " + site + " answered " + what
                    + " with a body that is not JSON (is base-url the Jira site?)", e);
        }
    }

    /** Releases the client's threads (and, on Java 21+, its connections). */
    @Override
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing is best effort; the executor below is shut down either way.
            }
        }
        executor.shutdownNow();
    }

    private Duration timeoutUntil(Instant deadline, String what) {
        Duration left = Duration.between(clock.instant(), requireNonNull(deadline, "deadline is null"));
        if (left.compareTo(Duration.ofMillis(1)) < 0) {
            throw new TransientToolException("the call's deadline passed before " + what, null);
        }
        return left.compareTo(settings.requestTimeout()) < 0 ? left : settings.requestTimeout();
    }

    private String authorization(String what) {
        if (settings.apiToken().isEmpty()) {
            throw new PermanentToolException("cannot authenticate to Jira while " + what
                    + ": agent.plugins.jira.api-token is not set (set JIRA_API_TOKEN)", null);
        }
        if (settings.authMode() == JiraSettings.AuthMode.BEARER) {
            return "Bearer " + settings.apiToken();
        }
        if (settings.email().isEmpty()) {
            throw new PermanentToolException("cannot authenticate to Jira while " + what
                    + ": agent.plugins.jira.email is not set (set JIRA_EMAIL) for auth-mode basic", null);
        }
        return "Basic " + Base64.getEncoder().encodeToString((settings.email() + ":" + settings.apiToken())
                .getBytes(UTF_8));
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(site).append(path);
        if (!query.isEmpty()) {
            StringJoiner parameters = new StringJoiner("&", "?", "");
            query.forEach((name, value) -> parameters.add(URLEncoder.encode(name, UTF_8) + "="
                    + URLEncoder.encode(value, UTF_8)));
            uri.append(parameters);
        }
        return URI.create(uri.toString());
    }
}
