package dev.eventagent.tools.postgres;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The postgres plugin created against a fresh database of the shared testing server, with
 * helpers to call its tools and to look at the database directly.
 */
final class PostgresPluginFixture implements AutoCloseable {

    private final TestingPostgresServer server;
    private final String database;
    private final PluginInstance instance;
    private final Map<String, Tool> tools = new HashMap<>();

    private PostgresPluginFixture(TestingPostgresServer server, String database, PluginInstance instance) {
        this.server = server;
        this.database = database;
        this.instance = instance;
        for (Tool tool : instance.tools()) {
            tools.put(tool.descriptor().name(), tool);
        }
    }

    /**
     * The plugin on a new database, with the testing context's embedder, started.
     *
     * @param prefix the database name's prefix
     * @return the fixture
     */
    static PostgresPluginFixture create(String prefix) {
        TestingPostgresServer server = TestingPostgresServer.shared();
        return on(server, server.createDatabase(prefix), Map.of(), null);
    }

    /**
     * The plugin on a given database, started: its start-up (schema bootstrap, vector search,
     * embedding space), which the first call would run, has run.
     *
     * @param server the server
     * @param database the database
     * @param overrides settings over the reference and the connection settings
     * @param embedder the embedder, or null for the testing context's
     * @return the fixture
     * @throws dev.eventagent.api.ToolException when start-up fails
     */
    static PostgresPluginFixture on(TestingPostgresServer server, String database, Map<String, ?> overrides,
            Embedder embedder) {
        PostgresPluginFixture fixture = created(server, database, overrides, embedder);
        try {
            fixture.startUp();
            return fixture;
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    /**
     * The plugin on a given database, only created: nothing has reached the server yet.
     *
     * @param server the server
     * @param database the database
     * @param overrides settings over the reference and the connection settings
     * @param embedder the embedder, or null for the testing context's
     * @return the fixture
     */
    static PostgresPluginFixture created(TestingPostgresServer server, String database, Map<String, ?> overrides,
            Embedder embedder) {
        PostgresToolPlugin plugin = new PostgresToolPlugin();
        TestingPluginContext context = TestingPluginContext.of(plugin, settings(server, database, overrides));
        if (embedder != null) {
            context = context.withEmbedder(embedder);
        }
        return new PostgresPluginFixture(server, database, plugin.create(context));
    }

    /**
     * The connection settings of a database, with overrides.
     *
     * @param server the server
     * @param database the database
     * @param overrides further settings
     * @return the settings
     */
    static Map<String, Object> settings(TestingPostgresServer server, String database, Map<String, ?> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("jdbc-url", server.jdbcUrl(database));
        settings.put("username", TestingPostgresServer.USER);
        settings.put("pool-size", 2);
        settings.putAll(overrides);
        return settings;
    }

    /**
     * Calls a tool as the engine would, with a given idempotency key.
     *
     * @param tool the tool name
     * @param idempotencyKey the key (a redelivery repeats it)
     * @param arguments the arguments
     * @return the result object
     */
    Map<String, Object> call(String tool, String idempotencyKey, Map<String, ?> arguments) {
        Tool target = tools.get(tool);
        if (target == null) {
            throw new IllegalArgumentException("no tool " + tool);
        }
        return target.invoke(new ToolCall(tool, new LinkedHashMap<>(arguments), "event-" + idempotencyKey,
                idempotencyKey, Instant.now().plusSeconds(30))).value();
    }

    /**
     * Calls a tool with a fresh idempotency key.
     *
     * @param tool the tool name
     * @param arguments the arguments
     * @return the result object
     */
    Map<String, Object> call(String tool, Map<String, ?> arguments) {
        return call(tool, UUID.randomUUID().toString(), arguments);
    }

    /**
     * A tool.
     *
     * @param name its name
     * @return the tool
     */
    Tool tool(String name) {
        return tools.get(name);
    }

    /**
     * A query run directly on the database.
     *
     * @param sql the query
     * @param parameters its parameters
     * @return the rows
     */
    List<Map<String, Object>> query(String sql, Object... parameters) {
        return server.query(database, sql, parameters);
    }

    /**
     * A statement run directly on the database.
     *
     * @param sql the statement
     * @param parameters its parameters
     * @return the update count
     */
    int execute(String sql, Object... parameters) {
        return server.execute(database, sql, parameters);
    }

    PluginInstance instance() {
        return instance;
    }

    /**
     * Runs the plugin's start-up as a first call would, or returns what it produced.
     *
     * @return what start-up produced
     */
    PostgresStartUp.Done startUp() {
        return ((PostgresPluginInstance) instance).startUp().await("test", Instant.now().plusSeconds(60));
    }

    /**
     * The vector search start-up chose (running start-up when it has not run).
     *
     * @return the search
     */
    VectorSearch vectorSearch() {
        return startUp().search();
    }

    String database() {
        return database;
    }

    TestingPostgresServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            instance.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the plugin failed", e);
        }
    }
}
