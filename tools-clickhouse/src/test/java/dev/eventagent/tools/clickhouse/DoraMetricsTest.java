package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DORA metrics on a seeded history with known answers. The window is the 5 days before
 * 2026-05-10T12:00Z. Inside it, project "shop" has 10 finished production deployments, 8
 * successful and 2 failed, whose commits were made 1 to 8 hours before their deployment; 3
 * incidents resolved after 1, 2 and 6 hours and 1 still open. Around them: noise that must not
 * count (staging, another project, outside the window, unfinished statuses, redeliveries).
 */
class DoraMetricsTest {

    private static final Instant NOW = ClickHouseTestPlugin.START;
    private static ClickHouseTestPlugin plugin;

    @BeforeAll
    static void seed() {
        plugin = ClickHouseTestPlugin.start("it_dora");
        for (int i = 1; i <= 10; i++) {
            boolean failed = i == 4 || i == 9;
            Instant deployed = NOW.minus(Duration.ofHours(11L * i));
            String sha = String.format("aaaa%04d", i);
            String id = "shop-" + i;
            deployment("shop", id, "production", "in_progress", sha, deployed.minus(Duration.ofMinutes(10)));
            deployment("shop", id, "production", failed ? "failure" : "success", sha, deployed);
            int leadHours = failed ? 100 : i < 4 ? i : i < 9 ? i - 1 : i - 2; // 1..8 over the successful ones
            commit("shop", sha, deployed.minus(Duration.ofHours(leadHours)));
        }
        // redelivered: the same call twice leaves the counts alone
        Map<String, Object> again = deploymentArguments("shop", "shop-1", "production", "success", "aaaa0001",
                NOW.minus(Duration.ofHours(11)));
        plugin.call("insert_deployment_event", "dup", "dup/k", again);
        plugin.call("insert_deployment_event", "dup", "dup/k", again);
        // noise
        deployment("shop", "shop-staging", "staging", "success", "bbbb0001", NOW.minus(Duration.ofHours(3)));
        deployment("shop", "shop-old", "production", "failure", "bbbb0002", NOW.minus(Duration.ofDays(6)));
        deployment("shop", "shop-running", "production", "in_progress", "bbbb0003", NOW.minus(Duration.ofHours(1)));
        deployment("other", "other-1", "production", "failure", "aaaa0001", NOW.minus(Duration.ofHours(2)));
        deployment("shop", "shop-prod-case", "Production", "cancelled", "bbbb0004", NOW.minus(Duration.ofHours(2)));

        incident("shop", "inc-1", NOW.minus(Duration.ofHours(30)), Duration.ofHours(1));
        incident("shop", "inc-2", NOW.minus(Duration.ofHours(50)), Duration.ofHours(2));
        incident("shop", "inc-3", NOW.minus(Duration.ofHours(80)), Duration.ofHours(6));
        incident("shop", "inc-open", NOW.minus(Duration.ofHours(5)), null);
        incident("shop", "inc-old", NOW.minus(Duration.ofDays(9)), Duration.ofHours(10));
        incident("other", "inc-other", NOW.minus(Duration.ofHours(10)), Duration.ofHours(40));
    }

    @AfterAll
    static void stop() {
        if (plugin != null) {
            plugin.close();
        }
    }

    @Test
    void returnsTheKnownAnswers() {
        Map<String, Object> dora = plugin.call("get_project_dora_metrics", Map.of("project_id", "shop", "days", 5)).value();

        assertThat(dora).containsEntry("deployment_frequency_per_day", 1.6)
                .containsEntry("lead_time_for_changes_hours", 4.5)
                .containsEntry("change_failure_rate", 0.2)
                .containsEntry("time_to_restore_hours", 2.0)
                .containsEntry("window_start", "2026-05-05T12:00:00Z")
                .containsEntry("window_end", "2026-05-10T12:00:00Z");
        assertThat(dora.get("counts")).isEqualTo(Map.of("deployments", 10L, "successful_deployments", 8L,
                "failed_deployments", 2L, "lead_time_samples", 8L, "incidents_resolved", 3L, "incidents_open", 1L));
    }

    @Test
    void aWiderWindowTakesInTheOlderHistory() {
        Map<String, Object> dora = plugin.call("get_project_dora_metrics", Map.of("project_id", "shop", "days", 10)).value();

        assertThat(dora).containsEntry("deployment_frequency_per_day", 0.8)
                .containsEntry("change_failure_rate", 0.273) // 3 of 11
                .containsEntry("time_to_restore_hours", 4.0); // median of 1, 2, 6, 10
    }

    @Test
    void aProjectWithoutHistoryHasNullMetrics() {
        Map<String, Object> dora = plugin.call("get_project_dora_metrics", Map.of("project_id", "nothing")).value();

        assertThat(dora).containsEntry("days", 30).containsEntry("deployment_frequency_per_day", 0.0)
                .containsEntry("lead_time_for_changes_hours", null).containsEntry("change_failure_rate", null)
                .containsEntry("time_to_restore_hours", null);
    }

    private static void deployment(String project, String id, String environment, String status, String sha, Instant at) {
        plugin.call("insert_deployment_event", deploymentArguments(project, id, environment, status, sha, at));
    }

    private static Map<String, Object> deploymentArguments(String project, String id, String environment, String status,
            String sha, Instant at) {
        return Map.of("project_id", project, "deployment_data", Map.of("deployment_id", id, "environment", environment,
                "status", status, "sha", sha, "timestamp", at.toString()));
    }

    private static void commit(String project, String sha, Instant at) {
        Map<String, Object> arguments = EventWriteToolsTest.commit(project, "dev@company.com", sha, "change " + sha);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) arguments.get("commit_data");
        data.put("timestamp", at.toString());
        plugin.call("insert_commit_event", arguments);
    }

    private static void incident(String project, String id, Instant started, Duration lasted) {
        Map<String, Object> firing = new LinkedHashMap<>(Map.of("incident_id", id, "status", "firing",
                "severity", "critical", "started_at", started.toString()));
        plugin.call("insert_incident_event", Map.of("project_id", project, "incident_data", firing));
        if (lasted != null) {
            Map<String, Object> resolved = new LinkedHashMap<>(firing);
            resolved.put("status", "resolved");
            resolved.put("resolved_at", started.plus(lasted).toString());
            plugin.call("insert_incident_event", Map.of("project_id", project, "incident_data", resolved));
        }
    }
}
