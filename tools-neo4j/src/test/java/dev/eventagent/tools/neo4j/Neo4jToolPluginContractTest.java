package dev.eventagent.tools.neo4j;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Set;

/** The SPI contract for the neo4j plugin. Its tools are not built yet, so it must provide none. */
class Neo4jToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new Neo4jToolPlugin();
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of();
    }
}
