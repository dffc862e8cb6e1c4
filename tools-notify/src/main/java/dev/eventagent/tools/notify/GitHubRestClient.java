package dev.eventagent.tools.notify;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventagent.api.Health;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
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
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin's one GitHub REST client: {@code java.net.http} with Jackson, a bearer token, and the
 * failure mapping of GitHub's answers (429 and secondary-rate-limit 403 with {@code Retry-After}
 * are transient, 401/403/404/422 permanent, 5xx transient). Long-lived; its threads stop on close.
 */
final class GitHubRestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

    private final GitHubSettings settings;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient http;

    GitHubRestClient(GitHubSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "notify-github-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Posts a comment on an issue or pull request.
     *
     * @param repo {@code owner/name}
     * @param number the issue or pull request number
     * @param body the Markdown body
     * @param deadline when the call must have finished
     * @return GitHub's comment object
     */
    JsonNode postComment(String repo, long number, String body, Instant deadline) {
        String json;
        try {
            json = JSON.writeValueAsString(Map.of("body", body));
        } catch (IOException e) {
            throw new InvalidArgumentsException("the comment cannot be written as JSON: " + e.getMessage());
        }
        HttpRequest request = request(commentsUrl(repo, number), deadline)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8)).build();
        return send("POST comment on " + repo + "#" + number, request).body();
    }

    /**
     * Finds a comment whose body contains a text, among the comments updated since a time, newest
     * pages last, reading at most the configured number of pages.
     *
     * @param repo {@code owner/name}
     * @param number the issue or pull request number
     * @param text what the body must contain
     * @param deadline when the call must have finished
     * @return the comment, or empty
     */
    Optional<JsonNode> findComment(String repo, long number, String text, Instant deadline) {
        Instant since = clock.instant().minus(settings.dedupeLookback()).truncatedTo(ChronoUnit.SECONDS);
        URI next = URI.create(commentsUrl(repo, number) + "?per_page=100&since=" + since);
        for (int page = 0; page < settings.dedupeMaxPages() && next != null; page++) {
            Answer answer = send("GET comments of " + repo + "#" + number, request(next.toString(), deadline).GET().build());
            for (JsonNode comment : answer.body()) {
                if (comment.path("body").asText("").contains(text)) {
                    return Optional.of(comment);
                }
            }
            next = answer.next();
        }
        return Optional.empty();
    }

    /**
     * Calls {@code GET /rate_limit}.
     *
     * @return up with the remaining core quota, or down with the reason
     */
    Health health() {
        String where = "github " + settings.apiUrl();
        if (settings.token() == null) {
            return Health.down(where + ": no token (set GITHUB_TOKEN)");
        }
        try {
            JsonNode limits = send("GET /rate_limit", request(settings.apiUrl() + "/rate_limit",
                    clock.instant().plus(HEALTH_TIMEOUT)).GET().build()).body();
            return Health.up(where + ": " + limits.path("resources").path("core").path("remaining").asText("?")
                    + " core requests left");
        } catch (ToolException e) {
            return Health.down(where + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private record Answer(JsonNode body, URI next) {
    }

    private String commentsUrl(String repo, long number) {
        int slash = repo.indexOf('/');
        return settings.apiUrl() + "/repos/" + URLEncoder.encode(repo.substring(0, slash), UTF_8) + "/"
                + URLEncoder.encode(repo.substring(slash + 1), UTF_8) + "/issues/" + number + "/comments";
    }

    private HttpRequest.Builder request(String url, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new TransientToolException("the call's deadline passed before GitHub was asked", null);
        }
        Duration timeout = left.compareTo(settings.timeout()) < 0 ? left : settings.timeout();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "event-agent");
        if (settings.token() != null) {
            builder.header("Authorization", "Bearer " + settings.token());
        }
        return builder;
    }

    private Answer send(String what, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (IOException e) {
            throw new TransientToolException("GitHub " + what + " at " + settings.apiUrl() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientToolException("interrupted during GitHub " + what, e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            Matcher link = NEXT_LINK.matcher(response.headers().firstValue("Link").orElse(""));
            URI next = link.find() && link.group(1).startsWith(settings.apiUrl() + "/") ? URI.create(link.group(1)) : null;
            return new Answer(body, next);
        }
        throw failure(what, response, body.path("message").asText(""));
    }

    private ToolException failure(String what, HttpResponse<String> response, String message) {
        int status = response.statusCode();
        String text = "GitHub " + what + " answered " + status + (message.isEmpty() ? "" : ": " + message);
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
        boolean quotaSpent = response.headers().firstValue("X-RateLimit-Remaining").map("0"::equals).orElse(false);
        if (status == 429 || (status == 403 && (retryAfter.isPresent() || quotaSpent))) {
            Duration wait = retryAfter.or(() -> resetDelay(response)).orElse(null);
            return new TransientToolException(text + (wait == null ? "" : "; retry after " + wait), null, wait);
        }
        if (status >= 500) {
            return new TransientToolException(text, null, retryAfter.orElse(null));
        }
        String advice = switch (status) {
            case 401 -> "; check the token (GITHUB_TOKEN, agent.plugins.notify.github.token)";
            case 403 -> "; the token may lack write access to issues and pull requests";
            case 404 -> "; check the repository and the number, and that the token can see them";
            case 410 -> "; issues are disabled in this repository";
            case 422 -> "; GitHub refused the comment as invalid";
            default -> "";
        };
        return new PermanentToolException(text + advice, null);
    }

    private Optional<Duration> resetDelay(HttpResponse<String> response) {
        return response.headers().firstValue("X-RateLimit-Reset").flatMap(reset -> {
            try {
                Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
