package dev.eventagent.tools.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code get_project_dora_metrics}: the four DORA metrics of a project over the last days, as
 * defined in docs/tools/clickhouse.md:
 * <ul>
 *   <li>deployment frequency: successful production deployments per day of the window;</li>
 *   <li>lead time for changes: the median, in hours, from a commit's timestamp to the first
 *       successful production deployment of that sha in the window;</li>
 *   <li>change failure rate: failed production deployments / finished production deployments;</li>
 *   <li>time to restore: the median, in hours, from an incident's started_at to its resolved_at,
 *       over incidents resolved in the window.</li>
 * </ul>
 * A deployment's state is that of its latest status; medians of an even count average the two
 * middle values.
 */
final class ProjectDoraMetricsTool extends ReadTool {

    static final String NAME = "get_project_dora_metrics";

    private static final String DESCRIPTION = """
            Computes a project's four DORA metrics from the ClickHouse event store over the last days: \
            deployment frequency (successful production deployments per day), lead time for changes \
            (median hours from commit to its production deployment), change failure rate (failed / \
            finished production deployments) and time to restore (median hours from incident start \
            to resolution). A metric without data is null. Use this when asked how a project or team \
            is delivering, or for an engineering-health report.""";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {"type": "string", "minLength": 1, "maxLength": 256,
                  "description": "The project or repository, as the insert tools stored it."},
                "days": {"type": "integer", "minimum": 1, "maximum": 365, "default": 30,
                  "description": "How many days back from now the window covers (default 30)."}
              },
              "required": ["project_id"],
              "additionalProperties": false
            }""";

    /** The median of an ascending array {@code sorted} of {@code samples} values, 0 when empty. */
    private static final String MEDIAN = "if(samples = 0, 0., "
            + "(sorted[intDiv(samples + 1, 2)] + sorted[intDiv(samples, 2) + 1]) / 2)";

    private final Set<String> productionEnvironments;

    ProjectDoraMetricsTool(ClickHouseGateway gateway, ClickHouseTables tables, Clock clock,
            Set<String> productionEnvironments) {
        super(NAME, DESCRIPTION, SCHEMA, gateway, tables, clock);
        this.productionEnvironments = new TreeSet<>(productionEnvironments);
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        CallArguments arguments = CallArguments.of(call);
        String project = arguments.string("project_id");
        QueryWindow window = QueryWindow.lastDays(clock, arguments.integerOr("days", 30, 1, 365));
        SqlStatement projectIs = SqlStatement.of("project_id = ").string(project);

        JsonNode deployments = single(gateway.select("count the deployments of a project", SqlStatement.of(
                "SELECT toUInt64(countIf(final_status = 'success')) AS successful,\n"
                        + "  toUInt64(countIf(final_status IN ('failure', 'error'))) AS failed\n"
                        + "FROM (").append(finalDeployments(projectIs, window)).sql(")")));
        // Joined subqueries have aliases: current servers refuse them without (Code 206,
        // joined_subquery_requires_alias = 1 by default); 18.16 accepts them either way.
        JsonNode leadTime = single(gateway.select("measure the lead time of a project", SqlStatement.of(
                "SELECT samples, median_seconds FROM (\n"
                        + "SELECT arraySort(groupArray(lead_seconds)) AS sorted, length(sorted) AS samples,\n"
                        + "  " + MEDIAN + " AS median_seconds\n"
                        + "FROM (\n"
                        + "  SELECT toInt64(first_deployed) - toInt64(first_committed) AS lead_seconds\n"
                        + "  FROM (\n"
                        + "    SELECT final_sha AS sha, min(toUInt32(final_at)) AS first_deployed\n"
                        + "    FROM (").append(finalDeployments(projectIs, window)).sql(")\n"
                        + "    WHERE final_status = 'success'\n"
                        + "    GROUP BY final_sha\n"
                        + "  ) AS deployed ALL INNER JOIN (\n"
                        + "    SELECT sha, min(toUInt32(committed_at)) AS first_committed\n"
                        + "    FROM " + table(tables.commits()) + " FINAL\n"
                        + "    WHERE ").append(projectIs).sql("\n"
                        + "    GROUP BY sha\n"
                        + "  ) AS committed USING sha\n"
                        + ")\n"
                        + "WHERE lead_seconds >= 0\n"
                        + ")")));
        SqlStatement resolvedInWindow = SqlStatement.of("resolved_s > 0 AND resolved_s >= ")
                .integer(window.start().getEpochSecond()).sql(" AND resolved_s <= ").integer(window.end().getEpochSecond());
        JsonNode incidents = single(gateway.select("measure the time to restore of a project", SqlStatement.of(
                "SELECT samples, median_seconds, open_count FROM (\n"
                        + "SELECT arraySort(groupArrayIf(toInt64(resolved_s) - toInt64(started_s), ")
                .append(resolvedInWindow).sql(")) AS sorted,\n"
                        + "  length(sorted) AS samples,\n"
                        + "  " + MEDIAN + " AS median_seconds,\n"
                        + "  toUInt64(countIf(resolved_s = 0 AND started_s <= ").integer(window.end().getEpochSecond())
                .sql(")) AS open_count\n"
                        + "FROM (\n"
                        + "  SELECT incident_id, min(toUInt32(started_at)) AS started_s,\n"
                        + "    max(ifNull(toUInt32(resolved_at), 0)) AS resolved_s\n"
                        + "  FROM " + table(tables.incidents()) + " FINAL\n"
                        + "  WHERE ").append(projectIs).sql("\n"
                        + "  GROUP BY incident_id\n"
                        + ")\n"
                        + ")")));

        long successful = JsonEachRow.longValue(deployments, "successful");
        long failed = JsonEachRow.longValue(deployments, "failed");
        long finished = successful + failed;
        long leadSamples = JsonEachRow.longValue(leadTime, "samples");
        long restoreSamples = JsonEachRow.longValue(incidents, "samples");

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("deployments", finished);
        counts.put("successful_deployments", successful);
        counts.put("failed_deployments", failed);
        counts.put("lead_time_samples", leadSamples);
        counts.put("incidents_resolved", restoreSamples);
        counts.put("incidents_open", JsonEachRow.longValue(incidents, "open_count"));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("project_id", project);
        result.put("days", window.days());
        result.put("window_start", window.start().toString());
        result.put("window_end", window.end().toString());
        result.put("deployment_frequency_per_day", ClickHouseTime.round((double) successful / window.days(), 3));
        result.put("lead_time_for_changes_hours", leadSamples == 0 ? null
                : ClickHouseTime.hours(JsonEachRow.doubleValue(leadTime, "median_seconds")));
        result.put("change_failure_rate", finished == 0 ? null : ClickHouseTime.round((double) failed / finished, 3));
        result.put("time_to_restore_hours", restoreSamples == 0 ? null
                : ClickHouseTime.hours(JsonEachRow.doubleValue(incidents, "median_seconds")));
        result.put("counts", counts);
        result.put("production_environments", List.copyOf(productionEnvironments));
        return ToolResult.of(result);
    }

    /**
     * One row per production deployment of the project with a status in the window: its latest
     * status (by time; at equal times a finished status wins, then the later recorded row), and
     * the sha and time of that status.
     */
    private SqlStatement finalDeployments(SqlStatement projectIs, QueryWindow window) {
        return SqlStatement.of("\n      SELECT deployment_id, argMax(status, ord) AS final_status, argMax(sha, ord) AS final_sha,\n"
                + "        argMax(deployed_at, ord) AS final_at\n"
                + "      FROM (\n"
                + "        SELECT deployment_id, status, sha, deployed_at,\n"
                + "          (toUInt32(deployed_at), if(status IN ('success', 'failure', 'error'), 1, 0), version) AS ord\n"
                + "        FROM " + table(tables.deployments()) + " FINAL\n"
                + "        WHERE ").append(projectIs).sql(" AND lower(environment) IN ")
                .strings(productionEnvironments).sql("\n"
                + "          AND ").append(window.contains("deployed_at")).sql("\n"
                + "      )\n"
                + "      GROUP BY deployment_id\n    ");
    }

    private static JsonNode single(List<JsonNode> rows) {
        return rows.isEmpty() ? NullNode.getInstance() : rows.get(0);
    }
}
