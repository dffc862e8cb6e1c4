package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Health;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import java.util.List;
import java.util.Optional;

/** What the postgres plugin created: its ten tools over one connection pool. */
final class PostgresPluginInstance implements PluginInstance {

    private final PostgresDatabase database;
    private final PostgresStartUp startUp;
    private final List<Tool> tools;

    PostgresPluginInstance(PostgresDatabase database, PostgresStartUp startUp, List<Tool> tools) {
        this.database = requireNonNull(database, "database is null");
        this.startUp = requireNonNull(startUp, "startUp is null");
        this.tools = List.copyOf(tools);
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    /**
     * Probes the server with a short timeout. Down while it is unreachable, and when start-up
     * failed for a reason the user must fix (e.g. {@code vector.mode = pgvector} without
     * pgvector); up otherwise, saying whether start-up has run yet.
     *
     * @return the health; never throws
     */
    @Override
    public Health health() {
        String vectorSearch = startUp.done().map(done -> "vector search " + done.search().name())
                .orElse("start-up (schema, vector search) runs on the first call");
        Health server = database.health(vectorSearch);
        if (!server.up()) {
            return server;
        }
        Optional<String> failure = startUp.permanentFailure();
        return failure.isPresent() ? Health.down(failure.get()) : server;
    }

    /**
     * The plugin's start-up, which the tools run on their first call.
     *
     * @return the start-up
     */
    PostgresStartUp startUp() {
        return startUp;
    }

    @Override
    public void close() {
        database.close();
    }
}
