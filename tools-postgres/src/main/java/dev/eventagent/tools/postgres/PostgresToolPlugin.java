package dev.eventagent.tools.postgres;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolPlugin;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL tools: developer profiles, teams, skills, assignment history and vector similarity
 * (pgvector when the server has it, an exact cosine search in SQL otherwise).
 *
 * <p>{@link #create(PluginContext)} opens one connection pool, creates the schema when
 * {@code bootstrap = true}, chooses the vector search and logs it. See docs/tools/postgres.md.
 */
public final class PostgresToolPlugin implements ToolPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresToolPlugin.class);

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("password");
    }

    @Override
    public PluginInstance create(PluginContext context) throws SQLException {
        PostgresSettings settings = PostgresSettings.from(context.config(), context.secret("password").orElse(""));
        PostgresDatabase database = PostgresDatabase.open(settings, context.clock());
        try {
            if (settings.bootstrap()) {
                try (Connection connection = database.connection()) {
                    SchemaBootstrap.runLocked(connection, SchemaBootstrap.BASE_SCHEMA);
                }
                LOG.info("postgres: schema ready at {}", settings.safeUrl());
            }
            VectorSearch search = SchemaBootstrap.chooseVectorSearch(database, settings);
            ProfileVectors vectors = new ProfileVectors(database, search, context.embedder(),
                    new EmbeddingCache(context.embedder(), settings.embeddingCacheSize(), context.metrics()),
                    settings.bootstrap());
            if (settings.bootstrap()) {
                try (Connection connection = database.connection()) {
                    vectors.recordSpaceAtStartup(connection);
                }
            }
            List<Tool> tools = new ArrayList<>();
            tools.addAll(new ProfileTools(database).tools());
            tools.addAll(new TeamTools(database).tools());
            tools.addAll(new SimilarityTools(vectors).tools());
            tools.addAll(new AssignmentTools(database).tools());
            context.metrics().gauge("postgres.pool.active", () -> {
                var pool = database.pool().getHikariPoolMXBean();
                return pool == null ? 0 : pool.getActiveConnections();
            });
            return new PostgresPluginInstance(database, vectors.search(), tools);
        } catch (SQLException | RuntimeException e) {
            database.close();
            if (e instanceof SQLException sql) {
                throw new SQLException("postgres plugin start-up failed at " + settings.safeUrl() + ": "
                        + sql.getMessage(), sql.getSQLState(), sql);
            }
            throw e;
        }
    }
}
