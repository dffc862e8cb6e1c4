package dev.eventagent.tools.clickhouse;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** {@code insert_jira_event}: one Jira issue event into the event store. */
final class InsertJiraEventTool extends EventWriteTool {

    static final String NAME = "insert_jira_event";

    private static final String DESCRIPTION = """
            Stores one Jira issue event in the ClickHouse event store. Use this when an issue is \
            created, assigned, transitioned or resolved. Give status_from/status_to for a status \
            change (counted as a transition in activity summaries). To record that an issue is now \
            assigned to someone, use event_type "issue_assigned" with developer_email = the assignee: \
            get_team_workload counts such issues as open assignments until they reach a done status. \
            Safe to repeat: a redelivered call stores nothing twice.""";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {"type": "string", "minLength": 1, "maxLength": 256,
                  "description": "The Jira project key or project name."},
                "developer_email": {"type": "string", "format": "email", "maxLength": 320,
                  "description": "E-mail of the developer the event concerns (the assignee for issue_assigned)."},
                "issue_data": {
                  "type": "object",
                  "description": "The issue event.",
                  "properties": {
                    "issue_key": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]{0,63}-[0-9]{1,12}$",
                      "description": "The issue key, e.g. PROJ-456."},
                    "event_type": {"type": "string", "pattern": "^[a-z][a-z0-9_.:]{0,63}$",
                      "description": "What happened, lower case: issue_created, issue_assigned, issue_updated, issue_transitioned, issue_resolved, issue_deleted, …"},
                    "status_from": {"type": "string", "maxLength": 128,
                      "description": "The status before a transition, e.g. To Do."},
                    "status_to": {"type": "string", "maxLength": 128,
                      "description": "The status after a transition, e.g. In Progress or Done."},
                    "story_points": {"type": "number", "minimum": 0, "maximum": 10000,
                      "description": "The issue's story points, when known."}
                  },
                  "required": ["issue_key", "event_type"],
                  "additionalProperties": false
                }
              },
              "required": ["project_id", "developer_email", "issue_data"],
              "additionalProperties": false
            }""";

    InsertJiraEventTool(BatchedWriter writer, ClickHouseTables tables, Clock clock) {
        super(NAME, DESCRIPTION, SCHEMA, writer, tables.jira(), clock);
    }

    @Override
    void addColumns(CallArguments arguments, Map<String, Object> row, Map<String, Object> result) {
        CallArguments issue = arguments.object("issue_data");
        String issueKey = issue.string("issue_key").trim().toUpperCase(Locale.ROOT);
        String eventType = issue.string("event_type").trim().toLowerCase(Locale.ROOT);
        row.put("project_id", arguments.string("project_id"));
        row.put("developer_email", arguments.email("developer_email"));
        row.put("issue_key", issueKey);
        row.put("event_type", eventType);
        row.put("status_from", issue.optionalString("status_from").orElse(null));
        row.put("status_to", issue.optionalString("status_to").orElse(null));
        row.put("story_points", issue.optionalNumber("story_points", 0, 10_000).orElse(null));
        result.put("issue_key", issueKey);
        result.put("event_type", eventType);
    }
}
