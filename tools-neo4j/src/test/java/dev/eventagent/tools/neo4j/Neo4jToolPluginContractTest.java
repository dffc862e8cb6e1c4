package dev.eventagent.tools.neo4j;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Map;
import java.util.Set;

/** The SPI contract for the neo4j plugin, created against the module's testing server. */
class Neo4jToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new Neo4jToolPlugin();
    }

    @Override
    protected Map<String, ?> settings() {
        return Neo4jToolsFixture.serverSettings();
    }

    @Override
    protected Map<String, ?> unreachableSettings() {
        return Map.of("uri", "bolt://127.0.0.1:" + FailuresTest.freePort());
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of(
                "create_developer_node",
                "create_team_node",
                "create_project_node",
                "add_skill_relationship",
                "add_contribution_relationship",
                "create_project_dependency",
                "set_developer_availability",
                "find_available_developers",
                "find_collaborators",
                "get_developer_graph",
                "get_team_structure",
                "find_project_dependencies");
    }
}
