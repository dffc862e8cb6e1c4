package dev.eventagent.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.config.ConfigPrinter;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.plugin.EmbedderDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's embedder settings: defaults, registration, validation and masking. */
class EngineEmbeddersTest {

    @TempDir
    Path home;

    private static Config config(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseResources("reference.conf"))
                .resolve();
    }

    @Test
    void byDefaultTheLocalModelIsSelectedCachedAndOpenAiIsNotRegistered() {
        EmbedderDirectory directory = EngineEmbedders.directory(config(""));
        assertThat(directory.selected().name()).isEqualTo("local-minilm");
        assertThat(directory.all()).isEmpty();
        assertThat(directory.cache()).hasValueSatisfying(cache -> assertThat(cache.maxEntries()).isEqualTo(10000));
    }

    @Test
    void openAiIsRegisteredWhenSelectedOrEnabledBehindTheCache() {
        EmbedderDirectory selected = EngineEmbedders.directory(config("agent.embedder = openai"));
        assertThat(selected.all()).containsOnlyKeys("openai");
        assertThat(selected.all().get("openai")).isInstanceOf(CachingEmbedder.class);
        assertThat(selected.resolve()).hasValueSatisfying(embedder -> assertThat(embedder.dimension()).isEqualTo(1536));

        EmbedderDirectory enabled = EngineEmbedders.directory(config("agent.embedders.openai.enabled = true\n"
                + "agent.embedders.openai.dimension = 768\nagent.embedding-cache.max-entries = 0"));
        assertThat(enabled.all().get("openai")).isInstanceOf(OpenAiEmbedder.class);
        assertThat(enabled.all().get("openai").dimension()).isEqualTo(768);
        assertThat(enabled.cache()).isEmpty();
    }

    @Test
    void wrongSettingsStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> EngineEmbedders.directory(config("agent.embedder = openai\n"
                + "agent.embedders.openai.batch-size = 0")))
                .isInstanceOf(StartupException.class).hasMessageContaining("agent.embedders.openai.batch-size");
        assertThatThrownBy(() -> EngineEmbedders.directory(config("agent.embedding-cache.max-entries = -1")))
                .isInstanceOf(StartupException.class).hasMessageContaining("agent.embedding-cache.max-entries");
    }

    @Test
    void unknownKeysAndWrongTypesAreFoundAtLoadingAndTheApiKeyIsMasked() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/application.conf"), """
                agent.embedders.openai.modle = "x"
                agent.embedding-cache.max-entries = many
                """);
        assertThatThrownBy(() -> Installation.load(new ConfigLoader.Sources(Optional.of(home), Optional.empty())))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("unknown key agent.embedders.openai.modle")
                .hasMessageContaining("agent.embedding-cache.max-entries");

        Files.writeString(home.resolve("conf/application.conf"),
                "agent.embedders.openai.api-key = \"sk-embeddings-123456\"\n");
        Installation loaded = Installation.load(new ConfigLoader.Sources(Optional.of(home), Optional.empty()));
        assertThat(ConfigPrinter.render(loaded.config(), "agent", loaded.masker()))
                .doesNotContain("sk-embeddings-123456").contains("api-key = \"[hidden]\"");
        assertThat(loaded.masker().isSecretKey("agent.embedders.openai.api-key")).isTrue();
        assertThat(loaded.masker().redact("Bearer sk-embeddings-123456")).isEqualTo("Bearer [hidden]");
    }
}
