package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line keeps the terminal for what the user asked: INFO logs go to the log
 * file, a user's mistake is one line and a non-zero exit, logback's own trouble never reaches
 * stdout.
 */
@DisabledOnOs(OS.WINDOWS)
class QuietCommandLineIT {

    @TempDir
    static Path tempDir;

    private static DistributionHome distribution;

    @BeforeAll
    static void copyDistribution() {
        distribution = DistributionHome.copyOfBuilt(tempDir);
    }

    @Test
    void toolsPrintsItsJsonAndAtMostThreeLinesOnStderr() {
        LauncherRun run = distribution.run("tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.toolNames()).isNotEmpty();
        assertThat(run.stderr().lines()).as(run.toString()).hasSizeLessThanOrEqualTo(3)
                .noneMatch(line -> line.contains(" INFO "));
    }

    @Test
    void aMissingFileIsOneLineAndAFailingExit() {
        LauncherRun run = distribution.run("replay", "/nonexistent.json");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stderr().lines().filter(line -> !line.contains(" WARN ")))
                .as(run.toString()).containsExactly("event-agent: no such file: /nonexistent.json");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void anUnknownConfigKeyIsOneLineNamingTheKeysThatExist() {
        LauncherRun run = distribution.run("config", "--path", "agent.plugins.nope");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr().lines()).as(run.toString()).containsExactly("event-agent: config --path "
                + "agent.plugins.nope: no such key (keys under agent.plugins: "
                + String.join(", ", new java.util.TreeSet<>(BuildOutput.selectedPlugins())) + ")");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void withoutItsDemoFolderDemoAndBenchSayWhatIsMissing(@TempDir Path own) {
        DistributionHome trimmed = DistributionHome.copyOfBuilt(own);
        DistributionHome.deleteTree(trimmed.home().resolve("demo"));

        for (String command : java.util.List.of("demo", "bench")) {
            LauncherRun run = trimmed.run(command);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr().lines()).as(run.toString()).containsExactly("event-agent: " + command
                    + " is not part of this installation: its folder " + trimmed.home().resolve("demo")
                    + " is missing (a distribution built with -Ddistribution.demo=false leaves it out)");
        }
    }

    @Test
    void versionPrintsTheVersion() {
        LauncherRun run = distribution.run("--version");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("event-agent " + BuildOutput.version());
    }

    @Test
    void logbacksOwnTroubleGoesToStderrAndStdoutStaysJson() {
        LauncherRun run = distribution.run(Map.of("EVENT_AGENT_LOG_DIR", "/dev/null/logs"), "tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.toolNames()).as("stdout is exactly the JSON array").isNotEmpty();
        assertThat(run.stderr()).as(run.toString()).contains("logging: ").contains("/dev/null/logs/event-agent.log");
        assertThat(run.stderr().lines().filter(line -> line.startsWith("logging: ")))
                .as("each complaint once").doesNotHaveDuplicates().hasSizeLessThan(10);
    }
}
