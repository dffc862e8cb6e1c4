package dev.eventagent.engine.embed;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventagent.api.Embedder.InputType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;

/**
 * The engine's one embedding cache, keyed by (embedder, input type, text) and shared by every
 * embedder of the engine, from a plugin or built in ({@code agent.embedding-cache.max-entries}):
 * a Caffeine cache bounded by size, which keeps the texts used most often and most recently
 * (W-TinyLFU). Vectors are copied in and out, so no caller can change another's. Thread-safe;
 * its upkeep runs on the calling thread, so the bound holds when a call returns.
 *
 * <p>Measured by Micrometer's cache binder under the name {@value #NAME}:
 * {@code cache_gets_total{cache="embeddings",result="hit"|"miss"}}, {@code cache_size},
 * {@code cache_evictions_total}, {@code cache_puts_total}.
 *
 * <p>Memory: about {@code max-entries × (4 × dimension + text length × 2)} bytes, e.g. 10 000
 * MiniLM vectors of short texts ≈ 20 MB.
 */
public final class EmbeddingCache {

    /** The cache's name in metrics (the {@code cache} tag). */
    public static final String NAME = "embeddings";

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
    private final Cache<Key, float[]> entries;
    private volatile Runnable unbind = () -> { };

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
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .executor(Runnable::run)
                .recordStats()
                .build();
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
        float[] vector = entries.getIfPresent(new Key(embedder, type, text));
        return vector == null ? null : vector.clone();
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
        entries.put(new Key(embedder, type, text), vector.clone());
    }

    /**
     * How many vectors are cached.
     *
     * @return the count
     */
    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    /**
     * Lookups that found a vector.
     *
     * @return the count since start
     */
    public long hits() {
        return entries.stats().hitCount();
    }

    /**
     * Lookups that did not.
     *
     * @return the count since start
     */
    public long misses() {
        return entries.stats().missCount();
    }

    /**
     * Measures the cache, until {@link #unbindMetrics()}.
     *
     * @param meters the registry
     */
    public void bindTo(MeterRegistry meters) {
        CaffeineCacheMetrics.monitor(meters, entries, NAME);
        List<Meter> bound = meters.getMeters().stream().filter(meter -> NAME.equals(meter.getId().getTag("cache")))
                .toList();
        unbind = () -> bound.forEach(meters::remove);
    }

    /** Removes the meters {@link #bindTo} registered, so that a later cache of that name is measured afresh. */
    public void unbindMetrics() {
        unbind.run();
        unbind = () -> { };
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
