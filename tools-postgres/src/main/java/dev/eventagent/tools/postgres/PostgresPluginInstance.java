package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Health;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import java.util.List;

/** What the postgres plugin created: its ten tools over one connection pool. */
final class PostgresPluginInstance implements PluginInstance {

    private final PostgresDatabase database;
    private final VectorSearch vectorSearch;
    private final List<Tool> tools;

    PostgresPluginInstance(PostgresDatabase database, VectorSearch vectorSearch, List<Tool> tools) {
        this.database = requireNonNull(database, "database is null");
        this.vectorSearch = requireNonNull(vectorSearch, "vectorSearch is null");
        this.tools = List.copyOf(tools);
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    @Override
    public Health health() {
        return database.health(vectorSearch.name());
    }

    /**
     * The vector search chosen at start-up.
     *
     * @return the search
     */
    VectorSearch vectorSearch() {
        return vectorSearch;
    }

    @Override
    public void close() {
        database.close();
    }
}
