package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** get_developer_activity_summary and get_team_workload on a seeded history. */
class ActivityAndWorkloadTest {

    private static ClickHouseTestPlugin plugin;

    @BeforeAll
    static void seed() {
        plugin = ClickHouseTestPlugin.start("it_activity");
        Instant now = ClickHouseTestPlugin.START; // 2026-05-10T12:00Z
        // alice: 2 commits on 05-09, 1 on 05-10, 1 long ago; PRs and reviews recorded on 05-10
        commit("alice@company.com", "a001", now.minus(Duration.ofDays(1)), 10, 1);
        commit("Alice@Company.com", "a002", now.minus(Duration.ofDays(1)).plusSeconds(60), 5, 2);
        commit("alice@company.com", "a003", now.minus(Duration.ofHours(1)), 7, 0);
        commit("alice@company.com", "a004", now.minus(Duration.ofDays(40)), 100, 100);
        pr("alice@company.com", 1, "opened", null);
        pr("alice@company.com", 2, "closed", "2026-05-10T10:00:00Z");
        pr("alice@company.com", 3, "reviewed", null);
        pr("alice@company.com", 4, "synchronize", null);
        // Jira: alice gets SHOP-1 (3 points) and SHOP-2 (5 points); SHOP-3 is done; SHOP-4 was deleted
        jira("alice@company.com", "SHOP-1", "issue_assigned", null, 3.0);
        jira("alice@company.com", "SHOP-1", "issue_transitioned", "In Progress", null);
        jira("alice@company.com", "SHOP-2", "issue_assigned", null, 5.0);
        jira("alice@company.com", "SHOP-3", "issue_assigned", null, 8.0);
        jira("alice@company.com", "SHOP-3", "issue_transitioned", "Done", null);
        jira("alice@company.com", "SHOP-4", "issue_assigned", null, 1.0);
        jira("alice@company.com", "SHOP-4", "issue_deleted", null, null);
        // SHOP-5 goes from bob to carol; SHOP-6 is done and reopened for bob
        jira("bob@company.com", "SHOP-5", "issue_assigned", null, 2.0);
        jira("carol@company.com", "SHOP-5", "issue_assigned", null, null);
        jira("bob@company.com", "SHOP-6", "issue_assigned", null, null);
        jira("bob@company.com", "SHOP-6", "issue_transitioned", "Done", null);
        jira("bob@company.com", "SHOP-6", "issue_transitioned", "Reopened", null);
    }

    @AfterAll
    static void stop() {
        if (plugin != null) {
            plugin.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void summarisesADevelopersDays() {
        Map<String, Object> summary = plugin.call("get_developer_activity_summary",
                Map.of("developer_email", "ALICE@company.com", "days", 30)).value();

        assertThat(summary).containsEntry("developer_email", "alice@company.com").containsEntry("days", 30)
                .containsEntry("active_days", 2);
        Map<String, Object> totals = (Map<String, Object>) summary.get("totals");
        assertThat(totals).containsEntry("commits", 3L).containsEntry("lines_added", 22L)
                .containsEntry("lines_deleted", 3L).containsEntry("prs_opened", 1L).containsEntry("prs_merged", 1L)
                .containsEntry("reviews", 1L).containsEntry("jira_transitions", 2L).containsEntry("jira_events", 7L);
        List<Map<String, Object>> days = (List<Map<String, Object>>) summary.get("per_day");
        assertThat(days).extracting(d -> d.get("date")).containsExactly("2026-05-09", "2026-05-10");
        assertThat(days.get(0)).containsEntry("commits", 2L).containsEntry("lines_added", 15L)
                .containsEntry("prs_opened", 0L);
        assertThat(days.get(1)).containsEntry("commits", 1L).containsEntry("reviews", 1L)
                .containsEntry("jira_transitions", 2L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aShortWindowLeavesOlderDaysOut() {
        plugin.clock.set(ClickHouseTestPlugin.START.plusSeconds(30)); // the window starts 2026-05-09T12:00:30Z
        Map<String, Object> summary = plugin.call("get_developer_activity_summary",
                Map.of("developer_email", "alice@company.com", "days", 1)).value();

        Map<String, Object> totals = (Map<String, Object>) summary.get("totals");
        assertThat(totals).containsEntry("commits", 2L); // 05-09T12:01 and 05-10T11:00, not 05-09T12:00
    }

    @Test
    @SuppressWarnings("unchecked")
    void comparesTheTeamsLoad() {
        Map<String, Object> workload = plugin.call("get_team_workload", Map.of("developer_emails",
                List.of("alice@company.com", "bob@company.com", "carol@company.com", "dave@company.com"), "days", 14))
                .value();

        List<Map<String, Object>> developers = (List<Map<String, Object>>) workload.get("developers");
        assertThat(developers).extracting(d -> d.get("developer_email"))
                .containsExactly("alice@company.com", "bob@company.com", "carol@company.com", "dave@company.com");
        Map<String, Object> alice = developers.get(0);
        assertThat(alice).containsEntry("open_assignments", 2L).containsEntry("open_story_points", 8.0)
                .containsEntry("open_issue_keys", List.of("SHOP-1", "SHOP-2"));
        assertThat((Map<String, Object>) alice.get("recent_activity")).containsEntry("commits", 3L)
                .containsEntry("prs_opened", 1L).containsEntry("prs_merged", 1L).containsEntry("reviews", 1L)
                .containsEntry("jira_transitions", 2L);
        // 2 + 0.25 × 8 + (3 + 1 + 1 + 1 + 2) / 14 = 4.571…
        assertThat(alice).containsEntry("load_score", 4.57);
        Map<String, Object> bob = developers.get(1);
        assertThat(bob).containsEntry("open_assignments", 1L).containsEntry("open_issue_keys", List.of("SHOP-6"));
        assertThat(bob).containsEntry("load_score", 1.14); // 1 + 0 + 2 / 14
        // SHOP-5 keeps the 2 points it was given before carol took it over: 1 + 0.25 × 2
        assertThat(developers.get(2)).containsEntry("open_assignments", 1L).containsEntry("open_story_points", 2.0)
                .containsEntry("load_score", 1.5);
        assertThat(developers.get(3)).containsEntry("open_assignments", 0L).containsEntry("load_score", 0.0);
        assertThat(workload).containsEntry("least_loaded", "dave@company.com");
    }

    private static void commit(String email, String sha, Instant at, int added, int deleted) {
        Map<String, Object> arguments = EventWriteToolsTest.commit("shop", email, sha, "work");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) arguments.get("commit_data");
        data.put("timestamp", at.toString());
        data.put("lines_added", added);
        data.put("lines_deleted", deleted);
        plugin.call("insert_commit_event", arguments);
    }

    private static void pr(String email, int number, String action, String mergedAt) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("pr_number", number, "action", action));
        if (mergedAt != null) {
            data.put("merged_at", mergedAt);
        }
        plugin.call("insert_pr_event", Map.of("project_id", "shop", "developer_email", email, "pr_data", data));
    }

    private static void jira(String email, String key, String type, String statusTo, Double points) {
        plugin.clock.advance(Duration.ofSeconds(1)); // each event is later than the one before
        Map<String, Object> data = new LinkedHashMap<>(Map.of("issue_key", key, "event_type", type));
        if (statusTo != null) {
            data.put("status_to", statusTo);
        }
        if (points != null) {
            data.put("story_points", points);
        }
        plugin.call("insert_jira_event", Map.of("project_id", "SHOP", "developer_email", email, "issue_data", data));
    }
}
