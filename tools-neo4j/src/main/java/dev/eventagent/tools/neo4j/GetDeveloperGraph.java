package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;

/**
 * {@code get_developer_graph}: one developer's neighbourhood: team, skills (at most 50, by name),
 * projects with their counters (at most 50, the most contributed first) and collaborators (at
 * most 10, those sharing the most projects first).
 */
final class GetDeveloperGraph extends GraphTool {

    static final String NAME = "get_developer_graph";

    private static final String CYPHER = """
            MATCH (d:Developer {email: $email})
            RETURN d.email AS email, d.name AS name, d.availability AS availability,
              [(d)-[:MEMBER_OF]->(t:Team) | {team_id: t.team_id, name: t.name}][0] AS team,
              COLLECT {
                MATCH (d)-[r:HAS_SKILL]->(s:Skill)
                WITH r, s ORDER BY s.key LIMIT 50
                RETURN {name: s.name, proficiency: r.proficiency}
              } AS skills,
              COLLECT {
                MATCH (d)-[c:CONTRIBUTES_TO]->(p:Project)
                WITH c, p ORDER BY coalesce(c.commits, 0) + coalesce(c.prs, 0) + coalesce(c.reviews, 0) DESC,
                                   p.project_id
                LIMIT 50
                RETURN {project_id: p.project_id, name: p.name, commits: c.commits, prs: c.prs, reviews: c.reviews}
              } AS projects,
              COLLECT {
                MATCH (d)-[:CONTRIBUTES_TO]->(p:Project)<-[:CONTRIBUTES_TO]-(o:Developer)
                WHERE o <> d
                WITH o, count(DISTINCT p) AS shared ORDER BY shared DESC, o.email LIMIT 10
                RETURN {email: o.email, name: o.name, shared_projects: shared}
              } AS collaborators
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "developer_email": {
                  "type": "string", "format": "email", "minLength": 3, "maxLength": 254,
                  "description": "E-mail of the developer to look up."
                }
              },
              "required": ["developer_email"],
              "additionalProperties": false
            }
            """;

    GetDeveloperGraph(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Returns what the engineering graph knows about one developer: name, availability, "
                        + "team, skills, projects with commit, PR and review counts, and closest collaborators. "
                        + "Use this when you need a developer's context before assigning, notifying or reviewing. "
                        + "Returns {found, developer: {email, name, availability}, team, skills, projects, "
                        + "collaborators}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.READ)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String email = arguments.email("developer_email");
        List<Record> records = graph.read(call, tx -> tx.run(CYPHER, Map.of("email", email)).list());
        if (records.isEmpty()) {
            return result("found", false, "developer_email", email);
        }
        Map<String, Object> row = plain(records.get(0));
        return result("found", true,
                "developer", result("email", row.get("email"), "name", row.get("name"),
                        "availability", row.get("availability")),
                "team", row.get("team"),
                "skills", row.get("skills"),
                "projects", row.get("projects"),
                "collaborators", row.get("collaborators"));
    }
}
