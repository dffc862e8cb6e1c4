package dev.eventagent.testing.llm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A scripted, OpenAI-compatible model server for tests: a real HTTP server on 127.0.0.1 (random
 * port) serving {@code POST /v1/chat/completions}, {@code GET /v1/models} and
 * {@code POST /v1/embeddings} (see {@link #embeddings()}), meant to be used
 * through a real client ({@code OpenAiChatModel.builder().baseUrl(server.baseUrl())…}).
 *
 * <p>Each chat request is answered by the first script, in registration order, whose predicate
 * matches it ({@link #when(Predicate)}); when none matches, by {@link #otherwise(Reply)} or, by
 * default, a 400 error saying "no script matched" with the request's last user message, so a
 * test with a missing script fails loudly. Every request is recorded ({@link #requests()}) and the
 * most requests in progress at once is tracked ({@link #maxConcurrent()}).
 *
 * <p>Responses carry a deterministic {@code usage} (characters / 4, see
 * {@link ChatRequestView#promptTokens()}); streamed responses split content and tool call
 * arguments into pieces of at most {@value #CHUNK_CHARS} characters. Thread-safe.
 *
 * <pre>{@code
 * try (ScriptedModelServer server = ScriptedModelServer.start()) {
 *     server.when(r -> r.hasToolResult("find_owner")).reply(Reply.text("done"));
 *     server.when(r -> true).reply(Reply.toolCalls(ToolCallSpec.call("find_owner", "{\"repo\":\"x\"}")));
 *     // point the planner's OpenAiChatModel at server.baseUrl()
 * }
 * }</pre>
 */
public final class ScriptedModelServer implements AutoCloseable {

    /** The model listed by {@code GET /v1/models} unless others are given. */
    public static final String DEFAULT_MODEL = "Qwen/Qwen3-32B";

    /** The most characters of content or arguments in one streamed delta. */
    public static final int CHUNK_CHARS = 8;

    private static final int THREADS = 32;

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> modelIds;
    private final CompletionRenderer renderer;
    private final List<ChatScript> scripts = new CopyOnWriteArrayList<>();
    private final List<ChatRequestView> requests = new CopyOnWriteArrayList<>();
    private final ScriptedEmbeddings embeddings = new ScriptedEmbeddings();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile Reply otherwise;

    private ScriptedModelServer(List<String> modelIds) throws IOException {
        this.modelIds = List.copyOf(modelIds);
        this.renderer = new CompletionRenderer(CHUNK_CHARS, Instant.now().getEpochSecond());
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 128);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "scripted-model-server-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server listing {@value #DEFAULT_MODEL}.
     *
     * @return the running server
     */
    public static ScriptedModelServer start() {
        return start(List.of(DEFAULT_MODEL));
    }

    /**
     * Starts a server.
     *
     * @param modelIds the model ids {@code GET /v1/models} lists (requests may name any model)
     * @return the running server
     * @throws UncheckedIOException if no port on 127.0.0.1 can be bound
     */
    public static ScriptedModelServer start(List<String> modelIds) {
        requireNonNull(modelIds, "modelIds is null");
        try {
            return new ScriptedModelServer(modelIds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scripted model server on 127.0.0.1", e);
        }
    }

    /** @return {@code http://127.0.0.1:<port>/v1}, the base URL for an OpenAI client */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Starts a script; it answers once its replies are set with {@link ChatScript#reply(Reply...)}.
     * Scripts are tried in the order their replies were set: register specific ones first.
     *
     * @param predicate which requests the script answers (it must not throw; if it does, the
     *     request gets a 400 naming the exception)
     * @return the script
     */
    public ChatScript when(Predicate<ChatRequestView> predicate) {
        return new ChatScript(predicate, scripts::add);
    }

    /**
     * Sets the reply to requests no script matches, instead of the "no script matched" 400.
     *
     * @param reply the fallback reply, or {@code null} for the default 400
     * @return this server
     */
    public ScriptedModelServer otherwise(Reply reply) {
        this.otherwise = reply;
        return this;
    }

    /**
     * The embeddings endpoint, to script its vectors and failures and to read what it received.
     *
     * @return the endpoint
     */
    public ScriptedEmbeddings embeddings() {
        return embeddings;
    }

    /** @return every chat request received with a valid JSON body, in arrival order (a snapshot) */
    public List<ChatRequestView> requests() {
        return List.copyOf(requests);
    }

    /**
     * The latest chat request.
     *
     * @return the request
     * @throws IllegalStateException if none arrived yet
     */
    public ChatRequestView lastRequest() {
        List<ChatRequestView> snapshot = requests();
        if (snapshot.isEmpty()) {
            throw new IllegalStateException("the scripted model server has received no chat request");
        }
        return snapshot.get(snapshot.size() - 1);
    }

    /** @return how many chat requests arrived with a valid JSON body */
    public int requestCount() {
        return requests.size();
    }

    /** @return how many chat requests are being answered right now */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return the most chat requests that were being answered at the same time */
    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    /**
     * Forgets the scripts, the fallback reply, the recorded requests and the concurrency peak, and
     * resets the embeddings endpoint.
     */
    public void reset() {
        scripts.clear();
        otherwise = null;
        requests.clear();
        maxConcurrent.set(inFlight.get());
        embeddings.reset();
    }

    /** Stops the server at once; requests still waiting on a slow reply are abandoned. */
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
        return "ScriptedModelServer[" + baseUrl() + ", requests=" + requestCount() + "]";
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            String method = exchange.getRequestMethod();
            if (path.equals("/v1/chat/completions")) {
                if (method.equals("POST")) {
                    chatCompletion(exchange);
                } else {
                    sendError(exchange, 405, "use POST for /v1/chat/completions, not " + method);
                }
            } else if (path.equals("/v1/embeddings")) {
                if (method.equals("POST")) {
                    embeddings.handle(exchange, headersOf(exchange));
                } else {
                    sendError(exchange, 405, "use POST for /v1/embeddings, not " + method);
                }
            } else if (path.equals("/v1/models") && method.equals("GET")) {
                sendJson(exchange, 200, models());
            } else {
                sendError(exchange, 404, "the scripted model server serves POST /v1/chat/completions, "
                        + "POST /v1/embeddings and GET /v1/models, not " + method + " " + path);
            }
        } catch (IOException e) {
            // the client went away (e.g. it timed out on a slow reply): nothing left to answer
        } catch (RuntimeException e) {
            if (exchange.getResponseCode() == -1) {
                try {
                    sendError(exchange, 500, "the scripted model server failed: " + e);
                } catch (IOException ignored) {
                    // the client went away
                }
            }
        } finally {
            exchange.close();
        }
    }

    private void chatCompletion(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            ChatRequestView request;
            try {
                request = ChatRequestView.parse(sequence.incrementAndGet(), body, headersOf(exchange));
            } catch (IllegalArgumentException e) {
                sendError(exchange, 400, "the scripted model server cannot read the request: " + e.getMessage());
                return;
            }
            requests.add(request);
            send(exchange, request, choose(request));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Reply choose(ChatRequestView request) {
        for (ChatScript script : scripts) {
            boolean matches;
            try {
                matches = script.matches(request);
            } catch (RuntimeException e) {
                return Reply.errorMessage(400, "ScriptedModelServer: a script predicate threw " + e
                        + " on request #" + request.sequence() + "; last user message: "
                        + request.lastUserMessage());
            }
            if (matches) {
                return script.next();
            }
        }
        Reply fallback = otherwise;
        if (fallback != null) {
            return fallback;
        }
        String message = "ScriptedModelServer: no script matched request #" + request.sequence()
                + " (round " + request.round() + ", tools " + request.toolNames() + ", stream "
                + request.stream() + "); last user message: " + request.lastUserMessage();
        return new Reply.Error(400, JsonSupport.errorBody(message, "invalid_request_error", "no_script_matched"));
    }

    private void send(HttpExchange exchange, ChatRequestView request, Reply reply) throws IOException {
        if (reply instanceof Reply.Slow slow) {
            try {
                Thread.sleep(slow.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(exchange, request, slow.then());
        } else if (reply instanceof Reply.Error error) {
            sendJson(exchange, error.status(), error.body());
        } else if (reply instanceof Reply.RateLimited limited) {
            long seconds = limited.retryAfterSeconds();
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            exchange.getResponseHeaders().set("x-ratelimit-reset-requests", seconds + "s");
            String message = "Rate limit reached for requests on model " + request.model()
                    + " (scripted). Please try again in " + seconds + "s.";
            sendJson(exchange, 429, JsonSupport.errorBody(message, "requests", "rate_limit_exceeded"));
        } else if (request.stream()) {
            sendStream(exchange, renderer.chunks(request, reply));
        } else {
            sendJson(exchange, 200, renderer.completion(request, reply));
        }
    }

    private static void sendStream(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String data : events) {
                out.write(("data: " + data + "\n\n").getBytes(UTF_8));
                out.flush();
            }
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        sendJson(exchange, status, JsonSupport.errorBody(message, type, null));
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String models() {
        ObjectNode root = JsonSupport.MAPPER.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : modelIds) {
            data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "scripted");
        }
        return root.toString();
    }

    private static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return headers;
    }
}
