package dev.eventagent.distribution;

import static dev.eventagent.distribution.FixturePlugins.TEXT_STATS;
import static dev.eventagent.distribution.FixturePlugins.WORD_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.ToolCall;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.tool.RegisteredTool;
import dev.eventagent.engine.tool.ResilientInvoker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two plugin folders bring two versions of one library (commons-lang3 3.12.0 and 3.17.0) and each
 * tool, invoked, reports the version its own class loader sees.
 *
 * <p>The CLI has no command that invokes a single tool, so this test loads a copy of the
 * distribution's home in-process through the engine's own entry points (the ones the CLI uses:
 * {@link Installation#load}, {@link Engine#start}) and invokes the tools through the registry.
 */
class PluginIsolationIT {

    private static final List<String> BUILT_IN = List.of("neo4j", "clickhouse", "postgres", "pinecone", "notify", "jira",
            "local-minilm");

    @TempDir
    Path tempDir;

    @Test
    void eachPluginSeesItsOwnVersionOfASharedLibrary() throws Exception {
        DistributionHome distribution = DistributionHome.copyOfBuilt(tempDir);
        // The tools modules are also on this JVM's classpath (for the architecture rules), where
        // the engine finds them too: leave only the two fixture folders in plugins/.
        BUILT_IN.forEach(distribution::uninstall);
        distribution.install(FixturePlugins.textStats()).install(FixturePlugins.wordCount());

        Installation loaded = Installation.load(new ConfigLoader.Sources(Optional.of(distribution.home()), Optional.empty()));
        try (Engine engine = Engine.start(loaded, Engine.Options.defaults().withDryRun(true))) {
            assertThat(engine.plugins().failures()).isEmpty();
            RegisteredTool textStats = engine.registry().find("text_stats").orElseThrow();
            RegisteredTool wordCount = engine.registry().find("word_count").orElseThrow();
            assertThat(textStats.plugin()).isEqualTo(TEXT_STATS);
            assertThat(wordCount.plugin()).isEqualTo(WORD_COUNT);

            Map<String, Object> stats = invoke(textStats, "plugins in their own class loaders");
            Map<String, Object> words = invoke(wordCount, "two words");

            assertThat(stats)
                    .containsEntry("word_count", 6)
                    .containsEntry("character_count", 34)
                    .containsEntry("library_version", BuildOutput.oldCommonsLang3());
            assertThat(words)
                    .containsEntry("word_count", 2)
                    .containsEntry("library_version", BuildOutput.newCommonsLang3());
            assertThat(textStats.tool().getClass().getClassLoader())
                    .isNotSameAs(wordCount.tool().getClass().getClassLoader())
                    .isNotSameAs(PluginIsolationIT.class.getClassLoader());
        }
    }

    private static Map<String, Object> invoke(RegisteredTool tool, String text) throws ResilientInvoker.InvocationFailure {
        ToolCall call = new ToolCall(tool.name(), Map.of("text", text), "it-event", "it-event/" + tool.name(),
                Instant.now().plusSeconds(30));
        return tool.invoker().invoke(call).result().value();
    }
}
