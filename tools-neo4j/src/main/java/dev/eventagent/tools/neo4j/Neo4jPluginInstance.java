package dev.eventagent.tools.neo4j;

import dev.eventagent.api.Health;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import java.util.List;

/** The created neo4j plugin: its tools over one driver, the driver's health probe, and its close. */
final class Neo4jPluginInstance implements PluginInstance {

    private final Neo4jGraphClient graph;
    private final List<Tool> tools;

    Neo4jPluginInstance(Neo4jGraphClient graph, List<Tool> tools) {
        this.graph = graph;
        this.tools = List.copyOf(tools);
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    @Override
    public Health health() {
        return graph.health();
    }

    @Override
    public void close() {
        graph.close();
    }
}
