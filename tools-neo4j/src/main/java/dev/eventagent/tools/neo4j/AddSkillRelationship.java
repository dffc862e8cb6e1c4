package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code add_skill_relationship}: MERGE the developer (a bare node when unknown so far), the skill
 * and the HAS_SKILL relationship, and set its proficiency. Skills are matched without regard to
 * case or surrounding spaces: "Java" and " java" are one skill, shown by the first spelling seen.
 */
final class AddSkillRelationship extends GraphTool {

    static final String NAME = "add_skill_relationship";
    static final Set<String> PROFICIENCIES = Set.of("beginner", "intermediate", "expert");

    private static final String CYPHER = """
            MERGE (d:Developer {email: $email})
              ON CREATE SET d.created_at = datetime()
            MERGE (s:Skill {key: $skillKey})
              ON CREATE SET s.name = $skillName
            MERGE (d)-[r:HAS_SKILL]->(s)
              ON CREATE SET r.added_at = datetime()
            SET r.proficiency = $proficiency
            RETURN s.name AS skill
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "developer_email": {
                  "type": "string", "format": "email", "minLength": 3, "maxLength": 254,
                  "description": "E-mail of the developer who has the skill; the developer is created when unknown."
                },
                "skill_name": {
                  "type": "string", "minLength": 1, "maxLength": 100, "pattern": "\\\\S",
                  "description": "The skill, e.g. Java, Kubernetes or React (case does not matter)."
                },
                "proficiency": {
                  "type": "string", "enum": ["beginner", "intermediate", "expert"],
                  "description": "How well the developer masters the skill."
                }
              },
              "required": ["developer_email", "skill_name", "proficiency"],
              "additionalProperties": false
            }
            """;

    AddSkillRelationship(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Records that a developer has a skill at a proficiency (beginner, intermediate or "
                        + "expert), replacing the proficiency recorded before. Use this when an event shows a "
                        + "developer's skill, e.g. a profile update or work in a technology. "
                        + "Returns {developer_email, skill, proficiency}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.WRITE)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String email = arguments.email("developer_email");
        String skillName = arguments.text("skill_name", ToolArguments.SKILL_MAX);
        String proficiency = arguments.choice("proficiency", PROFICIENCIES);
        Map<String, Object> parameters = Map.of("email", email, "skillKey", skillKey(skillName),
                "skillName", skillName, "proficiency", proficiency);
        String skill = graph.write(call, tx -> tx.run(CYPHER, parameters).single().get("skill").asString());
        return result("developer_email", email, "skill", skill, "proficiency", proficiency);
    }

    /**
     * The key a skill is stored and looked up by.
     *
     * @param skillName the name as given
     * @return the name without surrounding spaces, in lower case
     */
    static String skillKey(String skillName) {
        return skillName.strip().toLowerCase(Locale.ROOT);
    }
}
