package dev.eventagent.testing.github;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server on 127.0.0.1 (random port) that speaks the GitHub REST shapes the notify
 * plugin uses: {@code POST} and {@code GET /repos/{owner}/{repo}/issues/{number}/comments}
 * (with {@code since}, {@code per_page}, {@code page} and a {@code Link} header),
 * {@code GET /rate_limit} and {@code GET /}, with a bearer token ({@code 401 Bad credentials}
 * otherwise).
 *
 * <p>Every request is recorded ({@link #requests()}) and every comment kept
 * ({@link #comments()}). Any repository and number exist unless marked with
 * {@link #repositoryNotFound(String)}. Faults: {@link #failNext(int, int, Duration)} and
 * {@link #failNextWithSecondaryRateLimit(int, Duration)}. Thread-safe.
 */
public final class TestingGitHubServer implements AutoCloseable {

    /** The token the server accepts. */
    public static final String TOKEN = "ghp_testingtoken";

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY
        // Nagle and delayed ACKs add ~40 ms to each exchange. Read once, by the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final Pattern COMMENTS = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/([0-9]+)/comments");
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<GitHubRequest> requests = new CopyOnWriteArrayList<>();
    private final List<PostedGitHubComment> comments = new CopyOnWriteArrayList<>();
    private final Set<String> missingRepositories = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final AtomicLong commentIds = new AtomicLong(1_000);

    private record Fault(int status, Duration retryAfter, String message) {
    }

    private TestingGitHubServer() throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "testing-github-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server on 127.0.0.1 with a random port.
     *
     * @return the running server
     */
    public static TestingGitHubServer start() {
        try {
            return new TestingGitHubServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the testing GitHub server", e);
        }
    }

    /**
     * The REST API base URL.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Settings of {@code agent.plugins.notify} (relative keys) that point the GitHub tool here and
     * allow every repository.
     *
     * @return the settings
     */
    public Map<String, Object> pluginSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("github.api-url", apiUrl());
        settings.put("github.token", TOKEN);
        settings.put("github.allowed-repos", List.of("*"));
        return settings;
    }

    /**
     * Makes every request about this repository answer {@code 404 Not Found}.
     *
     * @param repository {@code owner/name}
     */
    public void repositoryNotFound(String repository) {
        missingRepositories.add(requireNonNull(repository, "repository is null"));
    }

    /**
     * Makes the next requests fail.
     *
     * @param count how many requests
     * @param status the status, e.g. {@code 429}, {@code 500}, {@code 422}
     * @param retryAfter the {@code Retry-After} to send (whole seconds), or {@code null}
     */
    public void failNext(int count, int status, Duration retryAfter) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(status, retryAfter, "injected failure " + status));
        }
    }

    /**
     * Makes the next requests answer GitHub's secondary rate limit: {@code 403} with
     * {@code Retry-After}.
     *
     * @param count how many requests
     * @param retryAfter the {@code Retry-After} to send (whole seconds)
     */
    public void failNextWithSecondaryRateLimit(int count, Duration retryAfter) {
        requireNonNull(retryAfter, "retryAfter is null");
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(403, retryAfter, "You have exceeded a secondary rate limit. Please wait a few "
                    + "minutes before you try again."));
        }
    }

    /**
     * Every request received, in order.
     *
     * @return a snapshot
     */
    public List<GitHubRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The comments posted, in order: what would have been sent.
     *
     * @return a snapshot
     */
    public List<PostedGitHubComment> comments() {
        return List.copyOf(comments);
    }

    /**
     * The comments of one issue or pull request.
     *
     * @param repository {@code owner/name}
     * @param number the issue or pull request number
     * @return a snapshot, in order
     */
    public List<PostedGitHubComment> comments(String repository, int number) {
        return comments.stream().filter(c -> c.repository().equals(repository) && c.issueNumber() == number)
                .toList();
    }

    /** Forgets recorded requests, comments and pending faults. */
    public void reset() {
        requests.clear();
        comments.clear();
        faults.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            String token = token(exchange.getRequestHeaders().getFirst("Authorization"));
            Answer answer = answer(exchange, method, path, query, body, token);
            requests.add(new GitHubRequest(method, path, query, body, token, answer.status(), Instant.now()));
            byte[] bytes = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer answer(HttpExchange exchange, String method, String path, String query, String body, String token)
            throws IOException {
        Fault fault = faults.poll();
        if (fault != null) {
            if (fault.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
            }
            return message(fault.status(), fault.message());
        }
        if (!TOKEN.equals(token)) {
            return message(401, "Bad credentials");
        }
        exchange.getResponseHeaders().set("X-RateLimit-Limit", "5000");
        exchange.getResponseHeaders().set("X-RateLimit-Remaining", "4999");
        if (method.equals("GET") && path.equals("/rate_limit")) {
            ObjectNode core = JSON.createObjectNode().put("limit", 5000).put("remaining", 4999).put("used", 1)
                    .put("reset", Instant.now().plusSeconds(3600).getEpochSecond());
            ObjectNode answer = JSON.createObjectNode();
            answer.putObject("resources").set("core", core);
            answer.set("rate", core.deepCopy());
            return new Answer(200, answer);
        }
        if (method.equals("GET") && path.equals("/")) {
            return new Answer(200, JSON.createObjectNode().put("current_user_url", apiUrl() + "/user"));
        }
        Matcher matcher = COMMENTS.matcher(path);
        if (!matcher.matches()) {
            return message(404, "Not Found");
        }
        String repository = URLDecoder.decode(matcher.group(1), UTF_8) + "/" + URLDecoder.decode(matcher.group(2), UTF_8);
        int number = Integer.parseInt(matcher.group(3));
        if (missingRepositories.contains(repository)) {
            return message(404, "Not Found");
        }
        return switch (method) {
            case "POST" -> postComment(repository, number, body);
            case "GET" -> listComments(exchange, repository, number, query);
            default -> message(404, "Not Found");
        };
    }

    private Answer postComment(String repository, int number, String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return message(400, "Problems parsing JSON");
        }
        if (request == null || !request.path("body").isTextual() || request.path("body").asText().isEmpty()) {
            return message(422, "Validation Failed");
        }
        long id = commentIds.incrementAndGet();
        String url = "https://github.com/" + repository + "/pull/" + number + "#issuecomment-" + id;
        PostedGitHubComment comment = new PostedGitHubComment(id, repository, number, request.path("body").asText(),
                url, Instant.now());
        comments.add(comment);
        return new Answer(201, json(comment));
    }

    private Answer listComments(HttpExchange exchange, String repository, int number, String query) {
        Map<String, String> params = form(query);
        Instant since = params.containsKey("since") ? Instant.parse(params.get("since")) : Instant.EPOCH;
        int perPage = Math.min(100, Integer.parseInt(params.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(params.getOrDefault("page", "1"));
        List<PostedGitHubComment> matching = comments(repository, number).stream()
                .filter(c -> !c.createdAt().isBefore(since)).toList();
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = Math.min(matching.size(), from + perPage);
        ArrayNode answer = JSON.createArrayNode();
        matching.subList(from, to).forEach(c -> answer.add(json(c)));
        if (to < matching.size()) {
            String next = apiUrl() + exchange.getRequestURI().getRawPath() + "?per_page=" + perPage + "&page=" + (page + 1)
                    + (params.containsKey("since") ? "&since=" + params.get("since") : "");
            exchange.getResponseHeaders().set("Link", "<" + next + ">; rel=\"next\"");
        }
        return new Answer(200, answer);
    }

    private static ObjectNode json(PostedGitHubComment comment) {
        ObjectNode node = JSON.createObjectNode().put("id", comment.id()).put("node_id", "IC_" + comment.id())
                .put("html_url", comment.url()).put("body", comment.body())
                .put("created_at", comment.createdAt().toString()).put("updated_at", comment.createdAt().toString());
        node.putObject("user").put("login", "event-agent[bot]").put("type", "Bot");
        return node;
    }

    private static Answer message(int status, String message) {
        return new Answer(status, JSON.createObjectNode().put("message", message)
                .put("documentation_url", "https://docs.github.com/rest"));
    }

    private static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        return space < 0 ? authorization : authorization.substring(space + 1).trim();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
        return params;
    }
}
