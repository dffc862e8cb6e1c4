package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import java.util.List;

/**
 * Embeds one text through the shared {@link Embedder} the engine hands the plugin
 * ({@code PluginContext.embedder()}) and checks the vector before it is stored or searched with:
 * one vector, of the embedder's declared dimension, every value finite. The plugin keeps no cache:
 * the engine caches every embedder's vectors ({@code agent.embedding-cache}).
 */
final class SingleTextEmbedder {

    private final Embedder embedder;

    /**
     * Wraps the shared embedder.
     *
     * @param embedder the engine's embedder
     */
    SingleTextEmbedder(Embedder embedder) {
        this.embedder = requireNonNull(embedder, "embedder is null");
    }

    /**
     * The vector of a text.
     *
     * @param text the text
     * @param type passage (stored) or query (searched with)
     * @return the vector, of the embedder's dimension
     * @throws dev.eventagent.api.ToolException when the embedder fails or returns a malformed vector
     */
    float[] embed(String text, Embedder.InputType type) {
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
        return vector;
    }
}
