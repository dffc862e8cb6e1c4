package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create_team_node}: MERGE a team on its id and set its name; with a parent, MERGE the
 * parent and make it the team's only parent. A parent that is the team itself or one of its
 * sub-teams is refused, so the hierarchy stays a tree. Without a parent the existing one is kept.
 */
final class CreateTeamNode extends GraphTool {

    static final String NAME = "create_team_node";

    private static final String WOULD_CYCLE = """
            MATCH (parent:Team {team_id: $parentId}), (team:Team {team_id: $teamId})
            RETURN EXISTS { (parent)-[:SUBTEAM_OF*1..50]->(team) } AS cycle
            """;

    private static final String MERGE_TEAM = """
            MERGE (t:Team {team_id: $teamId})
              ON CREATE SET t.created_at = datetime()
            SET t.name = $name
            """;

    private static final String MERGE_TEAM_WITH_PARENT = MERGE_TEAM + """
            MERGE (p:Team {team_id: $parentId})
              ON CREATE SET p.created_at = datetime()
            MERGE (t)-[:SUBTEAM_OF]->(p)
            WITH t, p
            OPTIONAL MATCH (t)-[old:SUBTEAM_OF]->(other:Team)
            WHERE other <> p
            DELETE old
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "team_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "The team's id, e.g. platform-infra."
                },
                "name": {
                  "type": "string", "minLength": 1, "maxLength": 16384, "pattern": "\\\\S",
                  "description": "The team's display name, e.g. Platform Infrastructure."
                },
                "parent_team_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "Optional id of the team this one belongs to (created when missing). Leave it out to keep the current parent."
                }
              },
              "required": ["team_id", "name"],
              "additionalProperties": false
            }
            """;

    CreateTeamNode(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Creates or updates a team in the engineering graph, with its name and optionally "
                        + "its parent team (teams form a tree). Use this when a team is founded, renamed or "
                        + "moved under another team. Returns {team_id, parent_team_id}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.WRITE)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String teamId = arguments.text("team_id", ToolArguments.ID_MAX);
        String name = arguments.text("name", ToolArguments.NAME_MAX);
        Optional<String> parentId = arguments.optionalText("parent_team_id", ToolArguments.ID_MAX);
        if (parentId.isPresent() && parentId.get().equals(teamId)) {
            throw new InvalidArgumentsException("argument 'parent_team_id' of " + NAME
                    + " must differ from team_id: a team cannot be its own parent");
        }
        boolean written = graph.write(call, tx -> {
            if (parentId.isEmpty()) {
                tx.run(MERGE_TEAM, Map.of("teamId", teamId, "name", name)).consume();
                return true;
            }
            Map<String, Object> parameters = Map.of("teamId", teamId, "name", name, "parentId", parentId.get());
            boolean cycle = tx.run(WOULD_CYCLE, parameters).list().stream()
                    .anyMatch(record -> record.get("cycle").asBoolean());
            if (cycle) {
                return false;
            }
            tx.run(MERGE_TEAM_WITH_PARENT, parameters).consume();
            return true;
        });
        if (!written) {
            throw new InvalidArgumentsException("argument 'parent_team_id' of " + NAME + ": team '"
                    + parentId.get() + "' is a sub-team of '" + teamId
                    + "', so it cannot also be its parent (teams form a tree)");
        }
        return result("team_id", teamId, "parent_team_id", parentId.orElse(null));
    }
}
