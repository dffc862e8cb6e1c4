package dev.eventagent.tools.neo4j;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Metrics;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolPlugin;
import java.util.List;
import java.util.Set;

/**
 * Neo4j tools: the engineering graph of developers, skills, teams, projects and dependencies.
 *
 * <p>{@link #create(PluginContext)} builds one pooled driver from {@code agent.plugins.neo4j}
 * (see {@code reference.conf}), ensures the graph's constraints and indexes unless
 * {@code bootstrap = false}, and returns the twelve tools over that driver. The password is a
 * secret ({@code NEO4J_PASSWORD}).
 */
public final class Neo4jToolPlugin implements ToolPlugin {

    /** Creates the plugin; nothing happens before {@link #create(PluginContext)}. */
    public Neo4jToolPlugin() {
    }

    @Override
    public String name() {
        return "neo4j";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("password");
    }

    @Override
    public PluginInstance create(PluginContext context) {
        requireNonNull(context, "context is null");
        Neo4jSettings settings = Neo4jSettings.from(context);
        Neo4jGraphClient graph = Neo4jGraphClient.connect(settings, context.clock());
        Metrics metrics = context.metrics();
        List<Tool> tools = List.of(
                new CreateDeveloperNode(graph, metrics),
                new CreateTeamNode(graph, metrics),
                new CreateProjectNode(graph, metrics),
                new AddSkillRelationship(graph, metrics),
                new AddContributionRelationship(graph, metrics),
                new CreateProjectDependency(graph, metrics),
                new SetDeveloperAvailability(graph, metrics),
                new FindAvailableDevelopers(graph, metrics),
                new FindCollaborators(graph, metrics),
                new GetDeveloperGraph(graph, metrics),
                new GetTeamStructure(graph, metrics),
                new FindProjectDependencies(graph, metrics));
        return new Neo4jPluginInstance(graph, tools);
    }
}
