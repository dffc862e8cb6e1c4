package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.tools.postgres.PostgresSettings.VectorIndexKind;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Search with the pgvector extension (0.5 or newer). A generated column,
 * {@code embedding_vector vector}, mirrors the {@code real[]} column; an HNSW or IVFFlat index
 * per dimension, on {@code embedding_vector::vector(N)} for the rows of that dimension, serves
 * the cosine-distance ({@code <=>}) ordering.
 *
 * @param index which index kind to build
 */
record PgVectorSearch(VectorIndexKind index) implements VectorSearch {

    /** Lists of an IVFFlat index: pgvector's advice is rows / 1000 up to a million rows. */
    static final int IVFFLAT_LISTS = 100;

    /** Validates the fields. */
    PgVectorSearch {
        requireNonNull(index, "index is null");
    }

    @Override
    public String name() {
        return index == VectorIndexKind.HNSW ? "pgvector-hnsw" : "pgvector-ivfflat";
    }

    @Override
    public List<String> bootstrapStatements() {
        return List.of("ALTER TABLE profile_embeddings ADD COLUMN IF NOT EXISTS embedding_vector vector"
                + " GENERATED ALWAYS AS (CAST(embedding AS vector)) STORED");
    }

    @Override
    public List<String> indexStatements(int dimension) {
        String method = index == VectorIndexKind.HNSW ? "hnsw" : "ivfflat";
        String with = index == VectorIndexKind.HNSW ? "" : " WITH (lists = " + IVFFLAT_LISTS + ")";
        return List.of("CREATE INDEX IF NOT EXISTS profile_embeddings_" + method + "_" + dimension
                + " ON profile_embeddings USING " + method
                + " ((" + typed("embedding_vector", dimension) + ") vector_cosine_ops)" + with
                + " WHERE dimension = " + dimension);
    }

    @Override
    public List<String> searchSettings(int limit) {
        // hnsw.ef_search bounds how many rows an HNSW scan can return (default 40).
        return index == VectorIndexKind.HNSW
                ? List.of("SET LOCAL hnsw.ef_search = " + Math.max(40, limit))
                : List.of("SET LOCAL ivfflat.probes = 10");
    }

    @Override
    public String searchSql(int dimension) {
        String distance = typed("e.embedding_vector", dimension) + " <=> " + typed("CAST(? AS real[])", dimension);
        return "SELECT e.email, p.name, 1 - (" + distance + ") AS score"
                + " FROM profile_embeddings e"
                + " LEFT JOIN user_profiles p ON p.email = e.email"
                + " WHERE e.dimension = " + dimension + " AND e.embedder = ?"
                + " ORDER BY " + distance
                + " LIMIT ?";
    }

    @Override
    public void bindSearch(PreparedStatement statement, Array vector, String embedder, int limit)
            throws SQLException {
        statement.setArray(1, vector);
        statement.setString(2, embedder);
        statement.setArray(3, vector);
        statement.setInt(4, limit);
    }

    private static String typed(String expression, int dimension) {
        return "CAST(" + expression + " AS vector(" + dimension + "))";
    }
}
