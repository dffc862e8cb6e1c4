package dev.eventagent.tools.postgres;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL tools: developer profiles, teams, skills, assignment history and vector similarity
 * (pgvector when the server has it, an exact cosine search in SQL otherwise).
 *
 * <p>{@link #create(PluginContext)} builds one connection pool without connecting and returns the
 * tools at once, so the plugin starts while PostgreSQL is down. The start-up work (schema
 * bootstrap when {@code bootstrap = true}, the choice of vector search, the embedding space) runs
 * on the first call ({@link PostgresStartUp}); until the server answers, calls fail as transient.
 * See docs/tools/postgres.md.
 */
public final class PostgresToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("password");
    }

    /**
     * Creates the plugin without contacting the server.
     *
     * @param context the plugin's config, secrets and shared services
     * @return the instance with its ten tools
     * @throws IllegalArgumentException naming the key when a setting is out of range
     */
    @Override
    public PluginInstance create(PluginContext context) {
        PostgresSettings settings = PostgresSettings.from(context.config(), context.secret("password").orElse(""));
        PostgresDatabase database = PostgresDatabase.open(settings, context.clock(), context.metrics());
        try {
            PostgresStartUp startUp = new PostgresStartUp(database, settings, context.embedder(), context.clock());
            List<Tool> tools = new ArrayList<>();
            tools.addAll(new ProfileTools(database).tools());
            tools.addAll(new TeamTools(database).tools());
            tools.addAll(new SimilarityTools(startUp).tools());
            tools.addAll(new AssignmentTools(database).tools());
            return new PostgresPluginInstance(database, startUp,
                    tools.stream().<Tool>map(tool -> new AfterStartUp(tool, startUp)).toList());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
