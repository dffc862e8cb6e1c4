package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The five insert tools against a real server: stored values, redelivery, and what their schemas refuse. */
class EventWriteToolsTest {

    private static ClickHouseTestPlugin plugin;

    @BeforeAll
    static void start() {
        plugin = ClickHouseTestPlugin.start("it_writes");
    }

    @AfterAll
    static void stop() {
        if (plugin != null) {
            plugin.close();
        }
    }

    @Test
    void storesACommitWithEveryColumn() {
        Instant now = plugin.clock.instant();
        ToolResult result = plugin.call("insert_commit_event", "push-1", "push-1/github-push/store/commit[0]",
                commit("api-gateway", "Alice@Company.com", "ABC123", "Add OAuth2 authentication"));

        assertThat(result.value()).containsEntry("stored", true).containsEntry("sha", "abc123")
                .containsEntry("row_id", "push-1/github-push/store/commit[0]");
        JsonNode row = single("SELECT event_id, row_id, project_id, developer_email, sha, message, files_changed, "
                + "lines_added, lines_deleted, toUInt32(committed_at) AS committed, toUInt32(recorded_at) AS recorded "
                + "FROM `it_writes`.`commit_events` FINAL WHERE event_id = 'push-1'");
        assertThat(row.path("row_id").asText()).isEqualTo("push-1/github-push/store/commit[0]");
        assertThat(row.path("project_id").asText()).isEqualTo("api-gateway");
        assertThat(row.path("developer_email").asText()).isEqualTo("alice@company.com");
        assertThat(row.path("files_changed").asLong()).isEqualTo(2);
        assertThat(row.path("lines_added").asLong()).isEqualTo(150);
        assertThat(row.path("lines_deleted").asLong()).isEqualTo(20);
        assertThat(row.path("committed").asLong()).isEqualTo(Instant.parse("2026-05-09T08:30:00Z").getEpochSecond());
        assertThat(row.path("recorded").asLong()).isEqualTo(now.getEpochSecond());
    }

    @Test
    void leavesUnknownLineCountsNull() {
        Map<String, Object> arguments = commit("api-gateway", "bob@company.com", "def456", "no stats");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) arguments.get("commit_data");
        data.remove("lines_added");
        data.remove("lines_deleted");
        plugin.call("insert_commit_event", "push-nulls", "push-nulls/k", arguments);

        JsonNode row = single("SELECT lines_added, lines_deleted FROM `it_writes`.`commit_events` FINAL "
                + "WHERE event_id = 'push-nulls'");
        assertThat(row.path("lines_added").isNull()).isTrue();
        assertThat(row.path("lines_deleted").isNull()).isTrue();
    }

    @Test
    void aRedeliveredCallLeavesOneLogicalRowInEveryTable() {
        Map<String, Map<String, Object>> callsByTool = new LinkedHashMap<>();
        callsByTool.put("insert_commit_event", commit("redelivery", "carol@company.com", "aaaa1111", "msg"));
        callsByTool.put("insert_pr_event", Map.of("project_id", "redelivery", "developer_email", "carol@company.com",
                "pr_data", Map.of("pr_number", 7, "action", "opened")));
        callsByTool.put("insert_jira_event", Map.of("project_id", "redelivery", "developer_email", "carol@company.com",
                "issue_data", Map.of("issue_key", "RED-1", "event_type", "issue_created")));
        callsByTool.put("insert_deployment_event", Map.of("project_id", "redelivery", "deployment_data",
                Map.of("deployment_id", 99, "environment", "production", "status", "success", "sha", "aaaa1111",
                        "timestamp", "2026-05-10T10:00:00Z")));
        callsByTool.put("insert_incident_event", Map.of("project_id", "redelivery", "incident_data",
                Map.of("incident_id", "inc-1", "status", "firing", "severity", "critical",
                        "started_at", "2026-05-10T09:00:00Z")));
        List<String> tables = List.of("commit_events", "pr_events", "jira_events", "deployment_events", "incident_events");

        int i = 0;
        for (Map.Entry<String, Map<String, Object>> call : callsByTool.entrySet()) {
            String table = tables.get(i++);
            String key = "redelivered-" + table + "/route/step/call";
            plugin.call(call.getKey(), "redelivered-" + table, key, call.getValue());
            plugin.clock.advance(Duration.ofMinutes(5));
            plugin.call(call.getKey(), "redelivered-" + table, key, call.getValue());

            assertThat(plugin.raw.rows("SELECT count() AS n FROM `it_writes`.`" + table + "` FINAL WHERE row_id = '"
                    + key + "'").get(0).path("n").asLong()).as(table + " rows read with FINAL").isEqualTo(1);
            assertThat(plugin.raw.rows("SELECT uniqExact(row_id) AS n, count() AS copies FROM `it_writes`.`" + table
                    + "` WHERE row_id = '" + key + "'").get(0).path("n").asLong())
                    .as(table + " logical rows without FINAL").isEqualTo(1);
        }
        plugin.raw.run("OPTIMIZE TABLE `it_writes`.`commit_events` FINAL");
        assertThat(plugin.raw.rows("SELECT count() AS n FROM `it_writes`.`commit_events` WHERE row_id = "
                + "'redelivered-commit_events/route/step/call'").get(0).path("n").asLong())
                .as("after a merge the copy is gone").isEqualTo(1);
    }

    @Test
    void twoCallsOfOneEventAreTwoRows() {
        Map<String, Object> first = commit("fan-out", "dan@company.com", "bbbb0001", "first");
        Map<String, Object> second = commit("fan-out", "dan@company.com", "bbbb0002", "second");
        plugin.call("insert_commit_event", "push-fan", "push-fan/github-push/store/commit[0]", first);
        plugin.call("insert_commit_event", "push-fan", "push-fan/github-push/store/commit[1]", second);

        assertThat(plugin.raw.rows("SELECT sha FROM `it_writes`.`commit_events` FINAL WHERE event_id = 'push-fan' "
                + "ORDER BY sha")).extracting(r -> r.path("sha").asText()).containsExactly("bbbb0001", "bbbb0002");
    }

    @Test
    void storesPullRequestJiraDeploymentAndIncidentColumns() {
        plugin.call("insert_pr_event", "pr-1", "pr-1/k", Map.of("project_id", "web", "developer_email", "eve@company.com",
                "pr_data", Map.of("pr_number", 42, "action", "closed", "review_time_hours", 3.5, "lines_changed", 120,
                        "merged_at", "2026-05-10T11:00:00+02:00")));
        plugin.call("insert_jira_event", "jira-1", "jira-1/k", Map.of("project_id", "PROJ", "developer_email",
                "eve@company.com", "issue_data", Map.of("issue_key", "proj-456", "event_type", "issue_transitioned",
                        "status_from", "To Do", "status_to", "In Progress", "story_points", 8.0)));
        plugin.call("insert_deployment_event", "dep-1", "dep-1/k", Map.of("project_id", "web", "deployment_data",
                Map.of("deployment_id", "d-1", "environment", "production", "status", "failure", "sha", "CAFE1234",
                        "timestamp", "2026-05-10T11:30:00Z")));
        plugin.call("insert_incident_event", "inc-1", "inc-1/k", Map.of("project_id", "web", "incident_data",
                Map.of("incident_id", "fp-1", "status", "resolved", "severity", "critical",
                        "started_at", "2026-05-10T09:00:00Z", "resolved_at", "2026-05-10T10:30:00Z")));

        JsonNode pr = single("SELECT pr_number, action, review_time_hours, lines_changed, toUInt32(merged_at) AS merged "
                + "FROM `it_writes`.`pr_events` FINAL WHERE event_id = 'pr-1'");
        assertThat(pr.path("pr_number").asLong()).isEqualTo(42);
        assertThat(pr.path("review_time_hours").asDouble()).isEqualTo(3.5);
        assertThat(pr.path("lines_changed").asLong()).isEqualTo(120);
        assertThat(pr.path("merged").asLong()).isEqualTo(Instant.parse("2026-05-10T09:00:00Z").getEpochSecond());
        JsonNode jira = single("SELECT issue_key, event_type, status_from, status_to, story_points "
                + "FROM `it_writes`.`jira_events` FINAL WHERE event_id = 'jira-1'");
        assertThat(jira.path("issue_key").asText()).isEqualTo("PROJ-456");
        assertThat(jira.path("status_to").asText()).isEqualTo("In Progress");
        assertThat(jira.path("story_points").asDouble()).isEqualTo(8.0);
        JsonNode deployment = single("SELECT deployment_id, environment, status, sha "
                + "FROM `it_writes`.`deployment_events` FINAL WHERE event_id = 'dep-1'");
        assertThat(deployment.path("sha").asText()).isEqualTo("cafe1234");
        assertThat(deployment.path("status").asText()).isEqualTo("failure");
        JsonNode incident = single("SELECT incident_id, status, toUInt32(resolved_at) - toUInt32(started_at) AS lasted "
                + "FROM `it_writes`.`incident_events` FINAL WHERE event_id = 'inc-1'");
        assertThat(incident.path("lasted").asLong()).isEqualTo(5400);
    }

    @Test
    void schemasRefuseBadArgumentsBeforeTheyReachTheServer() {
        Map<String, Object> good = commit("p", "a@b.co", "abcd", "m");
        assertThat(plugin.schemaProblems("insert_commit_event", good)).isEmpty();
        assertThat(plugin.schemaProblems("insert_commit_event", Map.of("project_id", "p", "developer_email", "not-an-email",
                "commit_data", good.get("commit_data")))).isNotEmpty();
        assertThat(plugin.schemaProblems("insert_commit_event", Map.of("project_id", "p", "developer_email", "a@b.co",
                "commit_data", Map.of("sha", "x'; DROP TABLE t; --", "message", "m", "files_changed", 1,
                        "timestamp", "2026-05-10T10:00:00Z")))).isNotEmpty();
        assertThat(plugin.schemaProblems("insert_commit_event", Map.of("project_id", "p", "developer_email", "a@b.co",
                "commit_data", Map.of("sha", "abcd", "message", "m", "files_changed", 1, "timestamp", "yesterday"))))
                .isNotEmpty();
        assertThat(plugin.schemaProblems("insert_commit_event", Map.of("project_id", "p", "developer_email", "a@b.co",
                "commit_data", good.get("commit_data"), "extra", 1))).isNotEmpty();
        assertThat(plugin.schemaProblems("insert_deployment_event", Map.of("project_id", "p", "deployment_data",
                Map.of("deployment_id", 1, "environment", "production", "status", "exploded", "sha", "abcd",
                        "timestamp", "2026-05-10T10:00:00Z")))).isNotEmpty();
        assertThat(plugin.schemaProblems("insert_incident_event", Map.of("project_id", "p", "incident_data",
                Map.of("incident_id", "i", "status", "firing", "severity", "low")))).isNotEmpty();
        assertThat(plugin.schemaProblems("insert_jira_event", Map.of("project_id", "p", "developer_email", "a@b.co",
                "issue_data", Map.of("issue_key", "' OR 1=1", "event_type", "issue_created")))).isNotEmpty();
        assertThat(plugin.schemaProblems("get_team_workload", Map.of("developer_emails", List.of()))).isNotEmpty();
        assertThat(plugin.schemaProblems("get_project_dora_metrics", Map.of("project_id", "p", "days", 0))).isNotEmpty();
    }

    @Test
    void refusesWhatASchemaCannotSay() {
        Map<String, Object> resolvedWithoutTime = Map.of("project_id", "p", "incident_data", Map.of("incident_id", "i",
                "status", "resolved", "severity", "low", "started_at", "2026-05-10T10:00:00Z"));
        assertThatThrownBy(() -> plugin.call("insert_incident_event", resolvedWithoutTime))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("incident_data.resolved_at");
        Map<String, Object> resolvedBeforeStart = Map.of("project_id", "p", "incident_data", Map.of("incident_id", "i",
                "status", "resolved", "severity", "low", "started_at", "2026-05-10T10:00:00Z",
                "resolved_at", "2026-05-10T09:00:00Z"));
        assertThatThrownBy(() -> plugin.call("insert_incident_event", resolvedBeforeStart))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("before started_at");
        Map<String, Object> beforeEpoch = commit("p", "a@b.co", "abcd", "m");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) beforeEpoch.get("commit_data");
        data.put("timestamp", "1960-01-01T00:00:00Z");
        assertThatThrownBy(() -> plugin.call("insert_commit_event", beforeEpoch))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("commit_data.timestamp");
    }

    static Map<String, Object> commit(String project, String email, String sha, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sha", sha);
        data.put("message", message);
        data.put("files_changed", 2);
        data.put("lines_added", 150);
        data.put("lines_deleted", 20);
        data.put("timestamp", "2026-05-09T08:30:00Z");
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("project_id", project);
        arguments.put("developer_email", email);
        arguments.put("commit_data", data);
        return arguments;
    }

    private static JsonNode single(String sql) {
        List<JsonNode> rows = plugin.raw.rows(sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }
}
