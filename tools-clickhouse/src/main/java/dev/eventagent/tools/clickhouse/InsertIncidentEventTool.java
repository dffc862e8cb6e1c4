package dev.eventagent.tools.clickhouse;

import dev.eventagent.api.InvalidArgumentsException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code insert_incident_event}: one incident status into the event store. */
final class InsertIncidentEventTool extends EventWriteTool {

    static final String NAME = "insert_incident_event";

    private static final String DESCRIPTION = """
            Stores one incident status (firing or resolved) in the ClickHouse event store; DORA time \
            to restore is computed from these. Use this when an alert fires or resolves, e.g. an \
            Alertmanager notification. Send both statuses of one incident with the same incident_id; \
            a resolved status needs resolved_at. Safe to repeat: a redelivered call stores nothing \
            twice.""";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {"type": "string", "minLength": 1, "maxLength": 256,
                  "description": "The project or service the incident affects."},
                "incident_data": {
                  "type": "object",
                  "description": "The incident status.",
                  "properties": {
                    "incident_id": {"type": "string", "minLength": 1, "maxLength": 512,
                      "description": "The incident's id, the same when it fires and when it resolves (e.g. the alert fingerprint)."},
                    "status": {"type": "string", "enum": ["firing", "resolved"],
                      "description": "firing while the incident lasts, resolved when service is restored."},
                    "severity": {"type": "string", "minLength": 1, "maxLength": 64,
                      "description": "The severity, e.g. critical, warning."},
                    "started_at": {"type": "string", "format": "date-time",
                      "description": "When the incident started, ISO-8601 with offset."},
                    "resolved_at": {"type": "string", "format": "date-time",
                      "description": "When service was restored, ISO-8601 with offset; required when status is resolved."}
                  },
                  "required": ["incident_id", "status", "severity", "started_at"],
                  "additionalProperties": false
                }
              },
              "required": ["project_id", "incident_data"],
              "additionalProperties": false
            }""";

    InsertIncidentEventTool(BatchedWriter writer, ClickHouseTables tables, Clock clock) {
        super(NAME, DESCRIPTION, SCHEMA, writer, tables.incidents(), clock);
    }

    @Override
    void addColumns(CallArguments arguments, Map<String, Object> row, Map<String, Object> result) {
        CallArguments incident = arguments.object("incident_data");
        String incidentId = incident.string("incident_id");
        String status = incident.string("status").trim().toLowerCase(Locale.ROOT);
        Instant startedAt = incident.instant("started_at");
        Optional<Instant> resolvedAt = incident.optionalInstant("resolved_at");
        if ("resolved".equals(status) && resolvedAt.isEmpty()) {
            throw new InvalidArgumentsException("argument 'incident_data.resolved_at' of " + NAME
                    + " is required when status is resolved");
        }
        if (resolvedAt.isPresent() && resolvedAt.get().isBefore(startedAt)) {
            throw new InvalidArgumentsException("argument 'incident_data.resolved_at' of " + NAME
                    + " must not be before started_at (" + startedAt + "), was " + resolvedAt.get());
        }
        row.put("project_id", arguments.string("project_id"));
        row.put("incident_id", incidentId);
        row.put("status", status);
        row.put("severity", incident.string("severity"));
        row.put("started_at", ClickHouseTime.dateTime(startedAt));
        row.put("resolved_at", resolvedAt.map(ClickHouseTime::dateTime).orElse(null));
        result.put("incident_id", incidentId);
        result.put("status", status);
    }
}
