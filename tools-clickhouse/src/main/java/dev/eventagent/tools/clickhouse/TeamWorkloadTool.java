package dev.eventagent.tools.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code get_team_workload}: per developer, the open Jira assignments (all time), the activity of
 * the last days, and a load score:
 * {@code open_assignments + 0.25 × open_story_points + recent_activity / days}, where
 * recent_activity counts commits, pull requests opened and merged, reviews and Jira transitions.
 *
 * <p>An issue is an open assignment of a developer when its latest {@code issue_assigned} event
 * names that developer, its latest known status ({@code status_to}) is not a done status
 * ({@code done-statuses}), and it has no {@code issue_deleted} event.
 */
final class TeamWorkloadTool extends ReadTool {

    static final String NAME = "get_team_workload";

    /** How many open issue keys are listed per developer. */
    static final int MAX_LISTED_ISSUES = 20;

    private static final List<String> ACTIVITY = List.of("commits", "prs_opened", "prs_merged", "reviews",
            "jira_transitions");

    private static final String DESCRIPTION = """
            Compares the workload of several developers from the ClickHouse event store: each one's \
            open Jira assignments (count, story points, up to 20 issue keys), recent activity \
            (commits, pull requests, reviews, Jira transitions) and a load score (open assignments + \
            0.25 × open story points + recent activity per day; higher means busier), plus who is \
            least loaded. Use this when choosing whom to assign new work to or checking whether a \
            team is overloaded.""";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "developer_emails": {"type": "array", "minItems": 1, "maxItems": 50, "uniqueItems": true,
                  "items": {"type": "string", "format": "email", "maxLength": 320},
                  "description": "The developers to compare, by e-mail (matched case-insensitively)."},
                "days": {"type": "integer", "minimum": 1, "maximum": 90, "default": 14,
                  "description": "How many days of recent activity to count (default 14)."}
              },
              "required": ["developer_emails"],
              "additionalProperties": false
            }""";

    private final Set<String> doneStatuses;

    TeamWorkloadTool(ClickHouseGateway gateway, ClickHouseTables tables, Clock clock, Set<String> doneStatuses) {
        super(NAME, DESCRIPTION, SCHEMA, gateway, tables, clock);
        this.doneStatuses = Set.copyOf(doneStatuses);
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        CallArguments arguments = CallArguments.of(call);
        List<String> emails = arguments.emails("developer_emails");
        if (emails.size() > 50) {
            throw new InvalidArgumentsException(
                    "argument 'developer_emails' of " + NAME + " must name at most 50 developers");
        }
        QueryWindow window = QueryWindow.lastDays(clock, arguments.integerOr("days", 14, 1, 90));

        Map<String, JsonNode> open = byEmail(gateway.select("read the open assignments of developers",
                openAssignmentsSql(emails)), "assignee");
        Map<String, JsonNode> activity = byEmail(gateway.select("count the recent activity of developers",
                activitySql(emails, window)), "email");

        List<Map<String, Object>> developers = new ArrayList<>();
        String leastLoaded = null;
        double lowest = Double.MAX_VALUE;
        for (String email : emails) {
            JsonNode assigned = open.get(email);
            JsonNode active = activity.get(email);
            long openCount = assigned == null ? 0 : JsonEachRow.longValue(assigned, "open_assignments");
            double openPoints = assigned == null ? 0 : JsonEachRow.doubleValue(assigned, "open_story_points");
            List<String> keys = new ArrayList<>();
            if (assigned != null) {
                assigned.path("issue_keys").forEach(key -> keys.add(key.asText()));
            }
            Map<String, Object> recent = new LinkedHashMap<>();
            long recentTotal = 0;
            for (String figure : ACTIVITY) {
                long value = active == null ? 0 : JsonEachRow.longValue(active, figure);
                recent.put(figure, value);
                recentTotal += value;
            }
            double score = ClickHouseTime.round(openCount + 0.25 * openPoints + (double) recentTotal / window.days(), 2);
            Map<String, Object> developer = new LinkedHashMap<>();
            developer.put("developer_email", email);
            developer.put("open_assignments", openCount);
            developer.put("open_story_points", ClickHouseTime.round(openPoints, 2));
            developer.put("open_issue_keys", keys);
            developer.put("recent_activity", recent);
            developer.put("load_score", score);
            developers.add(developer);
            if (score < lowest) {
                lowest = score;
                leastLoaded = email;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("days", window.days());
        result.put("window_start", window.start().toString());
        result.put("window_end", window.end().toString());
        result.put("developers", developers);
        result.put("least_loaded", leastLoaded);
        return ToolResult.of(result);
    }

    private SqlStatement openAssignmentsSql(List<String> emails) {
        String jira = table(tables.jira());
        SqlStatement notDone = doneStatuses.isEmpty() ? SqlStatement.of("")
                : SqlStatement.of(" AND last_status NOT IN ").strings(doneStatuses);
        return SqlStatement.of("SELECT assignee, toUInt64(count()) AS open_assignments, sum(points) AS open_story_points,\n"
                + "  arraySlice(arraySort(groupArray(issue_key)), 1, " + MAX_LISTED_ISSUES + ") AS issue_keys\n"
                + "FROM (\n"
                + "  SELECT issue_key,\n"
                + "    argMaxIf(developer_email, version, event_type = 'issue_assigned') AS assignee,\n"
                + "    argMaxIf(lower(ifNull(status_to, '')), version, ifNull(status_to, '') != '') AS last_status,\n"
                + "    argMaxIf(ifNull(story_points, 0.), version, story_points IS NOT NULL) AS points,\n"
                + "    countIf(event_type = 'issue_deleted') AS deletions\n"
                + "  FROM " + jira + " FINAL\n"
                + "  WHERE issue_key IN (SELECT issue_key FROM " + jira + " FINAL\n"
                + "    WHERE event_type = 'issue_assigned' AND developer_email IN ").strings(emails).sql(")\n"
                + "  GROUP BY issue_key\n"
                + ")\n"
                + "WHERE assignee IN ").strings(emails).append(notDone).sql(" AND deletions = 0\n"
                + "GROUP BY assignee");
    }

    private SqlStatement activitySql(List<String> emails, QueryWindow window) {
        SqlStatement developers = SqlStatement.of("developer_email IN ").strings(emails);
        return SqlStatement.of("SELECT developer_email AS email, " + sums() + "\nFROM (\n"
                + "  SELECT developer_email, " + columns("toUInt64(count())", "0", "0", "0", "0")
                + "\n  FROM " + table(tables.commits()) + " FINAL\n  WHERE ").append(developers).sql(" AND ")
                .append(window.contains("committed_at")).sql("\n  GROUP BY developer_email\n"
                + "  UNION ALL\n"
                + "  SELECT developer_email, " + columns("0", "toUInt64(countIf(action = 'opened'))",
                        "toUInt64(countIf(action = 'merged' OR (action = 'closed' AND merged_at IS NOT NULL)))",
                        "toUInt64(countIf(action = 'reviewed'))", "0")
                + "\n  FROM " + table(tables.pullRequests()) + " FINAL\n  WHERE ").append(developers).sql(" AND ")
                .append(window.contains("recorded_at")).sql("\n  GROUP BY developer_email\n"
                + "  UNION ALL\n"
                + "  SELECT developer_email, " + columns("0", "0", "0", "0",
                        "toUInt64(countIf(ifNull(status_to, '') != ''))")
                + "\n  FROM " + table(tables.jira()) + " FINAL\n  WHERE ").append(developers).sql(" AND ")
                .append(window.contains("recorded_at")).sql("\n  GROUP BY developer_email\n"
                + ")\nGROUP BY developer_email");
    }

    private static String columns(String... expressions) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < ACTIVITY.size(); i++) {
            String expression = expressions[i].equals("0") ? "toUInt64(0)" : expressions[i];
            columns.add(expression + " AS n_" + ACTIVITY.get(i));
        }
        return String.join(", ", columns);
    }

    private static String sums() {
        List<String> sums = new ArrayList<>();
        ACTIVITY.forEach(figure -> sums.add("sum(n_" + figure + ") AS " + figure));
        return String.join(", ", sums);
    }

    private static Map<String, JsonNode> byEmail(List<JsonNode> rows, String column) {
        Map<String, JsonNode> byEmail = new HashMap<>();
        rows.forEach(row -> byEmail.put(row.path(column).asText(), row));
        return byEmail;
    }
}
