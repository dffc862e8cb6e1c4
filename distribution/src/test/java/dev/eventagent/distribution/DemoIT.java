package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("Kafka (single-node KRaft, in this process) at 127.0.0.1:")
                .contains("plugin neo4j: left out")
                .contains("Produced 9 example record(s) to engineering-events")
                .contains("What was done (from the audit trail")
                .contains("github.push")
                .contains("jira.issue_created")
                .contains("Dead-lettered (engineering-events.dlq): 2")
                .contains("decode/MALFORMED_JSON")
                .contains("decode/WRONG_SHAPE")
                .doesNotContain("Timed out");
        assertThat(tempDir.resolve("demo-data/audit.jsonl")).exists();
    }
}
