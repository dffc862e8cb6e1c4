package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.List;
import java.util.Map;

/**
 * {@code find_available_developers}: developers with a skill whose availability is at least a
 * threshold, most available first (then the more proficient, then by e-mail), at most
 * {@value #LIMIT}. Developers whose availability was never set are not listed.
 */
final class FindAvailableDevelopers extends GraphTool {

    static final String NAME = "find_available_developers";
    static final int LIMIT = 25;

    private static final String CYPHER = """
            MATCH (s:Skill {key: $skillKey})<-[r:HAS_SKILL]-(d:Developer)
            WHERE d.availability >= $minAvailability
            RETURN d.email AS email, d.name AS name, d.availability AS availability, r.proficiency AS proficiency
            ORDER BY availability DESC,
                     CASE proficiency WHEN 'expert' THEN 3 WHEN 'intermediate' THEN 2 WHEN 'beginner' THEN 1 ELSE 0 END DESC,
                     email
            LIMIT $limit
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "skill": {
                  "type": "string", "minLength": 1, "maxLength": 100, "pattern": "\\\\S",
                  "description": "The skill needed, e.g. Kubernetes (case does not matter)."
                },
                "min_availability": {
                  "type": "number", "minimum": 0.0, "maximum": 1.0, "default": 0.3,
                  "description": "Least availability (0.0 to 1.0) a developer must have; 0.3 when left out."
                }
              },
              "required": ["skill"],
              "additionalProperties": false
            }
            """;

    FindAvailableDevelopers(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Finds developers who have a skill and enough free time, most available first. "
                        + "Use this when you need to suggest who could take on a task needing that skill. "
                        + "Returns {skill, developers: [{email, name, availability, proficiency}], truncated}, "
                        + "at most 25 developers.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.READ)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String skill = arguments.text("skill", ToolArguments.SKILL_MAX);
        double minAvailability = arguments.fraction("min_availability", 0.3);
        List<Map<String, Object>> developers = graph.read(call, tx -> plain(tx.run(CYPHER, Map.of(
                "skillKey", AddSkillRelationship.skillKey(skill),
                "minAvailability", minAvailability,
                "limit", LIMIT + 1)).list()));
        boolean truncated = developers.size() > LIMIT;
        return result("skill", skill,
                "developers", truncated ? developers.subList(0, LIMIT) : developers,
                "truncated", truncated);
    }
}
