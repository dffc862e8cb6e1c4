package dev.eventagent.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The plugins the integration tests install, built once per test JVM:
 * <ul>
 *   <li>{@code text-stats}: the example plugin, compiled from the sources the distribution ships
 *       in {@code examples/plugins/text-stats-plugin}, with commons-lang3 3.12.0;</li>
 *   <li>{@code word-count}: a fixture from {@code distribution/src/it/word-count-plugin}, with
 *       commons-lang3 3.17.0 (a second version of the same library);</li>
 *   <li>a broken folder whose services file names a class that does not exist.</li>
 * </ul>
 */
final class FixturePlugins {

    static final String TEXT_STATS = "text-stats";
    static final String WORD_COUNT = "word-count";
    static final String MISSING_CLASS = "dev.eventagent.it.broken.MissingToolPlugin";

    private static PluginFolder textStats;
    private static PluginFolder wordCount;
    private static Path workDir;

    private FixturePlugins() {
    }

    /**
     * The example plugin {@code text-stats} (tool {@code text_stats}).
     *
     * @return its folder
     */
    static synchronized PluginFolder textStats() {
        if (textStats == null) {
            Path project = BuildOutput.distribution().resolve("examples/plugins/text-stats-plugin");
            textStats = PluginBuilder.build(project, TEXT_STATS, apiJar(),
                    List.of(BuildOutput.commonsLang3(BuildOutput.oldCommonsLang3())), workDir());
        }
        return textStats;
    }

    /**
     * The fixture plugin {@code word-count} (tool {@code word_count}).
     *
     * @return its folder
     */
    static synchronized PluginFolder wordCount() {
        if (wordCount == null) {
            Path project = BuildOutput.fixtures().resolve("word-count-plugin");
            wordCount = PluginBuilder.build(project, WORD_COUNT, apiJar(),
                    List.of(BuildOutput.commonsLang3(BuildOutput.newCommonsLang3())), workDir());
        }
        return wordCount;
    }

    /**
     * Writes a plugin folder whose jar lists a {@code ToolPlugin} class that does not exist.
     *
     * @param parent where to create the folder
     * @param name the folder's name
     * @return the folder
     */
    static PluginFolder broken(Path parent, String name) {
        Path folder = DistributionHome.createDirectories(parent.resolve(name));
        PluginBuilder.jarOf(folder.resolve(name + ".jar"),
                Map.of("META-INF/services/dev.eventagent.api.ToolPlugin", MISSING_CLASS + "\n"));
        return new PluginFolder(name, folder);
    }

    /**
     * The distribution's own agent-api jar, which plugins compile against.
     *
     * @return {@code lib/agent-api-<version>.jar}
     */
    static Path apiJar() {
        Path jar = BuildOutput.distribution().resolve("lib").resolve("agent-api-" + BuildOutput.version() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the distribution has no " + jar);
        }
        return jar;
    }

    private static Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("event-agent-it-plugins");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> DistributionHome.deleteTree(workDir)));
        }
        return workDir;
    }
}
