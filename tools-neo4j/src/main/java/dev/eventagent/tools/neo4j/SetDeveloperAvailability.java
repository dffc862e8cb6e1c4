package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.Map;

/** {@code set_developer_availability}: MERGE the developer and set their availability. */
final class SetDeveloperAvailability extends GraphTool {

    static final String NAME = "set_developer_availability";

    private static final String CYPHER = """
            MERGE (d:Developer {email: $email})
              ON CREATE SET d.created_at = datetime()
            SET d.availability = $availability
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "developer_email": {
                  "type": "string", "format": "email", "minLength": 3, "maxLength": 254,
                  "description": "E-mail of the developer; the developer is created when unknown."
                },
                "availability": {
                  "type": "number", "minimum": 0.0, "maximum": 1.0,
                  "description": "Share of the developer's time free for new work: 0.0 fully booked, 1.0 fully free."
                }
              },
              "required": ["developer_email", "availability"],
              "additionalProperties": false
            }
            """;

    SetDeveloperAvailability(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Sets how available a developer is for new work, from 0.0 (fully booked) to 1.0 "
                        + "(fully free). Use this when an event changes a developer's load, e.g. vacation, "
                        + "on-call duty or a finished assignment. Returns {developer_email, availability}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.WRITE)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String email = arguments.email("developer_email");
        double availability = arguments.fraction("availability", null);
        graph.write(call, tx -> tx.run(CYPHER, Map.of("email", email, "availability", availability)).consume());
        return result("developer_email", email, "availability", availability);
    }
}
