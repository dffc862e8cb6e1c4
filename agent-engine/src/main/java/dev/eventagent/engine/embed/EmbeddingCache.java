package dev.eventagent.engine.embed;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder.InputType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded least-recently-used cache of embeddings, keyed by (embedder, input type, text), shared
 * by every embedder of the engine ({@code agent.embedding-cache.max-entries}). Vectors are copied
 * in and out, so no caller can change another's. Thread-safe (one lock; a lookup is a hash probe
 * and an array copy, far cheaper than any embedding).
 *
 * <p>Memory: about {@code max-entries × (4 × dimension + text length × 2)} bytes, e.g. 10 000
 * MiniLM vectors of short texts ≈ 20 MB.
 */
public final class EmbeddingCache {

    /**
     * What a vector is cached under.
     *
     * @param embedder the embedder's name
     * @param type query or passage (some models embed them differently)
     * @param text the text
     */
    record Key(String embedder, InputType type, String text) {
    }

    private final int maxEntries;
    private final Map<Key, float[]> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * Creates the cache.
     *
     * @param maxEntries the most vectors kept, at least 1
     */
    public EmbeddingCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("agent.embedding-cache.max-entries must be at least 1 here "
                    + "(0 turns the cache off), got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > EmbeddingCache.this.maxEntries;
            }
        };
    }

    /**
     * A cached vector, as a copy.
     *
     * @param embedder the embedder's name
     * @param type the input type
     * @param text the text
     * @return the vector, or null
     */
    float[] get(String embedder, InputType type, String text) {
        float[] vector;
        synchronized (entries) {
            vector = entries.get(new Key(embedder, type, text));
        }
        if (vector == null) {
            misses.incrementAndGet();
            return null;
        }
        hits.incrementAndGet();
        return vector.clone();
    }

    /**
     * Caches a copy of a vector.
     *
     * @param embedder the embedder's name
     * @param type the input type
     * @param text the text
     * @param vector the vector
     */
    void put(String embedder, InputType type, String text, float[] vector) {
        requireNonNull(vector, "vector is null");
        float[] copy = vector.clone();
        synchronized (entries) {
            entries.put(new Key(embedder, type, text), copy);
        }
    }

    /**
     * How many vectors are cached.
     *
     * @return the count
     */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /**
     * Lookups that found a vector.
     *
     * @return the count since start
     */
    public long hits() {
        return hits.get();
    }

    /**
     * Lookups that did not.
     *
     * @return the count since start
     */
    public long misses() {
        return misses.get();
    }

    /**
     * The bound.
     *
     * @return the most vectors kept
     */
    public int maxEntries() {
        return maxEntries;
    }
}
