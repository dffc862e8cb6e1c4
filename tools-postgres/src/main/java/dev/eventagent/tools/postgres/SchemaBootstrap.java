package dev.eventagent.tools.postgres;

import dev.eventagent.tools.postgres.PostgresSettings.VectorMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the plugin's tables and indexes (idempotently, under an advisory lock so that several
 * instances starting together do not race) and chooses the vector search, in the plugin's start-up
 * ({@link PostgresStartUp}, on the first call).
 */
final class SchemaBootstrap {

    /** The advisory lock key bootstrap holds: "EVAGENT" in ASCII. */
    static final long LOCK_KEY = 0x45564147454e54L;

    /** The base schema, in order. Every statement is idempotent. */
    static final List<String> BASE_SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS teams ("
                    + " team_id text PRIMARY KEY,"
                    + " name text NOT NULL,"
                    + " lead_email text,"
                    + " created_at timestamptz NOT NULL DEFAULT now(),"
                    + " updated_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS user_profiles ("
                    + " email text PRIMARY KEY,"
                    + " name text NOT NULL,"
                    + " team_id text,"
                    + " skills text[] NOT NULL DEFAULT '{}',"
                    + " availability real NOT NULL DEFAULT 1.0"
                    + " CONSTRAINT user_profiles_availability_range CHECK (availability >= 0 AND availability <= 1),"
                    + " created_at timestamptz NOT NULL DEFAULT now(),"
                    + " updated_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS user_profiles_team_id ON user_profiles (team_id)",
            "CREATE TABLE IF NOT EXISTS task_assignments ("
                    + " assignment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " idempotency_key text NOT NULL UNIQUE,"
                    + " event_id text NOT NULL,"
                    + " issue_key text NOT NULL,"
                    + " assignee_email text NOT NULL,"
                    + " reason text NOT NULL,"
                    + " assigned_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS task_assignments_assignee"
                    + " ON task_assignments (assignee_email, assigned_at DESC)",
            "CREATE INDEX IF NOT EXISTS task_assignments_issue ON task_assignments (issue_key, assigned_at DESC)",
            "CREATE TABLE IF NOT EXISTS profile_embeddings ("
                    + " email text PRIMARY KEY,"
                    + " profile_text text NOT NULL,"
                    + " embedder text NOT NULL,"
                    + " dimension integer NOT NULL CHECK (dimension > 0),"
                    + " embedding real[] NOT NULL CHECK (cardinality(embedding) = dimension),"
                    + " updated_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS embedding_space ("
                    + " singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
                    + " embedder text NOT NULL,"
                    + " dimension integer NOT NULL CHECK (dimension > 0),"
                    + " recorded_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS tool_call_receipts ("
                    + " idempotency_key text PRIMARY KEY,"
                    + " tool_name text NOT NULL,"
                    + " event_id text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS tool_call_receipts_applied_at ON tool_call_receipts (applied_at)");

    private static final Logger LOG = LoggerFactory.getLogger(SchemaBootstrap.class);

    private SchemaBootstrap() {
    }

    /**
     * Runs statements in one transaction under the bootstrap lock.
     *
     * @param connection a connection with auto-commit off
     * @param statements the statements
     * @throws SQLException when one fails (the transaction is rolled back by the caller)
     */
    static void runLocked(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        connection.commit();
    }

    /**
     * Chooses the vector search: pgvector when {@code vector.mode} allows it and the extension
     * is installed (or bootstrap can create it), the exact fallback otherwise. Logs the choice.
     * Each step takes its own pooled connection: the pool discards a connection after some
     * failures (a refused {@code CREATE EXTENSION} among them).
     *
     * @param database the database
     * @param settings the settings
     * @return the vector search to use
     * @throws SQLException when the server fails
     * @throws IllegalStateException when {@code vector.mode = pgvector} and pgvector is unusable (the
     *     call that ran start-up fails permanently with the message)
     */
    static VectorSearch chooseVectorSearch(PostgresDatabase database, PostgresSettings settings)
            throws SQLException {
        if (settings.vectorMode() == VectorMode.FALLBACK) {
            LOG.info("postgres: vector search is an exact cosine over real[] (vector.mode = fallback)");
            return new ExactCosineSearch();
        }
        String unusable = pgvectorUnusable(database, settings);
        if (unusable == null) {
            PgVectorSearch search = new PgVectorSearch(settings.vectorIndex());
            if (settings.bootstrap()) {
                try (Connection connection = database.connection()) {
                    runLocked(connection, search.bootstrapStatements());
                }
            }
            LOG.info("postgres: vector search uses pgvector with {} indexes (vector.mode = {})",
                    settings.vectorIndex().name().toLowerCase(Locale.ROOT),
                    settings.vectorMode().name().toLowerCase(Locale.ROOT));
            return search;
        }
        if (settings.vectorMode() == VectorMode.PGVECTOR) {
            throw new IllegalStateException("agent.plugins.postgres.vector.mode = pgvector, but " + unusable
                    + ". Install pgvector 0.5+ on the server (and let bootstrap create the extension, or run"
                    + " CREATE EXTENSION vector), or set vector.mode = auto or fallback");
        }
        LOG.info("postgres: vector search is an exact cosine over real[] because {} (vector.mode = auto)", unusable);
        return new ExactCosineSearch();
    }

    /** Why pgvector cannot be used, or null when it can. */
    private static String pgvectorUnusable(PostgresDatabase database, PostgresSettings settings)
            throws SQLException {
        try (Connection connection = database.connection()) {
            if (!extensionInstalled(connection)) {
                if (!exists(connection, "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")) {
                    return "the server has no pgvector (pg_available_extensions lists no 'vector')";
                }
                if (!settings.bootstrap()) {
                    return "the extension 'vector' is not installed in the database and bootstrap = false";
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
                    connection.commit();
                } catch (SQLException e) {
                    rollbackQuietly(connection);
                    return "the extension 'vector' cannot be created: " + e.getMessage().split("\n", 2)[0]
                            + " (SQLSTATE " + e.getSQLState() + ")";
                }
            }
        }
        if (!settings.bootstrap()) {
            try (Connection connection = database.connection()) {
                if (!columnExists(connection, "profile_embeddings", "embedding_vector")) {
                    return "profile_embeddings.embedding_vector is missing and bootstrap = false";
                }
            }
        }
        return null;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("postgres: rollback after a refused statement failed: {}", e.getMessage());
        }
    }

    private static boolean extensionInstalled(Connection connection) throws SQLException {
        return exists(connection, "SELECT 1 FROM pg_extension WHERE extname = 'vector'");
    }

    private static boolean exists(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            boolean found = rows.next();
            connection.rollback();
            return found;
        }
    }

    private static boolean columnExists(Connection connection, String table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?")) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet rows = statement.executeQuery()) {
                boolean exists = rows.next();
                connection.rollback();
                return exists;
            }
        }
    }
}
