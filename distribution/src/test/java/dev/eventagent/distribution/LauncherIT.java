package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/event-agent} itself: finding its home and Java, refusing an old Java, and passing
 * options and arguments through. A fake {@code java} (a shell script) stands in for the JVM, so
 * these tests need no engine.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherIT {

    @TempDir
    Path tempDir;

    private DistributionHome distribution;

    @BeforeEach
    void copyDistribution() {
        distribution = DistributionHome.copyOfBuilt(tempDir);
    }

    @Test
    void refusesJava11WithAClearMessage() throws IOException {
        Path javaHome = fakeJavaHome("old jdk", "openjdk version \"11.0.2\" 2019-01-15");

        LauncherRun run = distribution.run(Map.of("JAVA_HOME", javaHome.toString()), "tools");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stderr()).as(run.toString()).contains("event-agent needs Java 17 or newer; found 11.0.2 at "
                + javaHome.resolve("bin/java") + ". Set JAVA_HOME.");
        assertThat(run.stdout()).as("the fake java must not have been started").isEmpty();
    }

    @Test
    void refusesJava8AndItsOldVersionScheme() throws IOException {
        Path javaHome = fakeJavaHome("jdk8", "java version \"1.8.0_292\"");

        LauncherRun run = distribution.run(Map.of("JAVA_HOME", javaHome.toString()), "tools");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stderr()).contains("event-agent needs Java 17 or newer; found 1.8.0_292 at ");
    }

    @Test
    void reportsAJavaHomeWithoutJava() {
        Path empty = distribution.scratch("not a jdk");

        LauncherRun run = distribution.run(Map.of("JAVA_HOME", empty.toString()), "tools");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stderr()).contains("JAVA_HOME is '" + empty + "'", "Set JAVA_HOME");
    }

    @Test
    void passesItsHomeLogbackConfigClasspathOptionsAndArguments() throws IOException {
        Path javaHome = fakeJavaHome("new jdk", "openjdk version \"17.0.2\" 2022-01-18");
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("JAVA_OPTS", "-Xmx64m -Dfrom=java-opts");
        env.put("EVENT_AGENT_OPTS", "-Dfrom=event-agent-opts -Dglob=*");

        LauncherRun run = distribution.run(env, "replay", "an event.json", "--header", "X-Source=git hub", "*");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path home = distribution.home().toRealPath();
        assertThat(run.stdout().lines().toList()).as(run.toString()).containsExactly(
                "-Devent-agent.home=" + home,
                "-Dlogback.configurationFile=" + home.resolve("conf/logback.xml"),
                "-Xmx64m", "-Dfrom=java-opts",
                "-Dfrom=event-agent-opts", "-Dglob=*",
                "-cp", home.resolve("lib") + "/*",
                "dev.eventagent.engine.cli.Main",
                "replay", "an event.json", "--header", "X-Source=git hub", "*");
    }

    @Test
    void findsItsHomeThroughSymbolicLinks() throws IOException {
        Path javaHome = fakeJavaHome("new jdk", "openjdk version \"21\" 2023-09-19");
        Path links = distribution.scratch("links dir");
        Path relative = Files.createSymbolicLink(links.resolve("relative-link"),
                links.relativize(distribution.launcher()));
        Path chained = Files.createSymbolicLink(distribution.scratch("bin on path").resolve("event-agent"), relative);

        LauncherRun run = distribution.runScript(chained, Map.of("JAVA_HOME", javaHome.toString()), "tools");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().lines().findFirst()).as(run.toString())
                .hasValue("-Devent-agent.home=" + distribution.home().toRealPath());
    }

    @Test
    void takesJavaFromThePathWithoutJavaHome() throws IOException {
        Path javaHome = fakeJavaHome("jdk on path", "openjdk version \"17.0.15\" 2025-04-15");
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("PATH", javaHome.resolve("bin") + ":/usr/bin:/bin");

        LauncherRun run = distribution.run(env, "tools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().lines().toList()).as(run.toString()).endsWith("tools", "--json");
    }

    @Test
    void isAnExecutablePosixShellScript() throws IOException, InterruptedException {
        Path launcher = distribution.launcher();
        assertThat(Files.isExecutable(launcher)).isTrue();
        assertThat(Files.readString(launcher)).startsWith("#!/bin/sh\n").doesNotContain("\r");

        assertThat(exitCodeOf(List.of("sh", "-n", launcher.toString()))).isZero();
        if (Files.isExecutable(Path.of("/usr/bin/checkbashisms"))) {
            assertThat(exitCodeOf(List.of("/usr/bin/checkbashisms", "-f", "-p", launcher.toString())))
                    .as("checkbashisms").isZero();
        }
    }

    /** A JAVA_HOME whose bin/java prints the given version line, or else its arguments. */
    private Path fakeJavaHome(String name, String versionLine) throws IOException {
        Path home = distribution.scratch(name);
        Path java = DistributionHome.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = -version ]; then
                  echo '%s' >&2
                  exit 0
                fi
                for arg in "$@"; do
                  printf '%%s\\n' "$arg"
                done
                """.formatted(versionLine));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static int exitCodeOf(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            System.err.println(command + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }
}
