package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.Map;

/**
 * {@code create_developer_node}: MERGE a developer on e-mail, set the name, and make the team
 * (MERGEd too) the developer's only team. Idempotent: the state depends only on the arguments.
 */
final class CreateDeveloperNode extends GraphTool {

    static final String NAME = "create_developer_node";

    private static final String CYPHER = """
            MERGE (d:Developer {email: $email})
              ON CREATE SET d.created_at = datetime()
            SET d.name = $name
            MERGE (t:Team {team_id: $teamId})
              ON CREATE SET t.created_at = datetime()
            MERGE (d)-[:MEMBER_OF]->(t)
            WITH d, t
            OPTIONAL MATCH (d)-[old:MEMBER_OF]->(other:Team)
            WHERE other <> t
            DELETE old
            RETURN count(old) AS left_teams
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "email": {
                  "type": "string", "format": "email", "minLength": 3, "maxLength": 254,
                  "description": "The developer's e-mail address; it identifies the developer (compared exactly as given)."
                },
                "name": {
                  "type": "string", "minLength": 1, "maxLength": 16384, "pattern": "\\\\S",
                  "description": "The developer's full name, e.g. Ada Lovelace."
                },
                "team_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "Id of the developer's team; the team node is created when it does not exist yet."
                }
              },
              "required": ["email", "name", "team_id"],
              "additionalProperties": false
            }
            """;

    CreateDeveloperNode(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Creates or updates a developer in the engineering graph, identified by e-mail, "
                        + "with a name and the one team they belong to (moving them from any other team). "
                        + "Use this when a new developer appears or their name or team changes. "
                        + "Returns {email, team_id}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.WRITE)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String email = arguments.email("email");
        String name = arguments.text("name", ToolArguments.NAME_MAX);
        String teamId = arguments.text("team_id", ToolArguments.ID_MAX);
        graph.write(call, tx -> tx.run(CYPHER, Map.of("email", email, "name", name, "teamId", teamId)).consume());
        return result("email", email, "team_id", teamId);
    }
}
