package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.List;
import java.util.Map;

/**
 * {@code find_collaborators}: the developers who contribute to the same projects as a developer,
 * those sharing the most projects first, with up to five of the shared project ids each.
 */
final class FindCollaborators extends GraphTool {

    static final String NAME = "find_collaborators";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;

    private static final String EXISTS = "MATCH (d:Developer {email: $email}) RETURN count(d) > 0 AS found";

    private static final String CYPHER = """
            MATCH (d:Developer {email: $email})-[:CONTRIBUTES_TO]->(p:Project)<-[:CONTRIBUTES_TO]-(o:Developer)
            WHERE o <> d
            WITH o, p ORDER BY p.project_id
            WITH o, collect(DISTINCT p.project_id) AS projects
            RETURN o.email AS email, o.name AS name, size(projects) AS shared_projects, projects[..5] AS projects
            ORDER BY shared_projects DESC, email
            LIMIT $limit
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "developer_email": {
                  "type": "string", "format": "email", "minLength": 3, "maxLength": 254,
                  "description": "E-mail of the developer whose collaborators to find."
                },
                "limit": {
                  "type": "integer", "minimum": 1, "maximum": 50, "default": 10,
                  "description": "Most collaborators to return, 1 to 50; 10 when left out."
                }
              },
              "required": ["developer_email"],
              "additionalProperties": false
            }
            """;

    FindCollaborators(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Finds the developers who work on the same projects as a developer, those sharing "
                        + "the most projects first. Use this when you need reviewers, people to ask, or who else is "
                        + "affected by a developer's work. Returns {developer_email, found, collaborators: "
                        + "[{email, name, shared_projects, projects}]}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.READ)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String email = arguments.email("developer_email");
        int limit = arguments.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return graph.read(call, tx -> {
            boolean found = tx.run(EXISTS, Map.of("email", email)).single().get("found").asBoolean();
            List<Map<String, Object>> collaborators = found
                    ? plain(tx.run(CYPHER, Map.of("email", email, "limit", limit)).list())
                    : List.of();
            return result("developer_email", email, "found", found, "collaborators", collaborators);
        });
    }
}
