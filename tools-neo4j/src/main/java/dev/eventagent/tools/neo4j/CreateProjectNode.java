package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create_project_node}: MERGE a project on its id and set its name; with a team, MERGE the
 * team and make it the project's only owner. Without a team the existing owner is kept.
 */
final class CreateProjectNode extends GraphTool {

    static final String NAME = "create_project_node";

    private static final String MERGE_PROJECT = """
            MERGE (p:Project {project_id: $projectId})
              ON CREATE SET p.created_at = datetime()
            SET p.name = $name
            """;

    private static final String MERGE_PROJECT_WITH_TEAM = MERGE_PROJECT + """
            MERGE (t:Team {team_id: $teamId})
              ON CREATE SET t.created_at = datetime()
            MERGE (p)-[:OWNED_BY]->(t)
            WITH p, t
            OPTIONAL MATCH (p)-[old:OWNED_BY]->(other:Team)
            WHERE other <> t
            DELETE old
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "The project's id, e.g. the repository name acme/payments."
                },
                "name": {
                  "type": "string", "minLength": 1, "maxLength": 16384, "pattern": "\\\\S",
                  "description": "The project's display name, e.g. Payments Service."
                },
                "team_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "Optional id of the team that owns the project (created when missing). Leave it out to keep the current owner."
                }
              },
              "required": ["project_id", "name"],
              "additionalProperties": false
            }
            """;

    CreateProjectNode(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Creates or updates a project in the engineering graph, with its name and "
                        + "optionally the team that owns it. Use this when a new project or repository appears, "
                        + "or its name or owning team changes. Returns {project_id, team_id}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.WRITE)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String projectId = arguments.text("project_id", ToolArguments.ID_MAX);
        String name = arguments.text("name", ToolArguments.NAME_MAX);
        Optional<String> teamId = arguments.optionalText("team_id", ToolArguments.ID_MAX);
        graph.write(call, tx -> teamId.isPresent()
                ? tx.run(MERGE_PROJECT_WITH_TEAM, Map.of("projectId", projectId, "name", name, "teamId", teamId.get()))
                        .consume()
                : tx.run(MERGE_PROJECT, Map.of("projectId", projectId, "name", name)).consume());
        return result("project_id", projectId, "team_id", teamId.orElse(null));
    }
}
