package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.testkit.clickhouse.ClickHouseEngine;
import dev.eventagent.testkit.clickhouse.TestingClickHouseServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/event-agent demo} from the packaged distribution: no configuration, no network. */
@DisabledOnOs(OS.WINDOWS)
class DemoIT {

    @TempDir
    Path tempDir;

    @Test
    void runsTheExampleEventsThroughAnEmbeddedKafkaAndReports() {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir);

        LauncherRun run = distribution.run("demo", "--data-dir", tempDir.resolve("demo-data").toString());

        assertTheDemoRanEveryScenario(run);
        if (TestEnvironment.clickHouseExpected(ClickHouseEngine.SERVER)) {
            assertThat(run.stdout()).as(run.toString()).contains("plugin clickhouse: clickhouse-server (child process)");
            assertTheClickHouseRows(run);
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

            LauncherRun run = distribution.run(Map.of("CLICKHOUSE_URL", clickhouse.httpUrl()), "demo", "--data-dir",
                    tempDir.resolve("demo-data").toString());

            assertTheDemoRanEveryScenario(run);
            assertThat(run.stdout()).as(run.toString())
                    .contains("plugin clickhouse: the ClickHouse server at CLICKHOUSE_URL (" + clickhouse.httpUrl() + ")");
            assertTheClickHouseRows(run);
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
        // Seed scenario 1: the push is stored, counted in the graph and refreshes the profile vector.
        assertThat(run.stdout()).as(run.toString())
                .contains("contribution alice@company.com -> api-gateway: commits=")
                .containsPattern("vectors in index event-agent: developer_profiles=5");
        // Seed scenario 2: the issue goes to the developer whose profile matches it, once.
        assertThat(run.stdout()).as(run.toString())
                .containsPattern("jira.issue_created +route=jira-issue-created +outcome=ok")
                .contains("assignment PROJ-456 -> dave@company.com")
                .contains("PROJ-456 [To Do, assigned dave@company.com]")
                .contains("slack: 2 message(s) would have been sent")
                .contains("slack to #eng-workload: Heads-up: dave@company.com was just assigned PROJ-456");
    }

    private static void assertTheClickHouseRows(LauncherRun run) {
        assertThat(run.stdout()).as(run.toString())
                .containsPattern("rows: audit_records=[1-9][0-9]* commit_events=7 deployment_events=1 incident_events=4 "
                        + "jira_events=3 pr_events=1");
    }
}
