package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default routes as the packaged plugins contribute them: whole in the full distribution, each
 * plugin's share in a trimmed one, changed by the operator's application.conf; planned by
 * {@code replay --dry-run} exactly as a live run would.
 */
@DisabledOnOs(OS.WINDOWS)
class DefaultRoutesIT {

    @TempDir
    Path tempDir;

    private static String example(DistributionHome distribution, String file) {
        return distribution.home().resolve("examples").resolve("events").resolve(file).toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> tools(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("calls")).stream().map(call -> (String) call.get("tool")).toList();
    }

    @Test
    void everyShippedExampleEventHasARouteWithEveryPluginsCalls() {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir);

        LauncherRun run = distribution.run("replay", "--dry-run", "--json",
                example(distribution, "seed-github-push.json"),
                example(distribution, "seed-jira-issue-created.json"),
                example(distribution, "jira-issue-updated-webhook.json"),
                example(distribution, "alertmanager-firing.json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<Map<String, Object>> reports = run.jsonLines();
        assertThat(reports).extracting(r -> r.get("route")).containsExactly("github-push", "jira-issue-created",
                "jira-issue-updated", "alertmanager-incident");
        assertThat(tools(reports.get(0))).containsExactly("insert_commit_event", "add_contribution_relationship",
                "upsert_developer_embedding");
        assertThat(tools(reports.get(1))).as("the irreversible assignment before the records of it")
                .containsExactly("insert_jira_event", "search_similar_developers_vector", "assign_jira_issue",
                        "record_task_assignment", "insert_jira_event", "send_slack_notification", "get_team_workload",
                        "send_slack_notification");
        @SuppressWarnings("unchecked")
        Map<String, Object> incident = ((List<Map<String, Object>>) reports.get(3).get("calls")).get(0);
        assertThat(incident.get("tool")).isEqualTo("insert_incident_event");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) incident.get("arguments"))
                .get("incident_data");
        assertThat(data).containsEntry("status", "firing").doesNotContainKey("resolved_at");
    }

    @Test
    void aTrimmedDistributionPlansOnlyItsPluginsShare() {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir).trimmedTo("neo4j", "notify", "local-minilm");

        LauncherRun run = distribution.run("replay", "--dry-run", "--json",
                example(distribution, "seed-github-push.json"),
                example(distribution, "seed-jira-issue-created.json"),
                example(distribution, "alertmanager-firing.json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<Map<String, Object>> reports = run.jsonLines();
        assertThat(reports.get(0)).containsEntry("route", "github-push").containsEntry("outcome", "planned");
        assertThat(tools(reports.get(0))).containsExactly("add_contribution_relationship");
        assertThat(reports.get(1)).as("every call of the new-issue route needs a plugin this distribution lacks")
                .containsEntry("outcome", "skipped");
        assertThat(tools(reports.get(1))).isEmpty();
        assertThat(reports.get(2)).as("no installed plugin contributes to the incident route")
                .containsEntry("outcome", "skipped");
        assertThat(run.stderr()).as("the inactive route is named once, as a warning")
                .containsOnlyOnce("Route 'jira-issue-created' is inactive: every call is left out");
    }

    @Test
    void theOperatorSwitchesCallsOffAndMakesOthersRequired() {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir).applicationConf("""
                agent.rules.routes.github-push.steps.profile.calls.embedding.enabled = false
                agent.rules.routes.github-push.steps.store.calls.shout {
                  tool = add_contribution_relationship
                  for-each = "$.event.attributes.commits"
                  args { developer_email = "$.item.author_email", project_id = "mirror-{{$.event.project}}" }
                }
                """);

        LauncherRun run = distribution.run("replay", "--dry-run", "--json", example(distribution, "seed-github-push.json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(tools(run.jsonLines().get(0))).containsExactly("insert_commit_event",
                "add_contribution_relationship", "add_contribution_relationship");

        distribution.applicationConf("""
                agent.plugins.clickhouse.enabled = false
                agent.rules.routes.github-push.steps.store.calls.commit.required = true
                """);
        LauncherRun strict = distribution.run("replay", "--dry-run", "--json", example(distribution, "seed-github-push.json"));

        assertThat(strict.exitCode()).as(strict.toString()).isZero();
        assertThat(strict.jsonLines().get(0)).as("all or nothing: without ClickHouse no push is half-stored")
                .containsEntry("outcome", "skipped");
        assertThat(strict.stderr()).contains("Route 'github-push' is inactive: its required call store/commit is left out");
    }

    @Test
    void evalRunsOfflineOnTheShippedDataset() {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir);
        Path dataset = BuildOutput.repositoryRoot().resolve("examples").resolve("eval").resolve("dataset.jsonl");

        LauncherRun run = distribution.run("eval", "--json", dataset.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> figures = run.lastJsonLine();
        assertThat(((Number) figures.get("events")).intValue()).isGreaterThanOrEqualTo(30);
        assertThat(((Number) figures.get("tool_precision")).doubleValue()).isBetween(0.5, 1.0);
        assertThat(((Number) figures.get("tool_recall")).doubleValue()).isBetween(0.5, 1.0);
        assertThat(((Number) figures.get("model_calls_per_event")).doubleValue()).isZero();
    }
}
