package dev.eventagent.testing.jira;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Jira Cloud stand-in for tests and the demo: a real HTTP server on 127.0.0.1 (random port)
 * speaking the REST v3 shapes of {@code /myself}, {@code /user/search}, {@code /issue/{key}}
 * (with {@code /assignee}, {@code /comment}, {@code /transitions}), {@code /comment/list} and the
 * enhanced search {@code /search/jql} with {@code nextPageToken} pagination, over an in-memory
 * store of projects, users, issues, comments and one workflow (To Do → Start Progress → In
 * Progress → Done, Stop Progress back to To Do, Reopen from Done).
 *
 * <p>It checks the {@code Authorization} header (Basic e-mail:token, or Bearer), records every
 * request ({@link #requests()}) and counts the effects it applied ({@link #assignments()},
 * {@link #commentsAdded()}, {@link #transitionsMade()}). Faults can be injected:
 * {@link #failNext(int, int, Duration)} answers the next requests with a status (e.g. 429 with
 * {@code Retry-After}), {@link #delayNext(int, Duration)} holds them. Thread-safe.
 *
 * <pre>{@code
 * try (TestingJiraServer jira = TestingJiraServer.start()) {
 *     TestingJiraUser alice = jira.user("alice@company.com", "Alice");
 *     jira.issue("PROJ-1", "Fix the login page");
 *     // create the jira plugin with jira.pluginSettings()
 * }
 * }</pre>
 */
public final class TestingJiraServer implements AutoCloseable {

    /** The e-mail of the account the default credentials belong to. */
    public static final String AGENT_EMAIL = "event-agent@company.com";
    /** The API token the server expects by default. */
    public static final String API_TOKEN = "testing-jira-api-token";

    private final HttpServer server;
    private final ExecutorService executor;
    private final JiraStore store;
    private final String authMode;
    private final String token;
    private final JiraExchangeHandler handler;
    private final AtomicInteger accounts = new AtomicInteger();

    private TestingJiraServer(String authMode, String token) throws IOException {
        this.authMode = authMode;
        this.token = token;
        String expectedAuthorization = authMode.equals("bearer") ? "Bearer " + token
                : "Basic " + Base64.getEncoder().encodeToString((AGENT_EMAIL + ":" + token).getBytes(UTF_8));
        this.store = new JiraStore(new TestingJiraUser(accountId(), AGENT_EMAIL, "Event Agent", true, true));
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        ObjectMapper mapper = new ObjectMapper();
        this.handler = new JiraExchangeHandler(new JiraApi(store, mapper, baseUrl()), mapper, expectedAuthorization);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "testing-jira-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
    }

    /**
     * Starts an empty server (one project-less workflow, the agent's own account) that expects
     * Basic authentication with {@link #AGENT_EMAIL} and {@link #API_TOKEN}.
     *
     * @return the running server
     */
    public static TestingJiraServer start() {
        return start("basic", API_TOKEN);
    }

    /**
     * Starts an empty server that expects {@code Authorization: Bearer <token>}.
     *
     * @param token the token
     * @return the running server
     */
    public static TestingJiraServer startWithBearerToken(String token) {
        return start("bearer", requireNonNull(token, "token is null"));
    }

    private static TestingJiraServer start(String authMode, String token) {
        try {
            return new TestingJiraServer(authMode, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the testing Jira server on 127.0.0.1", e);
        }
    }

    /** @return {@code http://127.0.0.1:<port>}, the Jira base URL */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The jira plugin's settings that point at this server, relative to {@code agent.plugins.jira}.
     *
     * @return {@code base-url}, {@code auth-mode}, {@code email} and {@code api-token}
     */
    public Map<String, Object> pluginSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("base-url", baseUrl());
        settings.put("auth-mode", authMode);
        settings.put("email", AGENT_EMAIL);
        settings.put("api-token", token);
        return settings;
    }

    /**
     * Adds (or renames) a project.
     *
     * @param key the project key, e.g. {@code PROJ}
     * @param name the project name
     */
    public void project(String key, String name) {
        store.project(key, name);
    }

    /**
     * Adds an active user whose e-mail user search shows.
     *
     * @param email the e-mail
     * @param displayName the display name
     * @return the user, with a fresh account id
     */
    public TestingJiraUser user(String email, String displayName) {
        return user(email, displayName, true, true);
    }

    /**
     * Adds a user.
     *
     * @param email the e-mail
     * @param displayName the display name
     * @param active whether the account is active
     * @param emailVisible whether user search shows the e-mail
     * @return the user, with a fresh account id
     */
    public TestingJiraUser user(String email, String displayName, boolean active, boolean emailVisible) {
        return store.user(new TestingJiraUser(accountId(), email, displayName, active, emailVisible));
    }

    /**
     * Adds an issue in status To Do with priority Medium; its project is created if missing.
     * Issues added later count as created later.
     *
     * @param key the key, e.g. {@code PROJ-1}
     * @param summary the summary
     * @return the issue
     */
    public TestingJiraIssue issue(String key, String summary) {
        return issue(key, summary, "To Do", "Medium");
    }

    /**
     * Adds an issue.
     *
     * @param key the key, e.g. {@code PROJ-1}
     * @param summary the summary
     * @param status a status of the workflow
     * @param priority the priority name
     * @return the issue
     */
    public TestingJiraIssue issue(String key, String summary, String status, String priority) {
        return store.issue(key, summary, status, priority);
    }

    /**
     * An issue as it is now.
     *
     * @param key the key
     * @return the snapshot, or empty
     */
    public Optional<TestingJiraIssue> issue(String key) {
        return store.issue(key);
    }

    /** @return every issue as it is now, in creation order */
    public List<TestingJiraIssue> issues() {
        return store.issues();
    }

    /**
     * Sets an issue's assignee directly (not counted as an effect).
     *
     * @param key the issue key
     * @param accountId the account, or {@code null} to unassign
     */
    public void setAssignee(String key, String accountId) {
        store.setAssignee(key, accountId, false);
    }

    /**
     * Sets an issue's status directly (not counted as an effect).
     *
     * @param key the issue key
     * @param status a status of the workflow
     */
    public void setStatus(String key, String status) {
        store.setStatus(key, status);
    }

    /**
     * Adds a status to the workflow.
     *
     * @param name the status name
     * @param categoryKey {@code new}, {@code indeterminate} or {@code done}
     */
    public void status(String name, String categoryKey) {
        store.status(name, categoryKey);
    }

    /**
     * Adds a transition to the workflow.
     *
     * @param from the status it leaves
     * @param id the transition id
     * @param name the transition name
     * @param to the status it enters
     */
    public void transition(String from, String id, String name, String to) {
        store.transition(from, id, name, to);
    }

    /** @return the account the credentials belong to ({@code /myself}) */
    public TestingJiraUser agent() {
        return store.agent();
    }

    /**
     * Seeds sample data for the demo: projects PROJ (API Gateway) and OPS (Operations), users
     * alice, bob, carol, dave, dev and pm at company.com, and a few issues including PROJ-456
     * ("Implement real-time notifications", the seed event's issue).
     */
    public void seedSampleData() {
        project("PROJ", "API Gateway");
        project("OPS", "Operations");
        for (String name : List.of("alice", "bob", "carol", "dave", "dev", "pm")) {
            user(name + "@company.com", Character.toUpperCase(name.charAt(0)) + name.substring(1));
        }
        issue("PROJ-101", "Rate limit the public search endpoint", "In Progress", "High");
        issue("PROJ-123", "Flaky integration test in the gateway module", "To Do", "Medium");
        issue("PROJ-456", "Implement real-time notifications", "To Do", "High");
        issue("OPS-7", "Rotate the staging TLS certificates", "To Do", "Highest");
    }

    /**
     * Answers the next requests with an error status instead of serving them.
     *
     * @param count how many requests
     * @param status e.g. 429, 500 or 503
     * @param retryAfter the {@code Retry-After} to send (whole seconds), or {@code null} for none
     */
    public void failNext(int count, int status, Duration retryAfter) {
        handler.addFaults(count, new JiraExchangeHandler.Fault(status, retryAfter, Duration.ZERO));
    }

    /**
     * Holds the next requests before serving them.
     *
     * @param count how many requests
     * @param delay how long each waits
     */
    public void delayNext(int count, Duration delay) {
        handler.addFaults(count, new JiraExchangeHandler.Fault(0, null, requireNonNull(delay, "delay is null")));
    }

    /** @return every request received, in arrival order (a snapshot) */
    public List<RecordedRequest> requests() {
        return handler.requests();
    }

    /**
     * The requests of one method whose path matches a regular expression.
     *
     * @param method e.g. {@code POST}
     * @param pathRegex e.g. {@code /rest/api/3/issue/[^/]+/comment}
     * @return the matching requests, in arrival order
     */
    public List<RecordedRequest> requests(String method, String pathRegex) {
        return handler.requests().stream().filter(request -> request.is(method, pathRegex)).toList();
    }

    /** Forgets the recorded requests and any pending faults (the data stays). */
    public void clearRequests() {
        handler.clear();
    }

    /** @return how many assignee changes the server applied through its API */
    public int assignments() {
        return store.assignments();
    }

    /** @return how many comments the server added through its API */
    public int commentsAdded() {
        return store.commentsAdded();
    }

    /** @return how many transitions the server applied through its API */
    public int transitionsMade() {
        return store.transitionsMade();
    }

    /**
     * What the server received, one short line each, for a demo report.
     *
     * @return the lines
     */
    public List<String> report() {
        return List.of(
                "jira: " + handler.requests().size() + " requests, " + assignments() + " assignments, " + commentsAdded()
                        + " comments, " + transitionsMade() + " transitions",
                "jira issues: " + String.join(", ", issues().stream().map(issue -> issue.key() + " ["
                        + issue.status() + (issue.assigneeAccountId() == null ? "" : ", assigned "
                        + store.user(issue.assigneeAccountId()).map(TestingJiraUser::email).orElse("?"))
                        + (issue.comments().isEmpty() ? "" : ", " + issue.comments().size() + " comments")
                        + "]").toList()));
    }

    /** Stops the server at once. */
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

    @Override
    public String toString() {
        return "TestingJiraServer[" + baseUrl() + "]";
    }

    private String accountId() {
        return String.format("5b10a2844c20165700ed%04x", accounts.incrementAndGet());
    }
}
