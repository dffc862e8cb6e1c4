package dev.eventagent.tools.clickhouse;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** {@code insert_commit_event}: one git commit into the event store. */
final class InsertCommitEventTool extends EventWriteTool {

    static final String NAME = "insert_commit_event";

    private static final String DESCRIPTION = """
            Stores one git commit in the ClickHouse event store, where developer activity summaries \
            and DORA lead time (commit to deployment of the same sha) read it. Use this when a push or \
            commit event arrives: one call per commit, with the commit's author as developer_email. \
            Safe to repeat: a redelivered call stores nothing twice.""";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {"type": "string", "minLength": 1, "maxLength": 256,
                  "description": "The project or repository the commit belongs to, e.g. api-gateway."},
                "developer_email": {"type": "string", "format": "email", "maxLength": 320,
                  "description": "E-mail of the commit's author (stored in lower case)."},
                "commit_data": {
                  "type": "object",
                  "description": "The commit.",
                  "properties": {
                    "sha": {"type": "string", "pattern": "^[0-9a-fA-F]{4,64}$",
                      "description": "The commit id (hexadecimal, abbreviated or full)."},
                    "message": {"type": "string", "maxLength": 65536, "description": "The commit message."},
                    "files_changed": {"type": "integer", "minimum": 0, "maximum": 1000000,
                      "description": "How many files the commit touched."},
                    "lines_added": {"type": "integer", "minimum": 0, "maximum": 100000000,
                      "description": "Lines added, when known."},
                    "lines_deleted": {"type": "integer", "minimum": 0, "maximum": 100000000,
                      "description": "Lines deleted, when known."},
                    "timestamp": {"type": "string", "format": "date-time",
                      "description": "When the commit was made, ISO-8601 with offset, e.g. 2024-05-01T12:00:00Z."}
                  },
                  "required": ["sha", "message", "files_changed", "timestamp"],
                  "additionalProperties": false
                }
              },
              "required": ["project_id", "developer_email", "commit_data"],
              "additionalProperties": false
            }""";

    InsertCommitEventTool(BatchedWriter writer, ClickHouseTables tables, Clock clock) {
        super(NAME, DESCRIPTION, SCHEMA, writer, tables.commits(), clock);
    }

    @Override
    void addColumns(CallArguments arguments, Map<String, Object> row, Map<String, Object> result) {
        CallArguments commit = arguments.object("commit_data");
        String sha = commit.string("sha").toLowerCase(Locale.ROOT);
        row.put("project_id", arguments.string("project_id"));
        row.put("developer_email", arguments.email("developer_email"));
        row.put("sha", sha);
        row.put("message", commit.text("message"));
        row.put("files_changed", commit.integer("files_changed", 0, 1_000_000));
        row.put("lines_added", commit.optionalInteger("lines_added", 0, 100_000_000).orElse(null));
        row.put("lines_deleted", commit.optionalInteger("lines_deleted", 0, 100_000_000).orElse(null));
        row.put("committed_at", ClickHouseTime.dateTime(commit.instant("timestamp")));
        result.put("sha", sha);
    }
}
