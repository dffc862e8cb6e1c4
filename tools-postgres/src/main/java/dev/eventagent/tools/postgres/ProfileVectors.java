package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolCall;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profile vectors: embedding profile texts, storing them, and searching them by similarity.
 *
 * <p>All stored vectors belong to one <em>embedding space</em>, the embedder name and dimension
 * recorded in {@code embedding_space}. A vector from another embedder is never mixed in: writing
 * or searching with another space fails permanently, naming both, until the stored vectors are
 * deleted (then the next write records the new space).
 */
final class ProfileVectors {

    /**
     * The embedder and dimension vectors come from.
     *
     * @param embedder the embedder's name
     * @param dimension the vectors' length
     */
    record EmbeddingSpace(String embedder, int dimension) {
        /** Validates the fields. */
        EmbeddingSpace {
            requireNonNull(embedder, "embedder is null");
        }

        @Override
        public String toString() {
            return "embedder '" + embedder + "' (" + dimension + " dimensions)";
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProfileVectors.class);
    private static final String SELECT_SPACE = "SELECT embedder, dimension FROM embedding_space WHERE singleton";

    private final PostgresDatabase database;
    private final VectorSearch search;
    private final Embedder embedder;
    private final SingleTextEmbedder single;
    private final boolean bootstrap;
    private final Set<Integer> indexedDimensions = ConcurrentHashMap.newKeySet();

    /**
     * Creates the store.
     *
     * @param database the database
     * @param search the vector search chosen by the plugin's start-up
     * @param embedder the shared embedder (the engine caches its vectors)
     * @param bootstrap whether DDL (vector indexes) may be run
     */
    ProfileVectors(PostgresDatabase database, VectorSearch search, Embedder embedder, boolean bootstrap) {
        this.database = requireNonNull(database, "database is null");
        this.search = requireNonNull(search, "search is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.single = new SingleTextEmbedder(embedder);
        this.bootstrap = bootstrap;
    }

    /**
     * The vector search in use.
     *
     * @return the search
     */
    VectorSearch search() {
        return search;
    }

    /**
     * In the plugin's start-up (bootstrap on, on the first call): records the configured
     * embedder's space when none is, and reports a stored space the configured embedder does not
     * match. An embedder that is not available yet defers this to the first vector call.
     *
     * @param connection a connection with auto-commit off
     * @throws SQLException when the server fails
     */
    void recordConfiguredSpace(Connection connection) throws SQLException {
        EmbeddingSpace configured;
        try {
            configured = new EmbeddingSpace(embedder.name(), embedder.dimension());
        } catch (RuntimeException e) {
            LOG.info("postgres: the embedder is not available at the plugin's start-up ({}); the embedding space"
                    + " is recorded on the first vector call", e.getMessage());
            return;
        }
        Optional<EmbeddingSpace> recorded = claimOrRead(connection, configured);
        connection.commit();
        if (recorded.isPresent() && !recorded.get().equals(configured)) {
            LOG.warn("postgres: the stored profile vectors come from {} but agent.embedder gives {}:"
                    + " upsert_profile_embedding and find_similar_developers fail until the profiles are re-embedded"
                    + " (delete the rows of profile_embeddings, then upsert them again) or agent.embedder is set back",
                    recorded.get(), configured);
        } else {
            LOG.info("postgres: embedding space is {}", configured);
            ensureIndex(configured.dimension());
        }
    }

    /**
     * upsert_profile_embedding: embeds the profile text and stores the vector.
     *
     * @param call the call
     * @return {@code {"email","embedder","dimension","replayed"}}
     */
    Map<String, Object> upsert(ToolCall call) {
        String email = ToolArguments.email(call, "email");
        String text = ToolArguments.text(call, "profile_text", SimilarityTools.MAX_PROFILE_TEXT);
        if (database.applied(call)) {
            return upsertResult(email, new EmbeddingSpace(embedder.name(), embedder.dimension()), true);
        }
        float[] vector = single.embed(text, Embedder.InputType.PASSAGE);
        EmbeddingSpace space = new EmbeddingSpace(embedder.name(), vector.length);
        Map<String, Object> result = database.write(call, (connection, replay) -> {
            if (replay) {
                return upsertResult(email, space, true);
            }
            Optional<EmbeddingSpace> recorded = claimOrRead(connection, space);
            if (recorded.isPresent() && !recorded.get().equals(space)) {
                throw mismatch(call, recorded.get(), space);
            }
            try (PreparedStatement statement = connection.prepareStatement(VectorSearch.UPSERT)) {
                statement.setString(1, email);
                statement.setString(2, text);
                statement.setString(3, space.embedder());
                statement.setInt(4, space.dimension());
                statement.setArray(5, toArray(connection, vector));
                statement.executeUpdate();
            }
            return upsertResult(email, space, false);
        });
        ensureIndex(space.dimension());
        return result;
    }

    /**
     * find_similar_developers: the profiles nearest to a description.
     *
     * @param call the call
     * @return {@code {"matches":[{"email","name","score"}]}}, best first
     */
    Map<String, Object> findSimilar(ToolCall call) {
        String description = ToolArguments.text(call, "skill_description", SimilarityTools.MAX_DESCRIPTION);
        int topK = ToolArguments.integer(call, "top_k", 5, 1, SimilarityTools.MAX_TOP_K);
        float[] vector = single.embed(description, Embedder.InputType.QUERY);
        EmbeddingSpace space = new EmbeddingSpace(embedder.name(), vector.length);
        List<Object> matches = isZero(vector) ? List.of() : database.inTransaction(call, connection -> {
            Optional<EmbeddingSpace> recorded = readSpace(connection, false);
            if (recorded.isEmpty()) {
                return List.of();
            }
            if (!recorded.get().equals(space)) {
                throw mismatch(call, recorded.get(), space);
            }
            try (Statement settings = connection.createStatement()) {
                for (String sql : search.searchSettings(topK)) {
                    settings.execute(sql);
                }
            }
            List<Object> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(search.searchSql(space.dimension()))) {
                search.bindSearch(statement, toArray(connection, vector), space.embedder(), topK);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Map<String, Object> match = new LinkedHashMap<>();
                        match.put("email", rows.getString(1));
                        match.put("name", rows.getString(2));
                        match.put("score", Math.round(rows.getDouble(3) * 10_000) / 10_000.0);
                        found.add(match);
                    }
                }
            }
            return found;
        });
        return Map.of("matches", matches);
    }

    private Optional<EmbeddingSpace> claimOrRead(Connection connection, EmbeddingSpace wanted) throws SQLException {
        Optional<EmbeddingSpace> recorded = readSpace(connection, true);
        if (recorded.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO embedding_space"
                    + " (singleton, embedder, dimension) VALUES (true, ?, ?) ON CONFLICT (singleton) DO NOTHING")) {
                insert.setString(1, wanted.embedder());
                insert.setInt(2, wanted.dimension());
                insert.executeUpdate();
            }
            return readSpace(connection, true);
        }
        if (!recorded.get().equals(wanted) && !hasVectors(connection)) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE embedding_space"
                    + " SET embedder = ?, dimension = ?, recorded_at = now() WHERE singleton")) {
                update.setString(1, wanted.embedder());
                update.setInt(2, wanted.dimension());
                update.executeUpdate();
            }
            LOG.info("postgres: no profile vectors are stored; the embedding space changes from {} to {}",
                    recorded.get(), wanted);
            return Optional.of(wanted);
        }
        return recorded;
    }

    private static Optional<EmbeddingSpace> readSpace(Connection connection, boolean lock) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(SELECT_SPACE + (lock ? " FOR UPDATE" : ""))) {
            return row.next() ? Optional.of(new EmbeddingSpace(row.getString(1), row.getInt(2))) : Optional.empty();
        }
    }

    private static boolean hasVectors(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM profile_embeddings)")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private void ensureIndex(int dimension) {
        List<String> statements = search.indexStatements(dimension);
        if (!bootstrap || statements.isEmpty() || !indexedDimensions.add(dimension)) {
            return;
        }
        try (Connection connection = database.connection()) {
            try {
                SchemaBootstrap.runLocked(connection, statements);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warn("postgres: cannot build the {} index for {} dimensions, searches scan exactly instead: {}",
                    search.name(), dimension, e.getMessage());
        }
    }

    private static PermanentToolException mismatch(ToolCall call, EmbeddingSpace stored, EmbeddingSpace given) {
        return new PermanentToolException(call.toolName() + ": the stored profile vectors come from " + stored
                + " but this call's vector comes from " + given + "; vectors of different models are not mixed."
                + " Re-embed the profiles (delete the rows of profile_embeddings, then call upsert_profile_embedding"
                + " again) or set agent.embedder back to '" + stored.embedder() + "'", null);
    }

    private static Map<String, Object> upsertResult(String email, EmbeddingSpace space, boolean replayed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("email", email);
        result.put("embedder", space.embedder());
        result.put("dimension", space.dimension());
        result.put("replayed", replayed);
        return result;
    }

    private static Array toArray(Connection connection, float[] vector) throws SQLException {
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
        }
        return connection.createArrayOf("float4", boxed);
    }

    private static boolean isZero(float[] vector) {
        for (float value : vector) {
            if (value != 0f) {
                return false;
            }
        }
        return true;
    }
}
