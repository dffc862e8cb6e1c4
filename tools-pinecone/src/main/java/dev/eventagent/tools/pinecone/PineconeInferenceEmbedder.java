package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import io.pinecone.clients.Inference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openapitools.inference.client.ApiException;
import org.openapitools.inference.client.model.Embedding;
import org.openapitools.inference.client.model.EmbeddingsList;

/**
 * The Pinecone Inference embedder, {@code pinecone-inference}: texts to vectors by Pinecone's
 * hosted model ({@code inference.model}, by default {@code multilingual-e5-large}, 1024
 * dimensions), with {@code input_type} {@code passage} for stored texts and {@code query} for
 * searches, as e5 models need. Texts go in requests of at most {@code inference.batch-size}.
 * Throttling (429), 5xx and an unreachable API are transient; refused requests and a wrong key are
 * permanent.
 */
final class PineconeInferenceEmbedder implements Embedder {

    /** The name by which agent.embedder selects it. */
    static final String NAME = "pinecone-inference";

    private final Optional<Inference> inference;
    private final String model;
    private final int dimension;
    private final int batchSize;
    private final String truncate;

    PineconeInferenceEmbedder(Optional<Inference> inference, PineconeSettings settings) {
        this.inference = requireNonNull(inference, "inference is null");
        this.model = settings.inferenceModel();
        this.dimension = settings.inferenceDimension();
        this.batchSize = settings.inferenceBatchSize();
        this.truncate = settings.inferenceTruncate();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts, InputType type) {
        requireNonNull(texts, "texts is null");
        requireNonNull(type, "type is null");
        Inference client = inference.orElseThrow(() -> new PermanentToolException("the embedder " + NAME
                + " needs agent.plugins.pinecone.api-key (PINECONE_API_KEY)", null));
        List<float[]> vectors = new ArrayList<>(texts.size());
        Map<String, Object> parameters = Map.of(
                "input_type", type == InputType.QUERY ? "query" : "passage",
                "truncate", truncate);
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            EmbeddingsList answer;
            try {
                answer = client.embed(model, parameters, batch);
            } catch (ApiException e) {
                throw PineconeFailures.inference("embed " + batch.size() + " text(s) with " + model, e);
            } catch (RuntimeException e) {
                throw new PermanentToolException("Pinecone Inference answered " + model + " embeddings this plugin"
                        + " cannot read: " + e.getMessage(), e);
            }
            vectors.addAll(read(answer, batch.size()));
        }
        return vectors;
    }

    private List<float[]> read(EmbeddingsList answer, int expected) throws ToolException {
        List<Embedding> data = answer == null || answer.getData() == null ? List.of() : answer.getData();
        if (data.size() != expected) {
            throw new PermanentToolException("Pinecone Inference returned " + data.size() + " embeddings for "
                    + expected + " texts", null);
        }
        List<float[]> vectors = new ArrayList<>(data.size());
        for (Embedding embedding : data) {
            List<Float> values = embedding.getDenseEmbedding().getValues();
            if (values == null || values.size() != dimension) {
                throw new PermanentToolException("Pinecone Inference model " + model + " returned vectors of dimension "
                        + (values == null ? 0 : values.size()) + ", not " + dimension
                        + ": set agent.plugins.pinecone.inference.dimension to the model's", null);
            }
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i);
            }
            vectors.add(vector);
        }
        return vectors;
    }
}
