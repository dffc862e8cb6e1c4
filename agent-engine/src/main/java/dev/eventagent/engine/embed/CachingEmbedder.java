package dev.eventagent.engine.embed;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.ToolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedder behind the engine's {@link EmbeddingCache}: texts already embedded (by this
 * embedder, as the same input type) come from the cache; the others, each distinct text once,
 * go to the embedder in one call, in their order. Failures are not cached.
 */
public final class CachingEmbedder implements Embedder {

    private final Embedder delegate;
    private final EmbeddingCache cache;

    /**
     * Wraps an embedder.
     *
     * @param delegate the embedder
     * @param cache the shared cache
     */
    public CachingEmbedder(Embedder delegate, EmbeddingCache cache) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.cache = requireNonNull(cache, "cache is null");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts, InputType type) throws ToolException {
        requireNonNull(texts, "texts is null");
        requireNonNull(type, "type is null");
        String name = delegate.name();
        float[][] vectors = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            vectors[i] = text == null ? null : cache.get(name, type, text);
            if (vectors[i] == null) {
                // a null text goes to the embedder, which says what is wrong with it
                missing.computeIfAbsent(text, key -> new ArrayList<>()).add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<String> toEmbed = new ArrayList<>(missing.keySet());
            List<float[]> embedded = delegate.embed(toEmbed, type);
            if (embedded.size() != toEmbed.size()) {
                throw new IllegalStateException("embedder '" + name + "' returned " + embedded.size()
                        + " vectors for " + toEmbed.size() + " texts");
            }
            for (int j = 0; j < toEmbed.size(); j++) {
                float[] vector = embedded.get(j);
                cache.put(name, type, toEmbed.get(j), vector);
                List<Integer> positions = missing.get(toEmbed.get(j));
                for (int k = 0; k < positions.size(); k++) {
                    vectors[positions.get(k)] = k == 0 ? vector : vector.clone();
                }
            }
        }
        return Arrays.asList(vectors);
    }

    /**
     * The embedder behind the cache.
     *
     * @return the embedder
     */
    public Embedder delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "CachingEmbedder[" + name() + "]";
    }
}
