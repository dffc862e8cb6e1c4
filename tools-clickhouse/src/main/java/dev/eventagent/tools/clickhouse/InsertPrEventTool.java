package dev.eventagent.tools.clickhouse;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** {@code insert_pr_event}: one pull-request event into the event store. */
final class InsertPrEventTool extends EventWriteTool {

    static final String NAME = "insert_pr_event";

    private static final String DESCRIPTION = """
            Stores one pull-request event (opened, reviewed, merged, closed, …) in the ClickHouse event \
            store; activity summaries and team workload count them. Use this when a pull request is \
            opened, updated, reviewed, merged or closed. developer_email is the person who acted: the \
            author for opened/merged, the reviewer for action "reviewed". Safe to repeat: a \
            redelivered call stores nothing twice.""";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {"type": "string", "minLength": 1, "maxLength": 256,
                  "description": "The project or repository of the pull request."},
                "developer_email": {"type": "string", "format": "email", "maxLength": 320,
                  "description": "E-mail of the person who acted (author, or reviewer for reviews)."},
                "pr_data": {
                  "type": "object",
                  "description": "The pull-request event.",
                  "properties": {
                    "pr_number": {"type": "integer", "minimum": 1, "maximum": 1000000000000,
                      "description": "The pull request's number."},
                    "action": {"type": "string", "pattern": "^[a-z][a-z_]{0,63}$",
                      "description": "What happened, lower case: opened, synchronize, reviewed, merged, closed, reopened, … A closed event with merged_at counts as merged."},
                    "review_time_hours": {"type": "number", "minimum": 0, "maximum": 100000,
                      "description": "Hours from review request to review, when known."},
                    "lines_changed": {"type": "integer", "minimum": 0, "maximum": 100000000,
                      "description": "Lines added plus deleted, when known."},
                    "merged_at": {"type": "string", "format": "date-time",
                      "description": "When it was merged (ISO-8601 with offset), for merge events."}
                  },
                  "required": ["pr_number", "action"],
                  "additionalProperties": false
                }
              },
              "required": ["project_id", "developer_email", "pr_data"],
              "additionalProperties": false
            }""";

    InsertPrEventTool(BatchedWriter writer, ClickHouseTables tables, Clock clock) {
        super(NAME, DESCRIPTION, SCHEMA, writer, tables.pullRequests(), clock);
    }

    @Override
    void addColumns(CallArguments arguments, Map<String, Object> row, Map<String, Object> result) {
        CallArguments pr = arguments.object("pr_data");
        long number = pr.integer("pr_number", 1, 1_000_000_000_000L);
        String action = pr.string("action").trim().toLowerCase(Locale.ROOT);
        row.put("project_id", arguments.string("project_id"));
        row.put("developer_email", arguments.email("developer_email"));
        row.put("pr_number", number);
        row.put("action", action);
        row.put("review_time_hours", pr.optionalNumber("review_time_hours", 0, 100_000).orElse(null));
        row.put("lines_changed", pr.optionalInteger("lines_changed", 0, 100_000_000).orElse(null));
        row.put("merged_at", pr.optionalInstant("merged_at").map(ClickHouseTime::dateTime).orElse(null));
        result.put("pr_number", number);
        result.put("action", action);
    }
}
