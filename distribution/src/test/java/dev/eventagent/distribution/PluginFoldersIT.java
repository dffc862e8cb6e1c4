package dev.eventagent.distribution;

import static dev.eventagent.distribution.FixturePlugins.TEXT_STATS;
import static dev.eventagent.distribution.FixturePlugins.WORD_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin folders as users handle them: drop a folder into {@code plugins/}, delete it, break it;
 * checked through {@code bin/event-agent tools} of a private copy of the distribution.
 */
@DisabledOnOs(OS.WINDOWS)
class PluginFoldersIT {

    @TempDir
    Path tempDir;

    private DistributionHome distribution;

    @BeforeEach
    void copyDistribution() {
        distribution = DistributionHome.copyOfBuilt(tempDir);
    }

    @Test
    void listsTheToolOfAnInstalledPluginAsJson() {
        distribution.install(FixturePlugins.textStats());

        LauncherRun run = distribution.run("tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> tool = run.tool("text_stats");
        assertThat(tool).as(run.toString())
                .containsEntry("plugin", TEXT_STATS)
                .containsEntry("effect", "READ")
                .containsEntry("idempotent", true)
                .containsEntry("risk", "LOW")
                .containsKeys("description", "schema");
        assertThat(tool.get("schema")).as("the schema is a JSON object, not text").isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) tool.get("schema");
        assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("text"));
        assertThat(run.stderr()).as("the built-in plugins all load").doesNotContain("failed to load");
    }

    @Test
    void printsATableWithoutJson() {
        distribution.install(FixturePlugins.textStats());

        LauncherRun run = distribution.run("tools");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).contains("text_stats", TEXT_STATS);
    }

    @Test
    void removingAPluginFolderRemovesItsTools() {
        distribution.install(FixturePlugins.textStats()).install(FixturePlugins.wordCount());
        assertThat(distribution.run("tools", "--json").toolNames()).contains("text_stats", "word_count");

        distribution.uninstall(TEXT_STATS);
        LauncherRun run = distribution.run("tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.toolNames()).as(run.toString()).contains("word_count").doesNotContain("text_stats");
    }

    @Test
    void aBrokenPluginFolderIsNamedAndTheOthersStillLoad() {
        distribution.install(FixturePlugins.textStats())
                .install(FixturePlugins.broken(distribution.scratch("broken"), "broken-plugin"));

        LauncherRun run = distribution.run("tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.toolNames()).as(run.toString()).contains("text_stats");
        assertThat(run.stderr().lines())
                .as("stderr names the broken folder and why it failed\n%s", run)
                .anyMatch(line -> line.contains("broken-plugin") && line.contains("failed to load"));
        assertThat(run.stderr()).as(run.toString()).contains(FixturePlugins.MISSING_CLASS);
    }

    @Test
    void twoPluginsWithTwoVersionsOfOneLibraryBothLoad() {
        distribution.install(FixturePlugins.textStats()).install(FixturePlugins.wordCount());

        LauncherRun run = distribution.run("tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.tool("text_stats")).containsEntry("plugin", TEXT_STATS);
        assertThat(run.tool("word_count")).containsEntry("plugin", WORD_COUNT);
        assertThat(run.stderr()).as(run.toString()).doesNotContain("failed to load");
    }

    @Test
    void eachPluginUsesItsOwnVersionOfALibraryWhenItsToolRuns() {
        distribution.install(FixturePlugins.textStats()).install(FixturePlugins.wordCount())
                .applicationConf("""
                        # No ClickHouse runs here: the audit goes to the file alone.
                        agent.audit.sinks = [jsonl]
                        agent.rules.routes.measure-project {
                          order = 1
                          when { source = github, type = push }
                          steps.measure {
                            order = 1
                            calls {
                              stats { tool = text_stats, args { text = "$.event.project" } }
                              words { tool = word_count, args { text = "$.event.project" } }
                            }
                          }
                        }
                        """);
        Path event = distribution.scratch("events").resolve("push.json");
        DistributionHome.write(event, """
                {"source": "github", "event_type": "push", "repository": "isolation-check",
                 "commits": [{"sha": "0a1b2c", "author": {"email": "dev@example.com", "name": "Dev"},
                              "message": "Check plugin isolation"}]}
                """);

        LauncherRun run = distribution.run("replay", "--json", "--fail-on-error", event.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> report = run.jsonLines().get(0);
        assertThat(report).as(run.toString()).containsEntry("route", "measure-project").containsEntry("outcome", "ok");
        assertThat(resultOf(report, "text_stats")).as(run.toString())
                .containsEntry("word_count", 1)
                .containsEntry("character_count", "isolation-check".length())
                .containsEntry("library_version", BuildOutput.oldCommonsLang3());
        assertThat(resultOf(report, "word_count")).as(run.toString())
                .containsEntry("word_count", 1)
                .containsEntry("library_version", BuildOutput.newCommonsLang3());
    }

    @Test
    void aPluginDisabledInApplicationConfContributesNoTools() {
        distribution.install(FixturePlugins.textStats()).install(FixturePlugins.wordCount())
                .applicationConf("agent.plugins.text-stats.enabled = false\n");

        LauncherRun run = distribution.run("tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.toolNames()).as(run.toString()).contains("word_count").doesNotContain("text_stats");
    }

    @Test
    void pluginsDirInApplicationConfMovesThePluginFolders() {
        Path elsewhere = distribution.scratch("other plugins");
        DistributionHome.copyTree(FixturePlugins.wordCount().directory(), elsewhere.resolve(WORD_COUNT));
        distribution.install(FixturePlugins.textStats())
                .applicationConf("agent.plugins-dir = \"" + elsewhere + "\"\n");

        LauncherRun run = distribution.run("tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.toolNames()).as(run.toString()).contains("word_count").doesNotContain("text_stats");
    }

    @Test
    void logsToStderrAndToTheLogFileUnderItsHome() {
        distribution.install(FixturePlugins.textStats());

        LauncherRun run = distribution.run("tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.jsonObjects()).as("stdout is nothing but the JSON array").isNotEmpty();
        assertThat(distribution.home().resolve("logs/event-agent.log")).isRegularFile();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resultOf(Map<String, Object> report, String tool) {
        List<Map<String, Object>> calls = (List<Map<String, Object>>) report.get("calls");
        return calls.stream()
                .filter(call -> tool.equals(call.get("tool")))
                .map(call -> (Map<String, Object>) call.get("result"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no call of " + tool + " in " + report));
    }
}
