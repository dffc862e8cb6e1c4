package dev.eventagent.distribution;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Where the Maven build put what the integration tests use (system properties set by failsafe). */
final class BuildOutput {

    private BuildOutput() {
    }

    /**
     * The built distribution directory, {@code target/event-agent-<version>/}.
     *
     * @return the directory
     */
    static Path distribution() {
        Path dir = path("event-agent.distribution");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no distribution at " + dir + "; run ./mvnw verify, which packages it first");
        }
        return dir;
    }

    /**
     * The built archive, {@code target/event-agent-<version>.tar.gz}.
     *
     * @return the file
     */
    static Path archive() {
        return path("event-agent.archive");
    }

    /**
     * The project version.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}
     */
    static String version() {
        return property("event-agent.version");
    }

    /**
     * The tools plugins the distribution was built with ({@code -Ddistribution.plugins}).
     *
     * @return the plugin names
     */
    static List<String> selectedPlugins() {
        String value = property("event-agent.plugins").trim();
        if (value.equals("none")) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    /**
     * The repository's root directory, whose {@code examples/} the distribution copies.
     *
     * @return the directory
     */
    static Path repositoryRoot() {
        return path("event-agent.repository-root");
    }

    /**
     * The fixture plugins' sources, {@code distribution/src/it/}.
     *
     * @return the directory
     */
    static Path fixtures() {
        return path("event-agent.fixtures");
    }

    /**
     * A commons-lang3 jar copied by the build for the isolation fixtures.
     *
     * @param version the version
     * @return the jar
     */
    static Path commonsLang3(String version) {
        Path jar = path("event-agent.it-libraries").resolve("commons-lang3-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; the build copies it in pre-integration-test");
        }
        return jar;
    }

    /**
     * The commons-lang3 version of the text-stats example plugin.
     *
     * @return the version
     */
    static String oldCommonsLang3() {
        return property("event-agent.commons-lang3.old");
    }

    /**
     * The commons-lang3 version of the word-count fixture plugin.
     *
     * @return the version
     */
    static String newCommonsLang3() {
        return property("event-agent.commons-lang3.new");
    }

    private static Path path(String property) {
        return Path.of(property(property));
    }

    private static String property(String name) {
        return requireNonNull(System.getProperty(name),
                () -> "system property " + name + " is not set; run the tests through Maven (failsafe)");
    }
}
