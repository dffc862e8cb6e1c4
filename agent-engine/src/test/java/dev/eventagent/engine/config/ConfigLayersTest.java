package dev.eventagent.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.engine.Installation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLayersTest {

    @TempDir
    Path home;

    @AfterEach
    void clear() {
        System.clearProperty("agent.graph.max-rounds");
    }

    private Installation load(Optional<Path> file) {
        return Installation.load(new ConfigLoader.Sources(Optional.of(home), file));
    }

    @Test
    void layersOverrideInOrderAndTheEnvironmentFillsSubstitutions() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/application.conf"), """
                agent.graph.max-rounds = 3
                agent.execution.max-parallel-calls = 5
                agent.audit.jsonl.path = ${?HOME}
                """);
        Path extra = home.resolve("extra.conf");
        Files.writeString(extra, "agent.execution.max-parallel-calls = 7\n");

        Installation appOnly = load(Optional.empty());
        assertThat(appOnly.config().getInt("agent.graph.max-rounds")).isEqualTo(3);
        assertThat(appOnly.config().getInt("agent.execution.max-parallel-calls")).isEqualTo(5);
        assertThat(appOnly.config().getString("agent.audit.jsonl.path")).isEqualTo(System.getenv("HOME"));
        assertThat(appOnly.config().getInt("agent.tools.defaults.retry.max-attempts")).isEqualTo(3);

        System.setProperty("agent.graph.max-rounds", "6");
        Installation all = load(Optional.of(extra));
        assertThat(all.config().getInt("agent.execution.max-parallel-calls")).isEqualTo(7);
        assertThat(all.config().getInt("agent.graph.max-rounds")).isEqualTo(6);
    }

    @Test
    void aMissingExplicitFileIsAnError() {
        assertThatThrownBy(() -> load(Optional.of(home.resolve("nope.conf"))))
                .isInstanceOf(StartupException.class).hasMessageContaining("nope.conf does not exist");
    }

    @Test
    void everyProblemIsReportedTogetherWithItsOrigin() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/application.conf"), """
                agent.tools.defaults.timeout = soon
                agent.tools.defaults.retry.max-atempts = 4
                agent.policy.require-approval-at = HIGH
                agent.tools.overrides.any_tool.timeout = 3s
                """);

        assertThatThrownBy(() -> load(Optional.empty()))
                .isInstanceOf(StartupException.class)
                .satisfies(e -> assertThat(((StartupException) e).problems()).hasSize(2))
                .hasMessageContaining("application.conf: 1: agent.tools.defaults.timeout: expected a duration")
                .hasMessageContaining("application.conf: 2: unknown key agent.tools.defaults.retry.max-atempts");
    }

    @Test
    void secretsAreMaskedByNameAndCutFromText() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/application.conf"),
                "agent.tools.overrides.x.api-key = \"sk-live-123456\"\n");
        Installation loaded = load(Optional.empty());

        String printed = ConfigPrinter.render(loaded.config(), "agent", loaded.masker());

        assertThat(printed).doesNotContain("sk-live-123456").contains("api-key = \"[hidden]\"");
        assertThat(loaded.masker().redact("header Bearer sk-live-123456 sent")).isEqualTo("header Bearer [hidden] sent");
        assertThat(loaded.masker().isSecretKey("agent.plugins.x.password")).isTrue();
        assertThat(List.of("name", "email")).noneMatch(loaded.masker()::isSecretKey);
    }
}
