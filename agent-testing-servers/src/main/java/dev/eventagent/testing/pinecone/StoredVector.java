package dev.eventagent.testing.pinecone;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vector as the testing server holds it.
 *
 * @param id the vector's id
 * @param values the dense values (a copy; do not modify)
 * @param metadata the metadata as strings, doubles, booleans and lists
 */
public record StoredVector(String id, float[] values, Map<String, Object> metadata) {

    /** Validates and copies the fields. */
    public StoredVector {
        requireNonNull(id, "id is null");
        values = requireNonNull(values, "values is null").clone();
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(metadata, "metadata is null")));
    }

    /**
     * The dimension.
     *
     * @return the number of values
     */
    public int dimension() {
        return values.length;
    }
}
