package dev.eventagent.engine.embed;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventagent.api.Embedder;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The {@code openai} embedder: any OpenAI-compatible {@code POST /embeddings} endpoint (OpenAI,
 * Azure-style gateways, vLLM, Text Embeddings Inference, Ollama…), over {@code java.net.http}.
 *
 * <p>It never retries: an embedder is called inside a tool call, and the engine already retries
 * that call (with backoff and the server's {@code Retry-After}) when it fails as transient. So
 * 429 becomes {@link TransientToolException} carrying {@code Retry-After}, 408/5xx and timeouts or
 * refused connections are transient, and 400/401/403/404 and answers of the wrong shape or length
 * are permanent. (langchain4j's {@code OpenAiEmbeddingModel} would retry by itself and drop the
 * {@code Retry-After}; this small client keeps one retry layer and the header.)
 *
 * <p>Texts are sent in batches of {@code batch-size}; vectors come back in input order, each
 * checked against {@code dimension} and L2-normalised. Blank texts are refused before any request
 * (the API refuses them too). Thread-safe.
 */
public final class OpenAiEmbedder implements Embedder {

    /** The name {@code agent.embedder} selects. */
    public static final String NAME = "openai";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private final OpenAiEmbeddingSettings settings;
    private final HttpClient client;

    /**
     * Creates the embedder; nothing is sent until the first call.
     *
     * @param settings the settings
     */
    public OpenAiEmbedder(OpenAiEmbeddingSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return settings.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts, InputType type) throws ToolException {
        requireNonNull(texts, "texts is null");
        requireNonNull(type, "type is null");
        String prefix = type == InputType.QUERY ? settings.queryPrefix() : settings.passagePrefix();
        List<String> inputs = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new InvalidArgumentsException("text " + (i + 1) + " of " + texts.size() + " is "
                        + (text == null ? "null" : "empty or blank") + ": there is nothing to embed");
            }
            inputs.add(prefix + text);
        }
        List<float[]> vectors = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += settings.batchSize()) {
            vectors.addAll(request(inputs.subList(from, Math.min(inputs.size(), from + settings.batchSize()))));
        }
        return vectors;
    }

    private List<float[]> request(List<String> inputs) throws ToolException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", settings.model());
        ArrayNode input = body.putArray("input");
        inputs.forEach(input::add);
        body.put("encoding_format", "float");
        if (settings.sendDimensions()) {
            body.put("dimensions", settings.dimension());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (!settings.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TransientToolException(where() + " did not answer within " + settings.timeout().toMillis()
                    + " ms", e);
        } catch (ConnectException e) {
            throw new TransientToolException("cannot connect to " + where() + ": " + e, e);
        } catch (IOException e) {
            throw new TransientToolException(where() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientToolException("interrupted while waiting for " + where(), e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return vectors(response.body(), inputs.size());
        }
        String detail = detail(response.body());
        if (status == 429) {
            Duration retryAfter = retryAfter(response).orElse(null);
            throw new TransientToolException(where() + " is rate limiting (429)"
                    + (retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms") + ": " + detail,
                    null, retryAfter);
        }
        if (status == 408 || status >= 500) {
            throw new TransientToolException(where() + " failed (" + status + "): " + detail, null,
                    retryAfter(response).orElse(null));
        }
        if (status == 401 || status == 403) {
            throw new PermanentToolException(where() + " refused the credentials (" + status + "): " + detail
                    + " — check agent.embedders.openai.api-key (EMBEDDINGS_API_KEY)", null);
        }
        throw new PermanentToolException(where() + " rejected the request (" + status + "): " + detail
                + " — check agent.embedders.openai.base-url, model and dimension", null);
    }

    private List<float[]> vectors(String body, int expected) throws ToolException {
        JsonNode data;
        try {
            data = MAPPER.readTree(body).path("data");
        } catch (IOException e) {
            throw new PermanentToolException(where() + " answered with something that is not JSON: "
                    + truncate(body), e);
        }
        if (!data.isArray() || data.size() != expected) {
            throw new PermanentToolException(where() + " answered " + (data.isArray() ? data.size() : "no")
                    + " embeddings for " + expected + " texts", null);
        }
        float[][] ordered = new float[expected][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            if (index < 0 || index >= expected || ordered[index] != null) {
                throw new PermanentToolException(where() + " answered an embedding with a missing or repeated "
                        + "index " + item.path("index"), null);
            }
            float[] vector = parse(item.path("embedding"));
            if (vector.length != settings.dimension()) {
                throw new PermanentToolException(where() + " returned " + vector.length + " dimensions for model '"
                        + settings.model() + "' but agent.embedders.openai.dimension = " + settings.dimension()
                        + ": set dimension to the model's (vectors already stored with another dimension must "
                        + "be re-embedded)", null);
            }
            ordered[index] = normalised(vector);
        }
        return List.of(ordered);
    }

    /** A float array, or base64 of little-endian floats when a server ignores {@code encoding_format}. */
    private float[] parse(JsonNode embedding) throws ToolException {
        if (embedding.isArray()) {
            float[] vector = new float[embedding.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) embedding.get(i).asDouble();
            }
            return vector;
        }
        if (embedding.isTextual()) {
            try {
                ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asText()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                float[] vector = new float[bytes.remaining() / Float.BYTES];
                bytes.asFloatBuffer().get(vector);
                return vector;
            } catch (IllegalArgumentException e) {
                throw new PermanentToolException(where() + " answered an embedding that is neither numbers nor "
                        + "base64", e);
            }
        }
        throw new PermanentToolException(where() + " answered an item without an embedding", null);
    }

    private static float[] normalised(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0 || Math.abs(norm - 1) < 1e-6) {
            return vector;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }

    /** {@code Retry-After} in seconds, or OpenAI's {@code retry-after-ms}. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> millis = response.headers().firstValue("retry-after-ms");
        try {
            if (millis.isPresent()) {
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(millis.get().trim()))));
            }
            Optional<String> seconds = response.headers().firstValue("Retry-After");
            if (seconds.isPresent()) {
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(seconds.get().trim()) * 1000)));
            }
        } catch (NumberFormatException e) {
            // an HTTP date: rare from these APIs, read as no hint
        }
        return Optional.empty();
    }

    /** The error's {@code message} from an OpenAI error body, else the body's beginning. */
    private static String detail(String body) {
        try {
            JsonNode message = MAPPER.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return truncate(message.asText());
            }
        } catch (IOException e) {
            // not JSON: show its beginning
        }
        return truncate(body);
    }

    private static String truncate(String text) {
        return text == null ? "" : text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }

    private String where() {
        return "the embeddings endpoint " + settings.endpoint() + " (model " + settings.model() + ")";
    }
}
