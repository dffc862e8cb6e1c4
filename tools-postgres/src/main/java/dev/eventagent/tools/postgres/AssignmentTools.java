package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The assignment-history tools: record_task_assignment, get_assignment_history. */
final class AssignmentTools {

    /** The longest reason. */
    static final int MAX_REASON = 10_000;
    /** The most characters of a reason get_assignment_history returns. */
    static final int REASON_EXCERPT = 1_000;
    /** The most assignments get_assignment_history returns. */
    static final int MAX_LIMIT = 100;

    private static final String ISSUE_KEY_DESCRIPTION = "The issue's key in its tracker, e.g. \\\"PLAT-123\\\".";

    private final PostgresDatabase database;

    AssignmentTools(PostgresDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    List<Tool> tools() {
        return List.of(
                new PostgresTool(ToolDescriptor.builder("record_task_assignment")
                        .description("Records that an issue was assigned to a developer, and why, in the assignment"
                                + " history. Use this after assigning an issue, so later decisions can see who got"
                                + " what. Returns {\"assignment_id\",\"issue_key\",\"assignee_email\",\"assigned_at\","
                                + "\"replayed\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  "issue_key": {"type": "string", "minLength": 1, "maxLength": 200,
                                    "description": "%s"},
                                  "assignee_email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 320,
                                    "description": "The e-mail of the developer the issue was assigned to."},
                                  "reason": {"type": "string", "minLength": 1, "maxLength": %d,
                                    "description": "Why this developer was chosen, in a sentence or two."}
                                 },
                                 "required": ["issue_key", "assignee_email", "reason"],
                                 "additionalProperties": false}
                                """.formatted(ISSUE_KEY_DESCRIPTION, MAX_REASON))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.LOW).build(),
                        this::recordTaskAssignment),
                new PostgresTool(ToolDescriptor.builder("get_assignment_history")
                        .description("Lists recorded assignments, newest first, for a developer, an issue, both, or"
                                + " overall. Use this when you need to know who worked on an issue before or how"
                                + " much a developer was recently given. Reasons longer than " + REASON_EXCERPT
                                + " characters are cut (reason_truncated). Returns {\"assignments\":[{\"assignment_id\","
                                + "\"issue_key\",\"assignee_email\",\"reason\",\"assigned_at\"}],\"count\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  "email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 320,
                                    "description": "Only assignments to this developer."},
                                  "issue_key": {"type": "string", "minLength": 1, "maxLength": 200,
                                    "description": "Only assignments of this issue. %s"},
                                  "limit": {"type": "integer", "minimum": 1, "maximum": %d, "default": 20,
                                    "description": "The most assignments to return (default 20)."}
                                 },
                                 "additionalProperties": false}
                                """.formatted(ISSUE_KEY_DESCRIPTION, MAX_LIMIT))
                        .effect(EffectKind.READ).idempotent(true).risk(Risk.LOW).build(),
                        this::getAssignmentHistory));
    }

    private Map<String, Object> recordTaskAssignment(ToolCall call) {
        String issueKey = ToolArguments.text(call, "issue_key", ToolArguments.MAX_ID);
        String assignee = ToolArguments.email(call, "assignee_email");
        String reason = ToolArguments.text(call, "reason", MAX_REASON);
        return database.write(call, (connection, replay) -> {
            if (!replay) {
                try (PreparedStatement statement = connection.prepareStatement("INSERT INTO task_assignments"
                        + " (idempotency_key, event_id, issue_key, assignee_email, reason) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (idempotency_key) DO NOTHING")) {
                    statement.setString(1, call.idempotencyKey());
                    statement.setString(2, call.eventId());
                    statement.setString(3, issueKey);
                    statement.setString(4, assignee);
                    statement.setString(5, reason);
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT assignment_id, issue_key,"
                    + " assignee_email, assigned_at FROM task_assignments WHERE idempotency_key = ?")) {
                statement.setString(1, call.idempotencyKey());
                try (ResultSet row = statement.executeQuery()) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    if (row.next()) {
                        result.put("assignment_id", row.getLong(1));
                        result.put("issue_key", row.getString(2));
                        result.put("assignee_email", row.getString(3));
                        result.put("assigned_at", row.getTimestamp(4).toInstant().toString());
                    } else {
                        result.put("assignment_id", null);
                        result.put("issue_key", issueKey);
                        result.put("assignee_email", assignee);
                        result.put("assigned_at", null);
                    }
                    result.put("replayed", replay);
                    return result;
                }
            }
        });
    }

    private Map<String, Object> getAssignmentHistory(ToolCall call) {
        Optional<String> email = ToolArguments.optionalEmail(call, "email");
        Optional<String> issueKey = ToolArguments.optionalText(call, "issue_key", ToolArguments.MAX_ID);
        int limit = ToolArguments.integer(call, "limit", 20, 1, MAX_LIMIT);
        StringBuilder sql = new StringBuilder("SELECT assignment_id, issue_key, assignee_email, reason, assigned_at"
                + " FROM task_assignments WHERE true");
        email.ifPresent(value -> sql.append(" AND assignee_email = ?"));
        issueKey.ifPresent(value -> sql.append(" AND issue_key = ?"));
        sql.append(" ORDER BY assigned_at DESC, assignment_id DESC LIMIT ?");
        return database.inTransaction(call, connection -> {
            List<Object> assignments = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int parameter = 1;
                if (email.isPresent()) {
                    statement.setString(parameter++, email.get());
                }
                if (issueKey.isPresent()) {
                    statement.setString(parameter++, issueKey.get());
                }
                statement.setInt(parameter, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Map<String, Object> assignment = new LinkedHashMap<>();
                        assignment.put("assignment_id", rows.getLong(1));
                        assignment.put("issue_key", rows.getString(2));
                        assignment.put("assignee_email", rows.getString(3));
                        String reason = rows.getString(4);
                        if (reason.codePointCount(0, reason.length()) > REASON_EXCERPT) {
                            assignment.put("reason", reason.substring(0, reason.offsetByCodePoints(0, REASON_EXCERPT)));
                            assignment.put("reason_truncated", true);
                        } else {
                            assignment.put("reason", reason);
                        }
                        assignment.put("assigned_at", rows.getTimestamp(5).toInstant().toString());
                        assignments.add(assignment);
                    }
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("assignments", assignments);
            result.put("count", assignments.size());
            return result;
        });
    }
}
