package dev.eventagent.tools.postgres;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The fallback when pgvector is not installed: an exact cosine similarity computed in SQL over
 * the {@code real[]} column, reading every vector of the query's dimension. Exact, and fast
 * enough for thousands of profiles; beyond that, install pgvector.
 */
record ExactCosineSearch() implements VectorSearch {

    @Override
    public String name() {
        return "exact-cosine";
    }

    @Override
    public List<String> bootstrapStatements() {
        return List.of();
    }

    @Override
    public List<String> indexStatements(int dimension) {
        return List.of();
    }

    @Override
    public List<String> searchSettings(int limit) {
        return List.of();
    }

    @Override
    public String searchSql(int dimension) {
        return "SELECT e.email, p.name, s.score"
                + " FROM profile_embeddings e"
                + " LEFT JOIN user_profiles p ON p.email = e.email"
                + " CROSS JOIN LATERAL ("
                + "SELECT sum(a * b) / NULLIF(sqrt(sum(a * a)) * sqrt(sum(b * b)), 0) AS score"
                + " FROM unnest(CAST(e.embedding AS float8[]), CAST(CAST(? AS real[]) AS float8[])) AS t(a, b)) s"
                + " WHERE e.dimension = " + dimension + " AND e.embedder = ?"
                + " ORDER BY s.score DESC NULLS LAST, e.email"
                + " LIMIT ?";
    }

    @Override
    public void bindSearch(PreparedStatement statement, Array vector, String embedder, int limit)
            throws SQLException {
        statement.setArray(1, vector);
        statement.setString(2, embedder);
        statement.setInt(3, limit);
    }
}
