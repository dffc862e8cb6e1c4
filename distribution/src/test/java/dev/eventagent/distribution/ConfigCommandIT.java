package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/event-agent config}: secrets that reach config from the environment are never printed.
 *
 * <p>The secret here is a key the word-count fixture declares through
 * {@code ToolPlugin.secretKeys()}, under a name that does not look like a secret. (The same check
 * for {@code agent.plugins.neo4j.password} waits for tools-neo4j's reference.conf to have that
 * key: the engine rejects keys a plugin's reference.conf does not know.)
 */
@DisabledOnOs(OS.WINDOWS)
class ConfigCommandIT {

    private static final String SECRET = "s3cr3t-Value";

    @TempDir
    Path tempDir;

    private DistributionHome distribution;

    @BeforeEach
    void copyDistribution() {
        distribution = DistributionHome.copyOfBuilt(tempDir);
    }

    @Test
    void theShippedApplicationConfLoads() {
        LauncherRun run = distribution.run("config");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).contains("agent.plugins-dir");
    }

    @Test
    void neverPrintsAKeyAPluginDeclaresSecret() {
        distribution.install(FixturePlugins.wordCount())
                .applicationConf("agent.plugins.word-count.webhook-url = ${?WORD_COUNT_WEBHOOK_URL}\n");

        LauncherRun run = distribution.run(
                Map.of("WORD_COUNT_WEBHOOK_URL", "https://hooks.example.invalid/" + SECRET), "config");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).contains("webhook-url");
        assertThat(run.stdout() + run.stderr()).as(run.toString()).doesNotContain(SECRET);
        assertThat(distribution.home().resolve("logs/event-agent.log"))
                .content().doesNotContain(SECRET);
    }
}
