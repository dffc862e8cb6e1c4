package dev.eventagent.tools.clickhouse;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code insert_deployment_event}: one deployment status into the event store. */
final class InsertDeploymentEventTool extends EventWriteTool {

    static final String NAME = "insert_deployment_event";

    /** Statuses that end a deployment, and of them the failed ones. */
    static final Set<String> FINISHED = Set.of("success", "failure", "error");
    static final Set<String> FAILED = Set.of("failure", "error");

    private static final String DESCRIPTION = """
            Stores one deployment status in the ClickHouse event store; DORA metrics (deployment \
            frequency, lead time, change failure rate) are computed from these. Use this when a \
            deployment is started or finishes, e.g. on a GitHub deployment_status event. Send every \
            status of one deployment with the same deployment_id; the latest one counts. Safe to \
            repeat: a redelivered call stores nothing twice.""";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {"type": "string", "minLength": 1, "maxLength": 256,
                  "description": "The project or repository that was deployed."},
                "deployment_data": {
                  "type": "object",
                  "description": "The deployment status.",
                  "properties": {
                    "deployment_id": {"type": ["string", "integer"], "minLength": 1, "maxLength": 128,
                      "description": "The deployment's id (the same for all its statuses)."},
                    "environment": {"type": "string", "minLength": 1, "maxLength": 64,
                      "description": "Where it was deployed, e.g. production or staging."},
                    "status": {"type": "string",
                      "enum": ["pending", "queued", "in_progress", "success", "failure", "error", "cancelled"],
                      "description": "The deployment's state; failure and error count as failed deployments."},
                    "sha": {"type": "string", "pattern": "^[0-9a-fA-F]{4,64}$",
                      "description": "The commit that was deployed."},
                    "timestamp": {"type": "string", "format": "date-time",
                      "description": "When the deployment reached this status, ISO-8601 with offset."}
                  },
                  "required": ["deployment_id", "environment", "status", "sha", "timestamp"],
                  "additionalProperties": false
                }
              },
              "required": ["project_id", "deployment_data"],
              "additionalProperties": false
            }""";

    InsertDeploymentEventTool(BatchedWriter writer, ClickHouseTables tables, Clock clock) {
        super(NAME, DESCRIPTION, SCHEMA, writer, tables.deployments(), clock);
    }

    @Override
    void addColumns(CallArguments arguments, Map<String, Object> row, Map<String, Object> result) {
        CallArguments deployment = arguments.object("deployment_data");
        String deploymentId = deployment.identifier("deployment_id");
        String status = deployment.string("status").trim().toLowerCase(Locale.ROOT);
        row.put("project_id", arguments.string("project_id"));
        row.put("deployment_id", deploymentId);
        row.put("environment", deployment.string("environment").trim());
        row.put("status", status);
        row.put("sha", deployment.string("sha").toLowerCase(Locale.ROOT));
        row.put("deployed_at", ClickHouseTime.dateTime(deployment.instant("timestamp")));
        result.put("deployment_id", deploymentId);
        result.put("status", status);
    }
}
