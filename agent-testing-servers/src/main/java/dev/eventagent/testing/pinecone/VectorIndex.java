package dev.eventagent.testing.pinecone;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One dense index of the testing server: namespaces of vectors with cosine scoring, and the
 * limits Pinecone enforces on writes (dimension, id length, batch size, 40 KB of metadata).
 */
final class VectorIndex {

    /** Pinecone's limit on one vector's metadata, as JSON bytes. */
    static final int METADATA_LIMIT_BYTES = 40_960;
    /** Pinecone's limit on the length of an id. */
    static final int MAX_ID_LENGTH = 512;
    /** Pinecone's limit on the vectors of one upsert request. */
    static final int MAX_UPSERT_BATCH = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final int dimension;
    private final Map<String, Map<String, StoredVector>> namespaces = new ConcurrentHashMap<>();

    VectorIndex(String name, int dimension) {
        this.name = requireNonNull(name, "name is null");
        if (dimension < 1 || dimension > 20_000) {
            throw new IllegalArgumentException("dimension must be from 1 to 20000: " + dimension);
        }
        this.dimension = dimension;
    }

    String name() {
        return name;
    }

    int dimension() {
        return dimension;
    }

    /**
     * Stores vectors, replacing those with the same ids.
     *
     * @throws IllegalArgumentException when a vector breaks one of Pinecone's limits
     */
    synchronized void upsert(String namespace, List<StoredVector> vectors) {
        if (vectors.isEmpty() || vectors.size() > MAX_UPSERT_BATCH) {
            throw new IllegalArgumentException("an upsert must carry 1 to " + MAX_UPSERT_BATCH + " vectors, not "
                    + vectors.size());
        }
        for (StoredVector vector : vectors) {
            check(vector);
        }
        Map<String, StoredVector> space = namespaces.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
        vectors.forEach(vector -> space.put(vector.id(), vector));
    }

    private void check(StoredVector vector) {
        if (vector.id().isEmpty() || vector.id().length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("Vector ID must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (vector.dimension() != dimension) {
            throw new IllegalArgumentException("Vector dimension " + vector.dimension()
                    + " does not match the dimension of the index " + dimension);
        }
        int size = metadataBytes(vector.metadata());
        if (size > METADATA_LIMIT_BYTES) {
            throw new IllegalArgumentException("Metadata size is " + size + " bytes, which exceeds the limit of "
                    + METADATA_LIMIT_BYTES + " bytes per vector");
        }
    }

    static int metadataBytes(Map<String, Object> metadata) {
        try {
            return JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not JSON: " + e.getMessage(), e);
        }
    }

    /** The best matches of a query vector, best first. */
    List<Scored> query(String namespace, float[] query, int topK, Map<String, Object> filter) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("Query vector dimension " + query.length
                    + " does not match the dimension of the index " + dimension);
        }
        if (topK < 1 || topK > 10_000) {
            throw new IllegalArgumentException("topK must be from 1 to 10000");
        }
        List<Scored> scored = new ArrayList<>();
        for (StoredVector vector : namespace(namespace).values()) {
            if (MetadataFilter.matches(filter, vector.metadata())) {
                scored.add(new Scored(vector, cosine(query, vector.values())));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.vector().id()));
        return scored.subList(0, Math.min(topK, scored.size()));
    }

    /** Deletes vectors by id, by filter, or all of a namespace; returns how many went. */
    synchronized int delete(String namespace, List<String> ids, boolean all, Map<String, Object> filter) {
        Map<String, StoredVector> space = namespaces.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
        int before = space.size();
        if (all) {
            space.clear();
        } else if (!ids.isEmpty()) {
            ids.forEach(space::remove);
        } else if (!filter.isEmpty()) {
            space.values().removeIf(vector -> MetadataFilter.matches(filter, vector.metadata()));
        } else {
            throw new IllegalArgumentException("delete needs ids, a filter or delete_all");
        }
        return before - space.size();
    }

    Optional<StoredVector> fetch(String namespace, String id) {
        return Optional.ofNullable(namespace(namespace).get(id));
    }

    /** Vector counts by namespace, for the namespaces that hold vectors. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        namespaces.forEach((namespace, vectors) -> {
            if (!vectors.isEmpty()) {
                counts.put(namespace, vectors.size());
            }
        });
        return counts;
    }

    synchronized void clear() {
        namespaces.clear();
    }

    private Map<String, StoredVector> namespace(String namespace) {
        return namespaces.getOrDefault(namespace, Map.of());
    }

    private static float cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0f : (float) (dot / Math.sqrt(normA * normB));
    }

    /** A vector with its score against a query. */
    record Scored(StoredVector vector, float score) {
    }
}
