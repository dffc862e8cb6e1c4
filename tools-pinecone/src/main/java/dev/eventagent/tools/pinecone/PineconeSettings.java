package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ConfigView;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The plugin's settings, read from {@code agent.plugins.pinecone} and checked once.
 *
 * @param apiKey the API key, or empty when it is not set
 * @param apiUrl the control-plane and Inference base URL, or empty for Pinecone's own
 * @param index the index name
 * @param indexHost the data-plane host, or empty to take it from the control plane
 * @param tls whether the data plane uses TLS
 * @param developersNamespace the namespace of developer profiles
 * @param issuesNamespace the namespace of issues
 * @param bootstrap whether the first call creates a missing index
 * @param cloud where bootstrap creates the index
 * @param region where bootstrap creates the index
 * @param connectTimeout the connect timeout
 * @param requestTimeout the longest one request may take
 * @param batchMaxSize the most vectors in one upsert request
 * @param batchLinger how long an upsert waits for others to join its batch
 * @param metadataMaxBytes the most JSON bytes of metadata per vector
 * @param maxTopK the most matches a search returns
 * @param inferenceModel the Inference model
 * @param inferenceDimension the length of the model's vectors
 * @param inferenceBatchSize the most texts per embed request
 * @param inferenceTruncate {@code END} or {@code NONE}
 */
record PineconeSettings(
        Optional<String> apiKey,
        Optional<URI> apiUrl,
        String index,
        Optional<String> indexHost,
        boolean tls,
        String developersNamespace,
        String issuesNamespace,
        boolean bootstrap,
        String cloud,
        String region,
        Duration connectTimeout,
        Duration requestTimeout,
        int batchMaxSize,
        Duration batchLinger,
        int metadataMaxBytes,
        int maxTopK,
        String inferenceModel,
        int inferenceDimension,
        int inferenceBatchSize,
        String inferenceTruncate) {

    /** Pinecone's own limit on one vector's metadata. */
    static final int PINECONE_METADATA_LIMIT = 40_960;

    /** Validates the fields. */
    PineconeSettings {
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(apiUrl, "apiUrl is null");
        requireNonNull(index, "index is null");
        requireNonNull(indexHost, "indexHost is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(batchLinger, "batchLinger is null");
    }

    /**
     * Reads and checks the settings.
     *
     * @param config the plugin's subtree
     * @param apiKey the secret at {@code api-key}, or empty
     * @return the settings
     * @throws IllegalArgumentException naming the full key when a value is out of range
     */
    static PineconeSettings from(ConfigView config, Optional<String> apiKey) {
        String prefix = config.path().isEmpty() ? "" : config.path() + ".";
        String url = config.getString("api-url").trim();
        Optional<URI> apiUrl = Optional.empty();
        if (!url.isEmpty()) {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(prefix + "api-url must be an http(s) URL such as"
                        + " https://api.pinecone.io, not '" + url + "'");
            }
            apiUrl = Optional.of(uri);
        }
        String index = config.getString("index").trim();
        if (!index.matches("[a-z0-9](?:[a-z0-9-]{0,43}[a-z0-9])?")) {
            throw new IllegalArgumentException(prefix + "index must be a Pinecone index name (lower-case letters,"
                    + " digits and '-', at most 45 characters), not '" + index + "'");
        }
        String host = config.getString("index-host").trim();
        String truncate = config.getString("inference.truncate").trim().toUpperCase(java.util.Locale.ROOT);
        if (!truncate.equals("END") && !truncate.equals("NONE")) {
            throw new IllegalArgumentException(prefix + "inference.truncate must be END or NONE, not '" + truncate
                    + "'");
        }
        return new PineconeSettings(
                apiKey.map(String::trim).filter(key -> !key.isEmpty()),
                apiUrl,
                index,
                host.isEmpty() ? Optional.empty() : Optional.of(host),
                config.getBoolean("tls"),
                namespace(config, prefix, "namespaces.developers"),
                namespace(config, prefix, "namespaces.issues"),
                config.getBoolean("bootstrap"),
                config.getString("cloud").trim(),
                config.getString("region").trim(),
                positive(config, prefix, "connect-timeout"),
                positive(config, prefix, "request-timeout"),
                range(config, prefix, "upsert-batch.max-size", 1, 1_000),
                linger(config, prefix),
                range(config, prefix, "metadata-max-bytes", 1_024, PINECONE_METADATA_LIMIT),
                range(config, prefix, "max-top-k", 1, 1_000),
                config.getString("inference.model").trim(),
                range(config, prefix, "inference.dimension", 1, 20_000),
                range(config, prefix, "inference.batch-size", 1, 1_000),
                truncate);
    }

    private static String namespace(ConfigView config, String prefix, String key) {
        String value = config.getString(key);
        if (value.isBlank() || value.length() > 512) {
            throw new IllegalArgumentException(prefix + key + " must be a namespace name of 1 to 512 characters");
        }
        return value;
    }

    private static Duration positive(ConfigView config, String prefix, String key) {
        Duration value = config.getDuration(key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(prefix + key + " must be positive, not " + value);
        }
        return value;
    }

    private static Duration linger(ConfigView config, String prefix) {
        Duration value = config.getDuration("upsert-batch.linger");
        if (value.isNegative() || value.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException(prefix + "upsert-batch.linger must be from 0ms to 1s, not " + value);
        }
        return value;
    }

    private static int range(ConfigView config, String prefix, String key, int min, int max) {
        int value = config.getInt(key);
        if (value < min || value > max) {
            throw new IllegalArgumentException(prefix + key + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }
}
