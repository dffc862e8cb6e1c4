package dev.eventagent.engine.embed;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;

/**
 * The settings of the engine's OpenAI-compatible embedder, {@code agent.embedders.openai}.
 *
 * @param enabled whether the embedder is registered even when {@code agent.embedder} does not select it
 * @param baseUrl the endpoint's base URL; requests go to {@code <base-url>/embeddings}
 * @param model the model name sent with every request
 * @param apiKey the bearer token (a secret), or empty to send none
 * @param dimension the length of the vectors the model returns (checked on every answer)
 * @param sendDimensions whether to send {@code "dimensions"} to ask the model to shorten its vectors
 * @param timeout one request's timeout
 * @param batchSize the most texts in one request
 * @param queryPrefix put before every query text (e.g. {@code "query: "} for e5 models)
 * @param passagePrefix put before every passage text (e.g. {@code "passage: "})
 */
public record OpenAiEmbeddingSettings(boolean enabled, String baseUrl, String model, String apiKey, int dimension,
        boolean sendDimensions, Duration timeout, int batchSize, String queryPrefix, String passagePrefix) {

    private static final String PATH = "agent.embedders.openai";

    /** Validates the settings, naming the key that is wrong. */
    public OpenAiEmbeddingSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(model, "model is null");
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(queryPrefix, "queryPrefix is null");
        requireNonNull(passagePrefix, "passagePrefix is null");
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PATH + ".base-url is not a URL: " + baseUrl, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(PATH + ".base-url must be an http or https URL, got '" + baseUrl + "'");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException(PATH + ".model is empty: name the embedding model");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException(PATH + ".dimension must be at least 1, got " + dimension);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(PATH + ".batch-size must be at least 1, got " + batchSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PATH + ".timeout must be positive, got " + timeout);
        }
    }

    /**
     * Reads {@code agent.embedders.openai}.
     *
     * @param config the whole config
     * @return the settings
     */
    public static OpenAiEmbeddingSettings of(Config config) {
        Config own = config.getConfig(PATH);
        return new OpenAiEmbeddingSettings(own.getBoolean("enabled"), own.getString("base-url"),
                own.getString("model"), own.getString("api-key"), own.getInt("dimension"),
                own.getBoolean("send-dimensions"), own.getDuration("timeout"), own.getInt("batch-size"),
                own.getString("query-prefix"), own.getString("passage-prefix"));
    }

    /**
     * The embeddings endpoint.
     *
     * @return {@code <base-url>/embeddings}
     */
    public URI endpoint() {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + "/embeddings");
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "OpenAiEmbeddingSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey.isEmpty() ? "none" : "[hidden]") + ", dimension=" + dimension + ", sendDimensions="
                + sendDimensions + ", timeout=" + timeout + ", batchSize=" + batchSize + "]";
    }
}
