package dev.eventagent.engine.plugin;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.engine.embed.CachingEmbedder;
import dev.eventagent.engine.embed.EmbeddingCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedders plugins provide, and the one {@code agent.embedder} selects. Plugins get a lazy
 * handle ({@link #selected()}) at creation time, when the embedder's own plugin may not exist yet.
 * With a cache, every embedder is wrapped in a {@link CachingEmbedder} as it is registered, so
 * identical texts are embedded once whoever asks.
 */
public final class EmbedderDirectory implements AutoCloseable {

    private final String selectedName;
    private final Map<String, Embedder> embedders = new ConcurrentHashMap<>();
    private final EmbeddingCache cache;

    /**
     * Creates the directory without a cache.
     *
     * @param selectedName the name {@code agent.embedder} gives, or empty for none
     */
    public EmbedderDirectory(String selectedName) {
        this(selectedName, 0);
    }

    /**
     * Creates the directory.
     *
     * @param selectedName the name {@code agent.embedder} gives, or empty for none
     * @param cacheMaxEntries the most vectors the shared cache keeps; 0 for no cache
     */
    public EmbedderDirectory(String selectedName, int cacheMaxEntries) {
        this.selectedName = selectedName;
        this.cache = cacheMaxEntries > 0 ? new EmbeddingCache(cacheMaxEntries) : null;
    }

    /**
     * Registers an embedder built into the engine (not from a plugin).
     *
     * @param embedder the embedder
     * @throws IllegalStateException when its name is taken
     */
    public void addBuiltIn(Embedder embedder) {
        add("engine", embedder);
    }

    /**
     * The shared cache.
     *
     * @return the cache, or empty when {@code agent.embedding-cache.max-entries = 0}
     */
    public Optional<EmbeddingCache> cache() {
        return Optional.ofNullable(cache);
    }

    /**
     * Measures the shared cache (when there is one) until {@link #close()}.
     *
     * @param meters the registry
     */
    public void bindTo(MeterRegistry meters) {
        if (cache != null) {
            cache.bindTo(meters);
        }
    }

    /** Removes the cache's meters. */
    @Override
    public void close() {
        if (cache != null) {
            cache.unbindMetrics();
        }
    }

    void add(String plugin, Embedder embedder) {
        Embedder previous = embedders.putIfAbsent(embedder.name(),
                cache == null ? embedder : new CachingEmbedder(embedder, cache));
        if (previous != null) {
            throw new IllegalStateException("embedder '" + embedder.name() + "' of plugin '" + plugin
                    + "' has the name of an embedder already registered");
        }
    }

    /**
     * The embedders by name.
     *
     * @return a sorted copy
     */
    public Map<String, Embedder> all() {
        return new TreeMap<>(embedders);
    }

    /**
     * The configured embedder, if installed.
     *
     * @return the embedder
     */
    public Optional<Embedder> resolve() {
        return selectedName.isEmpty() ? Optional.empty() : Optional.ofNullable(embedders.get(selectedName));
    }

    /**
     * A handle that resolves the configured embedder on every use.
     *
     * @return the handle
     */
    public Embedder selected() {
        return new Embedder() {
            @Override
            public String name() {
                return selectedName;
            }

            @Override
            public int dimension() {
                return require().dimension();
            }

            @Override
            public List<float[]> embed(List<String> texts, InputType type) throws ToolException {
                return require().embed(texts, type);
            }
        };
    }

    private Embedder require() {
        return resolve().orElseThrow(() -> new PermanentToolException(selectedName.isEmpty()
                ? "no embedder is configured: set agent.embedder to one of " + embedders.keySet()
                : "agent.embedder = '" + selectedName + "' but no installed plugin provides it; installed: "
                        + embedders.keySet(), null));
    }
}
