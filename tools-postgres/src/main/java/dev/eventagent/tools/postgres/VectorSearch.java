package dev.eventagent.tools.postgres;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How profile vectors are indexed and searched: the SQL of one vector mode. Vectors are always
 * kept as {@code real[]} in {@code profile_embeddings.embedding} (with the embedder's name and
 * dimension beside them), so a deployment can move between modes without re-embedding.
 *
 * <p>Dimensions are never user input: they come from the embedder, and are the only values
 * written into the SQL text (a pgvector type modifier cannot be a parameter).
 */
sealed interface VectorSearch permits ExactCosineSearch, PgVectorSearch {

    /**
     * The upsert of one profile vector. Parameters: 1 email, 2 profile text, 3 embedder name,
     * 4 dimension, 5 the vector as a {@code real[]}.
     */
    String UPSERT = "INSERT INTO profile_embeddings (email, profile_text, embedder, dimension, embedding, updated_at)"
            + " VALUES (?, ?, ?, ?, CAST(? AS real[]), now())"
            + " ON CONFLICT (email) DO UPDATE SET profile_text = EXCLUDED.profile_text,"
            + " embedder = EXCLUDED.embedder, dimension = EXCLUDED.dimension,"
            + " embedding = EXCLUDED.embedding, updated_at = EXCLUDED.updated_at";

    /**
     * A short name for logs and health, e.g. {@code pgvector-hnsw}.
     *
     * @return the name
     */
    String name();

    /**
     * Statements that prepare this mode, run by bootstrap after the base schema.
     *
     * @return the statements, in order
     */
    List<String> bootstrapStatements();

    /**
     * Statements that index vectors of one dimension, run by bootstrap when the embedding space
     * is recorded.
     *
     * @param dimension the embedder's dimension
     * @return the statements; empty when the mode needs no index
     */
    List<String> indexStatements(int dimension);

    /**
     * Session settings run in the search's transaction before the search.
     *
     * @param limit how many matches are wanted
     * @return the statements; may be empty
     */
    List<String> searchSettings(int limit);

    /**
     * The search: the nearest profiles to a query vector, as rows of (email, name, score), best
     * first, where score is the cosine similarity.
     *
     * @param dimension the query's dimension
     * @return the SQL; bind it with {@link #bindSearch}
     */
    String searchSql(int dimension);

    /**
     * Binds the search's parameters.
     *
     * @param statement the prepared {@link #searchSql(int)}
     * @param vector the query vector as a {@code real[]}
     * @param embedder the embedder's name
     * @param limit how many matches
     * @throws SQLException when binding fails
     */
    void bindSearch(PreparedStatement statement, Array vector, String embedder, int limit) throws SQLException;
}
