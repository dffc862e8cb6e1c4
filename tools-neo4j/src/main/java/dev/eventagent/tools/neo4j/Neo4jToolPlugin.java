package dev.eventagent.tools.neo4j;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;

/**
 * Neo4j tools: the engineering graph of developers, skills, teams, projects and dependencies.
 *
 * <p>Wired into the plugin framework; its tools are not built yet (see the module's issue), so
 * it contributes none.
 */
public final class Neo4jToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "neo4j";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(List.of());
    }
}
