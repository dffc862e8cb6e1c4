package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PermanentToolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds one text at a time through the shared {@link Embedder}, remembering the vectors of the
 * most recently used texts (least recently used first out). Keys are the embedder's name, the
 * input type and a SHA-256 of the text, so long texts cost no memory as keys. Thread-safe.
 */
final class EmbeddingCache {

    private final Embedder embedder;
    private final int capacity;
    private final Metrics metrics;
    private final Map<String, float[]> entries;

    /**
     * Creates the cache.
     *
     * @param embedder the shared embedder
     * @param capacity how many vectors to keep; 0 keeps none
     * @param metrics where hits and misses are counted
     */
    EmbeddingCache(Embedder embedder, int capacity, Metrics metrics) {
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    /**
     * The vector of a text, from the cache or the embedder.
     *
     * @param text the text
     * @param type passage (stored) or query (searched with)
     * @return a copy of the vector, of the embedder's dimension
     * @throws dev.eventagent.api.ToolException when the embedder fails or returns a malformed vector
     */
    float[] embed(String text, Embedder.InputType type) {
        String key = embedder.name() + '\u0000' + type + '\u0000' + sha256(text);
        synchronized (entries) {
            float[] cached = entries.get(key);
            if (cached != null) {
                metrics.increment("postgres.embedding.cache", "result", "hit");
                return cached.clone();
            }
        }
        metrics.increment("postgres.embedding.cache", "result", "miss");
        List<float[]> vectors = embedder.embed(List.of(text), type);
        int dimension = embedder.dimension();
        if (vectors == null || vectors.size() != 1 || vectors.get(0) == null || vectors.get(0).length != dimension) {
            throw new PermanentToolException("embedder '" + embedder.name() + "' did not return one vector of its"
                    + " declared dimension " + dimension + " for one text", null);
        }
        float[] vector = vectors.get(0).clone();
        for (float value : vector) {
            if (!Float.isFinite(value)) {
                throw new PermanentToolException("embedder '" + embedder.name()
                        + "' returned a vector with a non-finite value", null);
            }
        }
        if (capacity > 0) {
            synchronized (entries) {
                entries.put(key, vector.clone());
            }
        }
        return vector;
    }

    /**
     * How many vectors are cached.
     *
     * @return the count
     */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
