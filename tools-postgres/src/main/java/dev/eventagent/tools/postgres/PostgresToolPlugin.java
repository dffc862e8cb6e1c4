package dev.eventagent.tools.postgres;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;

/**
 * PostgreSQL tools: user profiles, teams, skills, assignment history and vector similarity.
 *
 * <p>Wired into the plugin framework; its tools are not built yet (see the module's issue), so
 * it contributes none.
 */
public final class PostgresToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(List.of());
    }
}
