package dev.eventagent.tools.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code get_developer_activity_summary}: a developer's commits, pull requests, reviews and Jira
 * transitions per day (UTC) over the last days.
 */
final class DeveloperActivitySummaryTool extends ReadTool {

    static final String NAME = "get_developer_activity_summary";

    /** The figures of each day and of the totals, in output order. */
    static final List<String> FIGURES = List.of("commits", "lines_added", "lines_deleted", "prs_opened",
            "prs_merged", "reviews", "jira_transitions", "jira_events");

    private static final String DESCRIPTION = """
            Summarises one developer's recent activity from the ClickHouse event store: commits (with \
            lines added and deleted), pull requests opened and merged, reviews given, and Jira status \
            transitions, as totals and per UTC day (only days with activity are listed). Use this when \
            you need to know how active someone has been, e.g. before assigning work or writing a \
            status summary.""";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "developer_email": {"type": "string", "format": "email", "maxLength": 320,
                  "description": "The developer's e-mail (matched case-insensitively)."},
                "days": {"type": "integer", "minimum": 1, "maximum": 365, "default": 30,
                  "description": "How many days back from now to look (default 30)."}
              },
              "required": ["developer_email"],
              "additionalProperties": false
            }""";

    DeveloperActivitySummaryTool(ClickHouseGateway gateway, ClickHouseTables tables, Clock clock) {
        super(NAME, DESCRIPTION, SCHEMA, gateway, tables, clock);
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        CallArguments arguments = CallArguments.of(call);
        String email = arguments.email("developer_email");
        QueryWindow window = QueryWindow.lastDays(clock, arguments.integerOr("days", 30, 1, 365));
        List<JsonNode> rows = gateway.select("summarise the activity of a developer", sql(email, window));

        Map<String, Object> totals = new LinkedHashMap<>();
        FIGURES.forEach(figure -> totals.put(figure, 0L));
        List<Map<String, Object>> perDay = new ArrayList<>();
        for (JsonNode row : rows) {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", row.path("date").asText());
            for (String figure : FIGURES) {
                long value = JsonEachRow.longValue(row, figure);
                day.put(figure, value);
                totals.merge(figure, value, (a, b) -> (Long) a + (Long) b);
            }
            perDay.add(day);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("developer_email", email);
        result.put("days", window.days());
        result.put("window_start", window.start().toString());
        result.put("window_end", window.end().toString());
        result.put("totals", totals);
        result.put("active_days", perDay.size());
        result.put("per_day", perDay);
        return ToolResult.of(result);
    }

    private SqlStatement sql(String email, QueryWindow window) {
        SqlStatement developer = SqlStatement.of("developer_email = ").string(email);
        return SqlStatement.of("SELECT toString(day) AS date, " + sums() + "\nFROM (\n"
                + "  SELECT toDate(committed_at) AS day, " + columns("toUInt64(count())",
                        "toUInt64(sum(ifNull(lines_added, 0)))", "toUInt64(sum(ifNull(lines_deleted, 0)))",
                        "0", "0", "0", "0", "0")
                + "\n  FROM " + table(tables.commits()) + " FINAL\n  WHERE ").append(developer).sql(" AND ")
                .append(window.contains("committed_at")).sql("\n  GROUP BY day\n"
                + "  UNION ALL\n"
                + "  SELECT toDate(recorded_at) AS day, " + columns("0", "0", "0",
                        "toUInt64(countIf(action = 'opened'))",
                        "toUInt64(countIf(action = 'merged' OR (action = 'closed' AND merged_at IS NOT NULL)))",
                        "toUInt64(countIf(action = 'reviewed'))", "0", "0")
                + "\n  FROM " + table(tables.pullRequests()) + " FINAL\n  WHERE ").append(developer).sql(" AND ")
                .append(window.contains("recorded_at")).sql("\n  GROUP BY day\n"
                + "  UNION ALL\n"
                + "  SELECT toDate(recorded_at) AS day, " + columns("0", "0", "0", "0", "0", "0",
                        "toUInt64(countIf(ifNull(status_to, '') != ''))", "toUInt64(count())")
                + "\n  FROM " + table(tables.jira()) + " FINAL\n  WHERE ").append(developer).sql(" AND ")
                .append(window.contains("recorded_at")).sql("\n  GROUP BY day\n"
                + ")\nGROUP BY day\nORDER BY day");
    }

    /**
     * The figure columns of one UNION branch, each a UInt64 (18.16 wants equal types) named
     * {@code n_<figure>} (an alias equal to a column it reads would be cyclic).
     */
    private static String columns(String... expressions) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < FIGURES.size(); i++) {
            String expression = expressions[i].equals("0") ? "toUInt64(0)" : expressions[i];
            columns.add(expression + " AS n_" + FIGURES.get(i));
        }
        return String.join(", ", columns);
    }

    private static String sums() {
        List<String> sums = new ArrayList<>();
        FIGURES.forEach(figure -> sums.add("sum(n_" + figure + ") AS " + figure));
        return String.join(", ", sums);
    }
}
