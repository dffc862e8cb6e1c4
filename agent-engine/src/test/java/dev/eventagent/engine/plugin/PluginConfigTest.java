package dev.eventagent.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.config.ConfigPrinter;
import dev.eventagent.engine.config.SecretMasker;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.testing.PluginJarBuilder;
import dev.eventagent.engine.testing.fixtures.SecretsPlugin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin folder's {@code reference.conf} taking part in start-up: its subtree of
 * {@code conf/application.conf} is validated against it, and the keys it declares secret are
 * masked. Each test lays out a distribution home: {@code plugins/secrets/secrets.jar} and
 * {@code conf/application.conf}.
 */
class PluginConfigTest {

    private static final String REFERENCE = """
            # Settings of the secrets plugin: agent.plugins.secrets
            agent.plugins.secrets {
              # Whether the engine creates this plugin at start-up.
              enabled = true
              # The backend's port.
              port = 5432
              # The backend's password; secret.
              password = ""
              # A connection string with credentials; declared secret by the plugin.
              dsn = ""
            }
            """;

    private static final String PASSWORD = "pa55-w0rd-value";
    private static final String DSN = "postgres://agent:dsn-cred-value@db:5432/agent";

    @TempDir
    Path home;

    private final List<Installation> loadedConfigs = new ArrayList<>();

    @AfterEach
    void closePluginLoaders() throws IOException {
        for (Installation loaded : loadedConfigs) {
            for (DiscoveredPlugin plugin : loaded.discovery().plugins()) {
                if (plugin.classLoader() instanceof Closeable closeable) {
                    closeable.close();
                }
            }
        }
    }

    @Test
    void aValidSubtreeLoadsAndThePluginsReferenceSuppliesTheDefaults() throws IOException {
        installPlugin();
        writeApplicationConf("agent.plugins.secrets.password = \"" + PASSWORD + "\"\n");

        Installation loaded = load();

        assertThat(loaded.discovery().plugins()).extracting(DiscoveredPlugin::name).containsExactly("secrets");
        assertThat(loaded.discovery().plugins().get(0).location())
                .isEqualTo(home.resolve("plugins").resolve("secrets").toAbsolutePath().normalize().toString());
        assertThat(loaded.config().getInt("agent.plugins.secrets.port")).isEqualTo(5432);
        assertThat(loaded.config().getString("agent.plugins.secrets.password")).isEqualTo(PASSWORD);
        assertThat(loaded.reference().hasPath("agent.plugins.secrets.dsn")).isTrue();
    }

    @Test
    void anUnknownKeyUnderThePluginNamesTheFullKeyAndTheFileAndLine() throws IOException {
        installPlugin();
        Path app = writeApplicationConf("""
                agent.plugins.secrets {
                  port = 5433
                  pasword = "typo"
                }
                """);

        assertThatThrownBy(this::load)
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.problems()).hasSize(1))
                .hasMessageContaining("unknown key agent.plugins.secrets.pasword")
                .hasMessageContaining(app + ": 3")
                .hasMessageContaining("password");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFullKeyAndTheFileAndLine() throws IOException {
        installPlugin();
        Path app = writeApplicationConf("""
                agent.plugins.secrets {
                  port = true
                }
                """);

        assertThatThrownBy(this::load)
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.problems()).hasSize(1))
                .hasMessageContaining("agent.plugins.secrets.port")
                .hasMessageContaining(app + ": 2")
                .hasMessageContaining("number");
    }

    @Test
    void anObjectWhereTheReferenceHasAStringIsRejected() throws IOException {
        // typesafe-config accepts any value for a string reference; the object's keys are then unknown.
        installPlugin();
        Path app = writeApplicationConf("""
                agent.plugins.secrets.dsn {
                  host = db
                }
                """);

        assertThatThrownBy(this::load)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("agent.plugins.secrets.dsn.host")
                .hasMessageContaining(app + ": 2");
    }

    @Test
    void aTextWhereTheReferenceHasANumberIsRejectedAtStartUp() throws IOException {
        // The commonest type mistake: without this check the plugin only fails in create(), or later.
        installPlugin();
        Path app = writeApplicationConf("""
                agent.plugins.secrets {
                  port = "five thousand"
                }
                """);

        assertThatThrownBy(this::load)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("agent.plugins.secrets.port")
                .hasMessageContaining(app + ": 2");
    }

    @Test
    void everyProblemOfThePluginsSubtreeIsListedAtOnce() throws IOException {
        installPlugin();
        Path app = writeApplicationConf("""
                agent.plugins.secrets {
                  port = true
                  pasword = "typo"
                }
                """);

        assertThatThrownBy(this::load)
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining(app + ": 2")
                .hasMessageContaining(app + ": 3");
    }

    @Test
    void settingsOfAPluginThatIsNotInstalledAreNotValidated() throws IOException {
        writeApplicationConf("agent.plugins.absent { anything = 1 }\n");

        Installation loaded = load();

        assertThat(loaded.discovery().plugins()).isEmpty();
    }

    @Test
    void thePluginsContextGivesItsSecretsAndConfigPrintingMasksThem() throws Exception {
        installPlugin();
        writeApplicationConf("""
                agent.plugins.secrets {
                  password = "%s"
                  dsn = "%s"
                }
                """.formatted(PASSWORD, DSN));
        Installation loaded = load();

        try (PluginHost host = PluginHost.start(loaded.discovery(), loaded.config(), new SimpleMeterRegistry(),
                Clock.systemUTC(), new EmbedderDirectory(""))) {
            assertThat(host.failures()).isEmpty();
            Tool reveal = host.started().get(0).instance().tools().get(0);
            Map<String, Object> seen = reveal.invoke(new ToolCall("reveal_settings", Map.of(), "e1", "e1/0",
                    Instant.now().plusSeconds(5))).value();
            assertThat(seen).containsEntry("password", PASSWORD).containsEntry("dsn", DSN).containsEntry("port", 5432);
        }

        SecretMasker masker = loaded.masker();
        String printed = ConfigPrinter.render(loaded.config(), "agent", masker);
        assertThat(printed).doesNotContain(PASSWORD).doesNotContain("dsn-cred-value");
        assertThat(printed).contains("agent.plugins.secrets.password = \"" + SecretMasker.HIDDEN + "\"");
        assertThat(printed)
                .as("dsn is secret only because the plugin declares it in secretKeys()")
                .contains("agent.plugins.secrets.dsn = \"" + SecretMasker.HIDDEN + "\"");
        assertThat(printed).contains("agent.plugins.secrets.port = 5432");
        assertThat(masker.isSecretKey("agent.plugins.secrets.dsn")).isTrue();
        assertThat(masker.redact("connecting to " + DSN)).doesNotContain("dsn-cred-value").contains(SecretMasker.HIDDEN);
    }

    @Test
    void anUnsetSecretIsEmptyInTheContext() throws Exception {
        installPlugin();
        Installation loaded = load();

        try (PluginHost host = PluginHost.start(loaded.discovery(), loaded.config(), new SimpleMeterRegistry(),
                Clock.systemUTC(), new EmbedderDirectory(""))) {
            Map<String, Object> seen = host.started().get(0).instance().tools().get(0)
                    .invoke(new ToolCall("reveal_settings", Map.of(), "e1", "e1/0", Instant.now().plusSeconds(5)))
                    .value();
            assertThat(seen).containsEntry("password", "").containsEntry("dsn", "");
        }
    }

    private Installation load() {
        Installation loaded = Installation.load(new ConfigLoader.Sources(Optional.of(home), Optional.empty()));
        loadedConfigs.add(loaded);
        return loaded;
    }

    private void installPlugin() {
        PluginJarBuilder.named("secrets.jar")
                .withPlugin(SecretsPlugin.class)
                .withReferenceConf(REFERENCE)
                .writeTo(home.resolve("plugins").resolve("secrets"));
    }

    private Path writeApplicationConf(String text) throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        return Files.writeString(conf.resolve("application.conf"), text);
    }
}
