package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Struct;
import dev.eventagent.api.Embedder;
import dev.eventagent.api.ToolCall;
import io.pinecone.unsigned_indices_model.ScoredVectorWithUnsignedIndices;
import java.util.List;
import java.util.Map;

/**
 * What the tools do with the index: embed texts with the shared embedder (passages to store,
 * queries to search), write through the {@link UpsertBatcher}, search, fetch and delete, each
 * after the plugin's start-up and within the call's deadline.
 */
final class VectorStore {

    private final PineconeStartUp startUp;
    private final UpsertBatcher batcher;
    private final Embedder embedder;

    VectorStore(PineconeStartUp startUp, UpsertBatcher batcher, Embedder embedder) {
        this.startUp = requireNonNull(startUp, "startUp is null");
        this.batcher = requireNonNull(batcher, "batcher is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
    }

    /**
     * Embeds a text as a passage and stores it under an id (replacing what the id held).
     *
     * @param call the call
     * @param namespace the namespace
     * @param id the id
     * @param text the text to embed, whole
     * @param metadata the metadata to store
     * @return the index's dimension
     */
    int upsert(ToolCall call, String namespace, String id, String text, Map<String, Object> metadata) {
        PineconeIndex index = startUp.await(call);
        batcher.upsert(index, new UpsertBatcher.Item(namespace, id, text, metadata, call.deadline()));
        return index.dimension();
    }

    /**
     * Embeds a query and finds the closest vectors.
     *
     * @param call the call
     * @param namespace the namespace
     * @param query the query text
     * @param topK how many matches
     * @param filter a metadata filter, or {@code null}
     * @return the matches, best first, with metadata
     */
    List<ScoredVectorWithUnsignedIndices> search(ToolCall call, String namespace, String query, int topK,
            Struct filter) {
        PineconeIndex index = startUp.await(call);
        List<Float> vector = Embeddings.embed(embedder, List.of(query), Embedder.InputType.QUERY,
                index.dimension()).get(0);
        return index.query(namespace, vector, topK, filter, call.deadline());
    }

    /**
     * Deletes a vector.
     *
     * @param call the call
     * @param namespace the namespace
     * @param id the id
     * @return whether it existed just before
     */
    boolean delete(ToolCall call, String namespace, String id) {
        PineconeIndex index = startUp.await(call);
        boolean existed = index.fetch(namespace, List.of(id), call.deadline()).containsKey(id);
        index.delete(namespace, List.of(id), call.deadline());
        return existed;
    }

    /**
     * The embedder's name, for results.
     *
     * @return the name, or "unknown" when the embedder cannot say
     */
    String embedderName() {
        try {
            return embedder.name();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * A score for a result: the cosine similarity, four decimals.
     *
     * @param score the raw score
     * @return the rounded score
     */
    static double score(float score) {
        return Math.round(score * 10_000d) / 10_000d;
    }
}
