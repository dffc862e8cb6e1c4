package dev.eventagent.testing.llm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.eventagent.api.Embedder.InputType;
import dev.eventagent.testing.TestingEmbedder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The {@code POST /v1/embeddings} endpoint of a {@link ScriptedModelServer}, in the OpenAI shape:
 * {@code {"model", "input": string | [string], "dimensions"?, "encoding_format"?: "float" | "base64"}}
 * answered with {@code {"object": "list", "data": [{"object": "embedding", "index", "embedding"}],
 * "model", "usage"}}.
 *
 * <p>Vectors come from {@link #vectors(Function)}, by default a {@link TestingEmbedder} (bag of
 * words) of the request's {@code dimensions} or {@link #dimension(int)}. Failures are scripted
 * with {@link #answerNext(Reply...)}: the next requests get those replies in turn ({@link
 * Reply.Error}, {@link Reply.RateLimited} with its {@code Retry-After}, or {@link Reply.Slow},
 * which waits and then answers with its {@code then} if that is an error, else with vectors).
 * Like OpenAI, an empty input string is a 400. Every well-formed request is recorded. Thread-safe.
 */
public final class ScriptedEmbeddings {

    /**
     * One embeddings request as received.
     *
     * @param sequence its number, from 1
     * @param model the {@code model} field
     * @param input the texts, in order
     * @param dimensions the {@code dimensions} field, or null
     * @param encodingFormat the {@code encoding_format} field, or null
     * @param headers the request headers, names lower-cased (first value each)
     */
    public record EmbeddingsRequest(int sequence, String model, List<String> input, Integer dimensions,
            String encodingFormat, Map<String, String> headers) {

        /**
         * Copies the components.
         *
         * @param sequence the number
         * @param model the model
         * @param input the texts
         * @param dimensions the dimensions or null
         * @param encodingFormat the format or null
         * @param headers the headers
         */
        public EmbeddingsRequest {
            input = List.copyOf(input);
            headers = Map.copyOf(headers);
        }
    }

    private final AtomicInteger sequence = new AtomicInteger();
    private final List<EmbeddingsRequest> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> next = new ConcurrentLinkedQueue<>();
    private volatile int dimension = 8;
    private volatile Function<String, float[]> vectors;

    ScriptedEmbeddings() {
    }

    /**
     * Sets the vector length used when a request names no {@code dimensions} (default 8).
     *
     * @param value the length, at least 1
     * @return this endpoint
     */
    public ScriptedEmbeddings dimension(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("a dimension is at least 1, got " + value);
        }
        this.dimension = value;
        return this;
    }

    /**
     * Sets how texts become vectors, instead of the bag-of-words default.
     *
     * @param function text to vector (sent as is, not normalised), or null for the default
     * @return this endpoint
     */
    public ScriptedEmbeddings vectors(Function<String, float[]> function) {
        this.vectors = function;
        return this;
    }

    /**
     * Answers the next requests with these replies, one each, before vectors again.
     *
     * @param replies errors, rate limits or slow replies
     * @return this endpoint
     */
    public ScriptedEmbeddings answerNext(Reply... replies) {
        for (Reply reply : replies) {
            next.add(requireNonNull(reply, "reply is null"));
        }
        return this;
    }

    /** @return every well-formed embeddings request, in arrival order (a snapshot) */
    public List<EmbeddingsRequest> requests() {
        return List.copyOf(requests);
    }

    /** @return how many well-formed embeddings requests arrived */
    public int requestCount() {
        return requests.size();
    }

    /** @return how many texts those requests carried */
    public int textCount() {
        return requests.stream().mapToInt(request -> request.input().size()).sum();
    }

    /** Forgets the recorded requests, the scripted replies and the custom vectors. */
    public void reset() {
        requests.clear();
        next.clear();
        vectors = null;
        dimension = 8;
    }

    void handle(HttpExchange exchange, Map<String, String> headers) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        JsonNode root;
        try {
            root = JsonSupport.MAPPER.readTree(body);
        } catch (IOException e) {
            send(exchange, 400, JsonSupport.errorBody("the request body is not JSON", "invalid_request_error", null));
            return;
        }
        List<String> input = new ArrayList<>();
        JsonNode inputNode = root == null ? null : root.get("input");
        if (inputNode != null && inputNode.isTextual()) {
            input.add(inputNode.asText());
        } else if (inputNode != null && inputNode.isArray()) {
            for (JsonNode item : inputNode) {
                if (!item.isTextual()) {
                    send(exchange, 400, JsonSupport.errorBody("'$.input' must be strings",
                            "invalid_request_error", null));
                    return;
                }
                input.add(item.asText());
            }
        }
        if (root == null || !root.path("model").isTextual() || input.isEmpty() || input.contains("")) {
            send(exchange, 400, JsonSupport.errorBody("'$.input' is invalid: it needs a model and non-empty "
                    + "strings", "invalid_request_error", null));
            return;
        }
        Integer dimensions = root.path("dimensions").isInt() ? root.path("dimensions").asInt() : null;
        String format = root.path("encoding_format").isTextual() ? root.path("encoding_format").asText() : null;
        EmbeddingsRequest request = new EmbeddingsRequest(sequence.incrementAndGet(), root.path("model").asText(),
                input, dimensions, format, headers);
        requests.add(request);
        answer(exchange, request, next.poll());
    }

    private void answer(HttpExchange exchange, EmbeddingsRequest request, Reply reply) throws IOException {
        if (reply instanceof Reply.Slow slow) {
            try {
                Thread.sleep(slow.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answer(exchange, request, slow.then() instanceof Reply.Error || slow.then() instanceof Reply.RateLimited
                    || slow.then() instanceof Reply.Slow ? slow.then() : null);
        } else if (reply instanceof Reply.Error error) {
            send(exchange, error.status(), error.body());
        } else if (reply instanceof Reply.RateLimited limited) {
            long seconds = limited.retryAfterSeconds();
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            send(exchange, 429, JsonSupport.errorBody("Rate limit reached for embeddings on model " + request.model()
                    + " (scripted). Please try again in " + seconds + "s.", "requests", "rate_limit_exceeded"));
        } else {
            send(exchange, 200, vectorsBody(request));
        }
    }

    private String vectorsBody(EmbeddingsRequest request) {
        int length = request.dimensions() == null ? dimension : request.dimensions();
        Function<String, float[]> function = vectors;
        TestingEmbedder words = new TestingEmbedder(length);
        ObjectNode root = JsonSupport.MAPPER.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        long tokens = 0;
        for (int i = 0; i < request.input().size(); i++) {
            String text = request.input().get(i);
            float[] vector = function == null ? words.embed(List.of(text), InputType.PASSAGE).get(0)
                    : function.apply(text);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if ("base64".equals(request.encodingFormat())) {
                ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(vector);
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
            tokens += Tokens.estimate(text.length());
        }
        root.put("model", request.model());
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
