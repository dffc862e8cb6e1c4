package dev.eventagent.tools.neo4j;

import java.util.List;

/**
 * The constraints and indexes of the engineering graph. Every statement is idempotent
 * ({@code IF NOT EXISTS}), so the bootstrap can run at every start-up. The uniqueness constraints
 * are what make concurrent {@code MERGE}s safe: without them two calls could both create the same
 * developer, or both count the same contribution event; a deployment with
 * {@code bootstrap = false} must have them created by an administrator.
 *
 * <p>The model:
 * <pre>
 * (:Developer {email, name, availability})-[:MEMBER_OF]->(:Team {team_id, name})
 * (:Team)-[:SUBTEAM_OF]->(:Team)                 (:Team)-[:LED_BY]->(:Developer)
 * (:Developer)-[:HAS_SKILL {proficiency}]->(:Skill {key, name})
 * (:Developer)-[:CONTRIBUTES_TO {commits, prs, reviews}]->(:Project {project_id, name})
 * (:Project)-[:OWNED_BY]->(:Team)               (:Project)-[:DEPENDS_ON {dependency_type}]->(:Project)
 * (:AppliedEffect {key, tool, event_id, applied_at})   one per counted contribution event
 * </pre>
 */
final class GraphSchema {

    /** The statements, in the order they run. */
    static final List<String> STATEMENTS = List.of(
            "CREATE CONSTRAINT event_agent_developer_email IF NOT EXISTS "
                    + "FOR (d:Developer) REQUIRE d.email IS UNIQUE",
            "CREATE CONSTRAINT event_agent_team_id IF NOT EXISTS "
                    + "FOR (t:Team) REQUIRE t.team_id IS UNIQUE",
            "CREATE CONSTRAINT event_agent_project_id IF NOT EXISTS "
                    + "FOR (p:Project) REQUIRE p.project_id IS UNIQUE",
            "CREATE CONSTRAINT event_agent_skill_key IF NOT EXISTS "
                    + "FOR (s:Skill) REQUIRE s.key IS UNIQUE",
            "CREATE CONSTRAINT event_agent_applied_effect_key IF NOT EXISTS "
                    + "FOR (e:AppliedEffect) REQUIRE e.key IS UNIQUE",
            "CREATE INDEX event_agent_developer_availability IF NOT EXISTS "
                    + "FOR (d:Developer) ON (d.availability)",
            "CREATE INDEX event_agent_applied_effect_applied_at IF NOT EXISTS "
                    + "FOR (e:AppliedEffect) ON (e.applied_at)");

    private GraphSchema() {
    }
}
