package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.Map;
import java.util.UUID;
import org.neo4j.driver.Record;

/**
 * {@code add_contribution_relationship}: add an event's commits, PRs and reviews to the
 * CONTRIBUTES_TO counters of a developer on a project, once per event.
 *
 * <p>Unlike the seed, which MATCHed the developer and project (failing when either was new) and
 * added the counters on every delivery, this MERGEs both nodes and the relationship, and records
 * the call's idempotency key as an {@code (:AppliedEffect {key})} node MERGEd in the same
 * transaction. The counters are added only by the attempt that created that node: a redelivered
 * event, a retry by the engine, or a re-run by the driver after a lost commit acknowledgement
 * finds the key and leaves the counters as they are. The uniqueness constraint on
 * {@code AppliedEffect.key} makes two concurrent deliveries of one event serialise on the key.
 */
final class AddContributionRelationship extends GraphTool {

    static final String NAME = "add_contribution_relationship";
    /** Most of one counter in one event. */
    static final long COUNT_MAX = 100_000;

    private static final String CYPHER = """
            MERGE (d:Developer {email: $email})
              ON CREATE SET d.created_at = datetime()
            MERGE (p:Project {project_id: $projectId})
              ON CREATE SET p.created_at = datetime()
            MERGE (d)-[c:CONTRIBUTES_TO]->(p)
              ON CREATE SET c.commits = 0, c.prs = 0, c.reviews = 0, c.first_contribution_at = datetime()
            MERGE (e:AppliedEffect {key: $key})
              ON CREATE SET e.tool = $tool, e.event_id = $eventId, e.applied_at = datetime(), e.attempt = $attempt
            WITH c, e.attempt = $attempt AS fresh
            CALL {
              WITH c, fresh
              WITH c WHERE fresh
              SET c.commits = coalesce(c.commits, 0) + $commits,
                  c.prs = coalesce(c.prs, 0) + $prs,
                  c.reviews = coalesce(c.reviews, 0) + $reviews,
                  c.last_contribution_at = datetime()
            }
            RETURN fresh AS applied, c.commits AS commits, c.prs AS prs, c.reviews AS reviews
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "developer_email": {
                  "type": "string", "format": "email", "minLength": 3, "maxLength": 254,
                  "description": "E-mail of the contributing developer; the developer is created when unknown."
                },
                "project_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "Id of the project contributed to, e.g. acme/payments; created when unknown."
                },
                "metrics": {
                  "type": "object",
                  "description": "What this one event adds: counts of commits, pull requests and reviews (absent counts are 0).",
                  "properties": {
                    "commits": {"type": "integer", "minimum": 0, "maximum": 100000, "description": "Commits in this event."},
                    "prs": {"type": "integer", "minimum": 0, "maximum": 100000, "description": "Pull requests in this event."},
                    "reviews": {"type": "integer", "minimum": 0, "maximum": 100000, "description": "Reviews in this event."}
                  },
                  "minProperties": 1,
                  "additionalProperties": false
                }
              },
              "required": ["developer_email", "project_id", "metrics"],
              "additionalProperties": false
            }
            """;

    AddContributionRelationship(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Adds one event's commits, pull requests and reviews to a developer's contribution "
                        + "counters on a project (creating the developer, project and relationship when new). "
                        + "Counted once per event: a repeated delivery does not count again. Use this when a push, "
                        + "pull request or review by a developer arrives. "
                        + "Returns {developer_email, project_id, applied, commits, prs, reviews} with the totals.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.WRITE)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String email = arguments.email("developer_email");
        String projectId = arguments.text("project_id", ToolArguments.ID_MAX);
        Map<?, ?> metrics = arguments.object("metrics");
        long commits = arguments.count("metrics", metrics, "commits", COUNT_MAX);
        long prs = arguments.count("metrics", metrics, "prs", COUNT_MAX);
        long reviews = arguments.count("metrics", metrics, "reviews", COUNT_MAX);
        Record totals = graph.write(call, tx -> tx.run(CYPHER, Map.of(
                "email", email, "projectId", projectId,
                "commits", commits, "prs", prs, "reviews", reviews,
                "key", call.idempotencyKey(), "tool", NAME, "eventId", call.eventId(),
                // new for every attempt, so only the attempt that created the key counts
                "attempt", UUID.randomUUID().toString())).single());
        return result("developer_email", email, "project_id", projectId,
                "applied", totals.get("applied").asBoolean(),
                "commits", totals.get("commits").asLong(),
                "prs", totals.get("prs").asLong(),
                "reviews", totals.get("reviews").asLong());
    }
}
