package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.Map;
import java.util.Set;

/**
 * {@code create_project_dependency}: MERGE both projects and one DEPENDS_ON relationship between
 * them, and set its type. Cycles between projects are allowed (they exist in real code bases);
 * a project depending on itself is refused.
 */
final class CreateProjectDependency extends GraphTool {

    static final String NAME = "create_project_dependency";
    static final Set<String> TYPES = Set.of("blocking", "optional", "required");

    private static final String CYPHER = """
            MERGE (p:Project {project_id: $projectId})
              ON CREATE SET p.created_at = datetime()
            MERGE (q:Project {project_id: $dependsOnId})
              ON CREATE SET q.created_at = datetime()
            MERGE (p)-[r:DEPENDS_ON]->(q)
              ON CREATE SET r.created_at = datetime()
            SET r.dependency_type = $dependencyType
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "Id of the project that depends on the other; created when unknown."
                },
                "depends_on_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "Id of the project it depends on; created when unknown. Must differ from project_id."
                },
                "dependency_type": {
                  "type": "string", "enum": ["blocking", "optional", "required"],
                  "description": "blocking: work on project_id waits for depends_on_id; required: needed to build or run; optional: used when present."
                }
              },
              "required": ["project_id", "depends_on_id", "dependency_type"],
              "additionalProperties": false
            }
            """;

    CreateProjectDependency(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Records that one project depends on another, with the kind of dependency "
                        + "(blocking, optional or required), replacing the kind recorded before. Use this when an "
                        + "event reveals a dependency between projects, e.g. a new library or service link. "
                        + "Returns {project_id, depends_on_id, dependency_type}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.WRITE)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String projectId = arguments.text("project_id", ToolArguments.ID_MAX);
        String dependsOnId = arguments.text("depends_on_id", ToolArguments.ID_MAX);
        String type = arguments.choice("dependency_type", TYPES);
        if (projectId.equals(dependsOnId)) {
            throw new InvalidArgumentsException("argument 'depends_on_id' of " + NAME
                    + " must differ from project_id: a project cannot depend on itself");
        }
        graph.write(call, tx -> tx.run(CYPHER, Map.of("projectId", projectId, "dependsOnId", dependsOnId,
                "dependencyType", type)).consume());
        return result("project_id", projectId, "depends_on_id", dependsOnId, "dependency_type", type);
    }
}
