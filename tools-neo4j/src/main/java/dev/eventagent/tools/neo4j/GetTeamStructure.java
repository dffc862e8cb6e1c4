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
 * {@code get_team_structure}: a team with its parent, its lead, its members (at most 100, by
 * e-mail) and its sub-teams down to five levels (at most 50, nearest first).
 *
 * <p>The lead is the developer the team's {@code LED_BY} relationship points to. No tool of this
 * plugin sets it (the tools carry no lead argument): an import or an administrator does,
 * e.g. {@code MATCH (t:Team {team_id: $t}), (d:Developer {email: $e}) MERGE (t)-[:LED_BY]->(d)}.
 * Without one the lead is null.
 */
final class GetTeamStructure extends GraphTool {

    static final String NAME = "get_team_structure";

    private static final String CYPHER = """
            MATCH (t:Team {team_id: $teamId})
            RETURN t.team_id AS team_id, t.name AS name,
              [(t)-[:SUBTEAM_OF]->(p:Team) | {team_id: p.team_id, name: p.name}][0] AS parent,
              [(t)-[:LED_BY]->(l:Developer) | {email: l.email, name: l.name}][0] AS lead,
              COUNT { (t)<-[:MEMBER_OF]-(:Developer) } AS member_count,
              COLLECT {
                MATCH (t)<-[:MEMBER_OF]-(m:Developer)
                WITH m ORDER BY m.email LIMIT 100
                RETURN {email: m.email, name: m.name, availability: m.availability}
              } AS members,
              COLLECT {
                MATCH path = (s:Team)-[:SUBTEAM_OF*1..5]->(t)
                WHERE s <> t
                WITH s, min(length(path)) AS depth
                ORDER BY depth, s.team_id
                LIMIT 50
                RETURN {team_id: s.team_id, name: s.name, depth: depth,
                        parent_team_id: [(s)-[:SUBTEAM_OF]->(sp:Team) | sp.team_id][0],
                        member_count: COUNT { (s)<-[:MEMBER_OF]-(:Developer) }}
              } AS sub_teams
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "team_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "Id of the team to describe."
                }
              },
              "required": ["team_id"],
              "additionalProperties": false
            }
            """;

    GetTeamStructure(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Describes a team: its parent team, its lead, its members with their availability, "
                        + "and its sub-teams with their sizes. Use this when you need to know who is in a team, "
                        + "whom to escalate to, or how an organisation is split. Returns {found, team: "
                        + "{team_id, name}, parent, lead, member_count, members, sub_teams}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.READ)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String teamId = arguments.text("team_id", ToolArguments.ID_MAX);
        List<Record> records = graph.read(call, tx -> tx.run(CYPHER, Map.of("teamId", teamId)).list());
        if (records.isEmpty()) {
            return result("found", false, "team_id", teamId);
        }
        Map<String, Object> row = plain(records.get(0));
        return result("found", true,
                "team", result("team_id", row.get("team_id"), "name", row.get("name")),
                "parent", row.get("parent"),
                "lead", row.get("lead"),
                "member_count", row.get("member_count"),
                "members", row.get("members"),
                "sub_teams", row.get("sub_teams"));
    }
}
