package dev.eventagent.api;

import java.util.List;

/**
 * Turns text into vectors. Implementations: a local in-process model, Pinecone Inference, an
 * OpenAI-compatible embeddings endpoint. Must be thread-safe.
 *
 * @since 0.1
 */
public interface Embedder {

    /** Whether a text is a document to store or a query to search with (e5 models differ). */
    enum InputType {
        /** A document that will be stored and searched. */
        PASSAGE,
        /** A search query. */
        QUERY
    }

    /**
     * The name by which {@code agent.embedder} selects this embedder, e.g. {@code local-minilm}.
     *
     * @return the name
     */
    String name();

    /**
     * The length of every vector this embedder returns.
     *
     * @return the dimension
     */
    int dimension();

    /**
     * Embeds texts, in order.
     *
     * @param texts the texts
     * @param type whether they are passages or queries
     * @return one vector per text, each of {@link #dimension()} floats
     * @throws ToolException when embedding fails (transient for a remote service that is down)
     */
    List<float[]> embed(List<String> texts, InputType type) throws ToolException;
}
