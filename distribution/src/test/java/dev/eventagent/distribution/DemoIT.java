package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.testing.clickhouse.ClickHouseEngine;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/event-agent demo} from the packaged distribution: no configuration, no network; with
 * every plugin, as on a fresh machine without ClickHouse, and in a trimmed distribution.
 */
@DisabledOnOs(OS.WINDOWS)
class DemoIT {

    @TempDir
    Path tempDir;

    @Test
    void runsTheExampleEventsThroughAnEmbeddedKafkaAndReports() throws Exception {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir);

        LauncherRun run = distribution.run("demo", "--json", "--data-dir", tempDir.resolve("demo-data").toString());

        assertTheDemoRanEveryScenario(run);
        if (TestEnvironment.clickHouseExpected(ClickHouseEngine.SERVER)) {
            assertThat(run.stdout()).as(run.toString()).contains("plugin clickhouse: clickhouse-server (child process)");
            assertTheClickHouseShare(run);
            long events = Files.readAllLines(tempDir.resolve("demo-data/audit.jsonl")).stream()
                    .filter(line -> !line.isBlank()).count();
            assertThat(run.stdout()).as("the audit goes to ClickHouse by default: one record per event")
                    .containsPattern("rows: audit_records=" + events + " ");
        }
        assertThat(tempDir.resolve("demo-data/audit.jsonl")).exists();
    }

    /**
     * The demo against the ClickHouse at {@code CLICKHOUSE_URL}, here a current one: the ClickHouse
     * 26.7 engine (chdb) behind the testkit's HTTP front.
     */
    @Test
    void usesTheClickHouseAtClickHouseUrlHereTheModernEngine() {
        try (TestingClickHouseServer clickhouse = TestingClickHouseServer.start(ClickHouseEngine.CHDB)) {
            DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir);

            LauncherRun run = distribution.run(Map.of("CLICKHOUSE_URL", clickhouse.httpUrl()), "demo", "--json",
                    "--data-dir", tempDir.resolve("demo-data").toString());

            assertTheDemoRanEveryScenario(run);
            assertThat(run.stdout()).as(run.toString())
                    .contains("plugin clickhouse: the ClickHouse server at CLICKHOUSE_URL (" + clickhouse.httpUrl() + ")");
            assertTheClickHouseShare(run);
        }
    }

    private static void assertTheDemoRanEveryScenario(LauncherRun run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("Kafka (single-node KRaft, in this process) at 127.0.0.1:")
                .contains("plugin neo4j: embedded Neo4j 5.26")
                .contains("plugin postgres: embedded PostgreSQL 15")
                .contains("plugin pinecone: an in-process Pinecone stand-in")
                .contains("plugin notify: local stand-ins")
                .contains("plugin jira: a local Jira Cloud REST v3 stand-in")
                .contains("plugin local-minilm: all-MiniLM-L6-v2 in this process")
                .contains("Produced 11 example record(s) to engineering-events")
                .contains("Produced 3 example record(s) to engineering-events")
                .contains("What was done (from the audit trail")
                .contains("Dead-lettered (engineering-events.dlq): 2")
                .contains("decode/MALFORMED_JSON")
                .contains("decode/WRONG_SHAPE")
                .doesNotContain("Timed out")
                .doesNotContain("outcome=failed");
        assertQuietTerminal(run);
        // Seed scenario 1: the push is stored, counted in the graph and refreshes the profile vector.
        assertThat(run.stdout()).as(run.toString())
                .contains("contribution alice@company.com -> api-gateway: commits=")
                .containsPattern("vectors in index event-agent: developer_profiles=5");
        // Seed scenario 2: the issue goes to the developer whose profile matches it, once.
        assertThat(run.stdout()).as(run.toString())
                .containsPattern("jira.issue_created +route=jira-issue-created +outcome=ok")
                .contains("assignment PROJ-456 -> dave@company.com")
                .contains("PROJ-456 [To Do, assigned dave@company.com]");
        Map<String, Object> summary = run.lastJsonLine();
        assertThat(summary).containsOnlyKeys("events", "dead_lettered", "stores").containsEntry("dead_lettered", 2);
        assertEveryEvent(summary, "github.push", "ok");
        assertEveryEvent(summary, "jira.issue_created", "ok");
        assertThat(count(summary, "jira", "assignments")).isEqualTo(1);
        assertThat(count(summary, "slack", "messages")).as("the direct message").isGreaterThanOrEqualTo(1);
    }

    /** With ClickHouse, its rows, the heads-up its workload query makes possible, and its figure. */
    private static void assertTheClickHouseShare(LauncherRun run) {
        assertThat(run.stdout()).as(run.toString())
                .containsPattern("rows: audit_records=[1-9][0-9]* commit_events=7 deployment_events=1 incident_events=4 "
                        + "jira_events=3 pr_events=1")
                .contains("slack to #eng-workload: Heads-up: dave@company.com was just assigned PROJ-456");
        Map<String, Object> summary = run.lastJsonLine();
        assertThat(count(summary, "clickhouse", "rows")).isPositive();
        assertThat(count(summary, "slack", "messages")).as("the direct message and the heads-up").isEqualTo(2);
    }

    @Test
    void onAMachineWithoutClickHouseEveryOtherStoreStillDoesItsShare() {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir);
        Map<String, String> withoutClickHouse = new HashMap<>();
        withoutClickHouse.put("CLICKHOUSE_SERVER_BINARY", "none");
        withoutClickHouse.put("CLICKHOUSE_URL", null);

        LauncherRun run = distribution.run(withoutClickHouse, "demo", "--json", "--data-dir",
                tempDir.resolve("demo-data").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("plugin clickhouse: left out: no clickhouse-server on this machine; add it with: "
                        + "sudo apt-get install clickhouse-server")
                .doesNotContain("inactive")
                .doesNotContain("outcome=failed");
        assertQuietTerminal(run);
        Map<String, Object> summary = run.lastJsonLine();
        assertEveryEvent(summary, "github.push", "ok");
        assertEveryEvent(summary, "jira.issue_created", "ok");
        assertThat(count(summary, "neo4j", "nodes")).isPositive();
        assertThat(count(summary, "neo4j", "relationships")).isPositive();
        assertThat(count(summary, "postgres", "rows")).isPositive();
        assertThat(count(summary, "pinecone", "vectors")).isPositive();
        assertThat(count(summary, "slack", "messages")).isPositive();
        assertThat(count(summary, "jira", "assignments")).isEqualTo(1);
        assertThat(store(summary, "clickhouse")).containsOnlyKeys("left_out");
    }

    @Test
    void aTrimmedDistributionStoresItsShareOfEveryPush() throws Exception {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir).trimmedTo("neo4j", "notify", "local-minilm");

        LauncherRun run = distribution.run("demo", "--json", "--data-dir", tempDir.resolve("demo-data").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("route github-push: 1 of 1 call(s)")
                .contains("contribution alice@company.com -> api-gateway: commits=")
                .doesNotContain("outcome=failed");
        Map<String, Object> summary = run.lastJsonLine();
        assertEveryEvent(summary, "github.push", "ok");
        @SuppressWarnings("unchecked")
        Map<String, Object> stores = (Map<String, Object>) summary.get("stores");
        assertThat(stores).as("a store whose plugin is not installed is absent")
                .containsOnlyKeys("neo4j", "slack", "email", "github");
        // The seed's push (1 commit), the team's pushes (5) and the webhook push (1): 7 commits, all counted.
        assertThat(run.stdout()).as(run.toString()).containsPattern("relationships: .*CONTRIBUTES_TO=[1-9]");
        assertThat(count(summary, "neo4j", "relationships")).isPositive();

        // A dry run in the same distribution plans exactly what the live run did with the same events.
        Path examples = distribution.home().resolve("examples").resolve("events");
        LauncherRun dry = distribution.run("replay", "--dry-run", "--json",
                examples.resolve("seed-github-push.json").toString(),
                examples.resolve("seed-jira-issue-created.json").toString());
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        Map<String, Map<String, Object>> live = new HashMap<>();
        for (String line : Files.readAllLines(tempDir.resolve("demo-data/audit.jsonl"))) {
            Map<String, Object> record = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(line);
            live.put((String) record.get("event_id"), record);
        }
        for (Map<String, Object> planned : dry.jsonLines()) {
            Map<String, Object> ran = live.get((String) planned.get("event_id"));
            assertThat(ran).as("the live run's record of " + planned.get("event_id")).isNotNull();
            assertThat(calls(planned)).as("planned as run: " + planned.get("event_id")).isEqualTo(calls(ran));
        }
    }

    /** "step/call tool arguments" of every call of a replay report or an audit record. */
    @SuppressWarnings("unchecked")
    private static List<String> calls(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("calls")).stream()
                .map(call -> call.get("step") + "/" + call.get("id") + " " + call.get("tool") + " " + call.get("arguments"))
                .toList();
    }

    /** Every event of the class ended with the outcome: none skipped, failed, partial or denied. */
    @SuppressWarnings("unchecked")
    private static void assertEveryEvent(Map<String, Object> summary, String eventClass, String outcome) {
        Map<String, Object> events = (Map<String, Object>) summary.get("events");
        assertThat(events).as("events of class " + eventClass).containsKey(eventClass);
        Map<String, Object> counts = (Map<String, Object>) events.get(eventClass);
        assertThat(counts).containsOnlyKeys("ok", "partial", "skipped", "failed", "denied");
        for (String other : List.of("ok", "partial", "skipped", "failed", "denied")) {
            if (other.equals(outcome)) {
                assertThat(((Number) counts.get(other)).intValue()).as(eventClass + " " + other).isPositive();
            } else {
                assertThat(((Number) counts.get(other)).intValue()).as(eventClass + " " + other).isZero();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> store(Map<String, Object> summary, String store) {
        Map<String, Object> stores = (Map<String, Object>) summary.get("stores");
        assertThat(stores).as("stores").containsKey(store);
        return (Map<String, Object>) stores.get(store);
    }

    private static long count(Map<String, Object> summary, String store, String measure) {
        Map<String, Object> counts = store(summary, store);
        assertThat(counts).as(store).containsKey(measure);
        return ((Number) counts.get(measure)).longValue();
    }

    /** The terminal holds the demo's own lines: no INFO log line of the engine or a client library. */
    private static void assertQuietTerminal(LauncherRun run) {
        assertThat(run.stdout().lines().filter(line -> line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")))
                .as("log lines on stdout\n" + run).isEmpty();
        assertThat(run.stderr().lines().filter(line -> line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(INFO|DEBUG).*")))
                .as("INFO log lines on the terminal\n" + run).isEmpty();
    }
}
