package dev.eventagent.testing;

import dev.eventagent.api.Embedder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic bag-of-words embedder for tests: each lower-cased word is hashed into one of
 * {@code dimension} buckets and the vector is normalised, so texts sharing words are close in
 * cosine similarity. Not a language model: use it where a test needs vectors, not meaning.
 */
public final class TestingEmbedder implements Embedder {

    private final int dimension;

    /**
     * Creates the embedder.
     *
     * @param dimension the vector length
     */
    public TestingEmbedder(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String name() {
        return "testing-bag-of-words";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts, InputType type) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            float[] vector = new float[dimension];
            for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty()) {
                    int bucket = Math.floorMod(fnv(word), dimension);
                    vector[bucket] += 1f;
                }
            }
            double norm = 0;
            for (float v : vector) {
                norm += v * v;
            }
            if (norm > 0) {
                float scale = (float) (1.0 / Math.sqrt(norm));
                for (int i = 0; i < dimension; i++) {
                    vector[i] *= scale;
                }
            }
            vectors.add(vector);
        }
        return vectors;
    }

    private static int fnv(String word) {
        int hash = 0x811c9dc5;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b;
            hash *= 0x01000193;
        }
        return hash;
    }
}
