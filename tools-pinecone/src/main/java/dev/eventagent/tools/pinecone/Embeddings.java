package dev.eventagent.tools.pinecone;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import java.util.ArrayList;
import java.util.List;

/** Calls the shared embedder and checks that it returned one vector of the index's size per text. */
final class Embeddings {

    private Embeddings() {
    }

    /**
     * Embeds texts as lists of floats, as the Pinecone client takes them.
     *
     * @param embedder the embedder
     * @param texts the texts
     * @param type passages to store or queries to search with
     * @param dimension the index's dimension
     * @return one vector per text
     * @throws ToolException the embedder's own failure, or a permanent one when it returned
     *     vectors of another size
     */
    static List<List<Float>> embed(Embedder embedder, List<String> texts, Embedder.InputType type, int dimension) {
        List<float[]> vectors;
        try {
            vectors = embedder.embed(texts, type);
        } catch (ToolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PermanentToolException("the embedder '" + embedder.name() + "' failed: " + e, e);
        }
        if (vectors == null || vectors.size() != texts.size()) {
            throw new PermanentToolException("the embedder '" + embedder.name() + "' returned "
                    + (vectors == null ? "nothing" : vectors.size() + " vectors") + " for " + texts.size()
                    + " texts", null);
        }
        List<List<Float>> lists = new ArrayList<>(vectors.size());
        for (float[] vector : vectors) {
            if (vector == null || vector.length != dimension) {
                throw new PermanentToolException("the embedder '" + embedder.name() + "' returned a vector of"
                        + " dimension " + (vector == null ? 0 : vector.length) + " but the index has dimension "
                        + dimension, null);
            }
            List<Float> list = new ArrayList<>(vector.length);
            for (float value : vector) {
                list.add(value);
            }
            lists.add(list);
        }
        return lists;
    }
}
