package dev.eventagent.testing.slack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Locale;
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

/**
 * A local HTTP server on 127.0.0.1 (random port) that speaks the Slack Web API methods the notify
 * plugin uses: {@code auth.test}, {@code chat.postMessage}, {@code users.lookupByEmail} and
 * {@code conversations.open}, with form-encoded or JSON bodies and a bearer token, answering in
 * Slack's shapes ({@code {"ok":false,"error":"…"}} for failures, {@code 429} with
 * {@code Retry-After} when rate limited).
 *
 * <p>Every request is recorded ({@link #calls()}), and every accepted message too
 * ({@link #messages()}), so tests and the demo can list what would have been sent. Faults are
 * injected with {@link #failNext(int, int, Duration)} and {@link #failNextWithError(int, String)}.
 * Any channel is accepted unless marked with {@link #channelNotFound(String)}; users exist once
 * added with {@link #addUser(String)} (or all of them, after {@link #acceptEveryUser(boolean)}).
 * Thread-safe.
 */
public final class TestingSlackServer implements AutoCloseable {

    /** The bot token the server accepts. */
    public static final String TOKEN = "xoxb-testing-token";

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY
        // Nagle and delayed ACKs add ~40 ms to each exchange. Read once, by the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<SlackApiCall> calls = new CopyOnWriteArrayList<>();
    private final List<PostedSlackMessage> messages = new CopyOnWriteArrayList<>();
    private final Map<String, String> usersByEmail = new ConcurrentHashMap<>();
    private final Map<String, String> channelIdsByName = new ConcurrentHashMap<>();
    private final Set<String> missingChannels = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong timestamps = new AtomicLong(1_700_000_000_000_000L);
    private volatile boolean everyoneIsAMember;

    private record Fault(int status, Duration retryAfter, String error) {
    }

    private TestingSlackServer() throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "testing-slack-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/api/", this::handle);
        server.start();
    }

    /**
     * Starts a server on 127.0.0.1 with a random port.
     *
     * @return the running server
     */
    public static TestingSlackServer start() {
        try {
            return new TestingSlackServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the testing Slack server", e);
        }
    }

    /**
     * The Web API prefix, for the client's methods endpoint URL prefix.
     *
     * @return e.g. {@code http://127.0.0.1:40123/api/}
     */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /**
     * Settings of {@code agent.plugins.notify} (relative keys) that point the Slack tool here and
     * allow every channel.
     *
     * @return the settings
     */
    public Map<String, Object> pluginSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("slack.api-url", apiUrl());
        settings.put("slack.token", TOKEN);
        settings.put("slack.allowed-channels", List.of("*"));
        return settings;
    }

    /**
     * Adds a workspace member, so that {@code users.lookupByEmail} finds them.
     *
     * @param email the member's e-mail
     * @return the member's user id
     */
    public String addUser(String email) {
        requireNonNull(email, "email is null");
        return usersByEmail.computeIfAbsent(email.toLowerCase(Locale.ROOT), e -> "U" + id());
    }

    /**
     * Makes {@code users.lookupByEmail} find every e-mail (each becomes a member on first
     * lookup), e.g. for the demo, whose developers are not known in advance.
     *
     * @param enabled true to accept every e-mail; false (the default) to know only added users
     */
    public void acceptEveryUser(boolean enabled) {
        everyoneIsAMember = enabled;
    }

    /**
     * Makes {@code chat.postMessage} to this channel answer {@code channel_not_found}.
     *
     * @param channel the channel name or id, as the client sends it
     */
    public void channelNotFound(String channel) {
        missingChannels.add(requireNonNull(channel, "channel is null"));
    }

    /**
     * Makes the next requests fail at the HTTP level.
     *
     * @param count how many requests
     * @param status the status, e.g. {@code 429} or {@code 500}
     * @param retryAfter the {@code Retry-After} to send (whole seconds), or {@code null}
     */
    public void failNext(int count, int status, Duration retryAfter) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(status, retryAfter, status == 429 ? "ratelimited" : "fatal_error"));
        }
    }

    /**
     * Makes the next requests answer {@code 200} with {@code {"ok":false,"error":error}}.
     *
     * @param count how many requests
     * @param error the Slack error code, e.g. {@code invalid_auth}
     */
    public void failNextWithError(int count, String error) {
        requireNonNull(error, "error is null");
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(200, null, error));
        }
    }

    /**
     * Every request received, in order.
     *
     * @return a snapshot
     */
    public List<SlackApiCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * The requests of one method.
     *
     * @param method e.g. {@code chat.postMessage}
     * @return a snapshot, in order
     */
    public List<SlackApiCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /**
     * The messages accepted, in order: what would have been sent.
     *
     * @return a snapshot
     */
    public List<PostedSlackMessage> messages() {
        return List.copyOf(messages);
    }

    /** Forgets recorded calls, messages and pending faults (users and channels stay). */
    public void reset() {
        calls.clear();
        messages.clear();
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
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery(), contentType, body);
            String token = token(exchange.getRequestHeaders().getFirst("Authorization"), params);
            Fault fault = faults.poll();
            if (fault != null && fault.status() != 200) {
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
                }
                record(method, params, token, contentType, fault.status(), fault.error());
                send(exchange, fault.status(), error(fault.error()));
                return;
            }
            String error = fault != null ? fault.error()
                    : TOKEN.equals(token) ? null : token == null ? "not_authed" : "invalid_auth";
            ObjectNode answer = error != null ? error(error) : answer(method, params);
            error = answer.path("ok").asBoolean() ? null : answer.path("error").asText();
            record(method, params, token, contentType, 200, error);
            send(exchange, 200, answer);
        }
    }

    private ObjectNode answer(String method, Map<String, String> params) {
        return switch (method) {
            case "auth.test" -> ok().put("url", "https://testing.slack.com/").put("team", "Testing")
                    .put("user", "event-agent").put("team_id", "T0TESTING").put("user_id", "U0EVENTAGENT")
                    .put("bot_id", "B0EVENTAGENT");
            case "users.lookupByEmail" -> lookupByEmail(params.get("email"));
            case "conversations.open" -> openConversation(params.get("users"));
            case "chat.postMessage" -> postMessage(params);
            default -> error("unknown_method");
        };
    }

    private ObjectNode lookupByEmail(String email) {
        if (email != null && everyoneIsAMember && email.contains("@")) {
            addUser(email);
        }
        String userId = email == null ? null : usersByEmail.get(email.toLowerCase(Locale.ROOT));
        if (userId == null) {
            return error("users_not_found");
        }
        ObjectNode answer = ok();
        ObjectNode user = answer.putObject("user").put("id", userId).put("name", email.substring(0, email.indexOf('@')));
        user.putObject("profile").put("email", email);
        return answer;
    }

    private ObjectNode openConversation(String users) {
        if (users == null || users.isBlank()) {
            return error("users_list_not_supplied");
        }
        if (!usersByEmail.containsValue(users)) {
            return error("user_not_found");
        }
        ObjectNode answer = ok();
        answer.putObject("channel").put("id", "D" + users.substring(1));
        return answer;
    }

    private ObjectNode postMessage(Map<String, String> params) {
        String channel = params.get("channel");
        String text = params.get("text");
        String blocks = params.get("blocks");
        if (channel == null || channel.isBlank()) {
            return error("channel_not_found");
        }
        if ((text == null || text.isEmpty()) && blocks == null) {
            return error("no_text");
        }
        if (text != null && text.length() > 40_000) {
            return error("msg_too_long");
        }
        if (missingChannels.contains(channel)) {
            return error("channel_not_found");
        }
        String channelId = channel.startsWith("#")
                ? channelIdsByName.computeIfAbsent(channel, c -> "C" + id()) : channel;
        long micros = timestamps.addAndGet(100);
        String ts = (micros / 1_000_000) + "." + String.format(Locale.ROOT, "%06d", micros % 1_000_000);
        messages.add(new PostedSlackMessage(channelId, channel, text == null ? "" : text, blocks,
                params.get("metadata"), ts));
        ObjectNode answer = ok().put("channel", channelId).put("ts", ts);
        answer.putObject("message").put("type", "message").put("text", text).put("ts", ts);
        return answer;
    }

    private void record(String method, Map<String, String> params, String token, String contentType, int status,
            String error) {
        calls.add(new SlackApiCall(method, params, token, contentType, status, error, Instant.now()));
    }

    private String id() {
        return String.format(Locale.ROOT, "%010d", ids.incrementAndGet());
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    private static ObjectNode error(String error) {
        return JSON.createObjectNode().put("ok", false).put("error", error);
    }

    private static String token(String authorization, Map<String, String> params) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return params.get("token");
    }

    private static Map<String, String> params(String query, String contentType, byte[] body) throws IOException {
        Map<String, String> params = new LinkedHashMap<>(form(query));
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonNode json = JSON.readTree(body);
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                params.put(field.getKey(), field.getValue().isTextual()
                        ? field.getValue().asText() : JSON.writeValueAsString(field.getValue()));
            }
        } else {
            params.putAll(form(new String(body, UTF_8)));
        }
        return params;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode answer) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
