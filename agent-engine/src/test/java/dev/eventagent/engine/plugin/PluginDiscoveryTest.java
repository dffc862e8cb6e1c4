package dev.eventagent.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.engine.testing.PluginJarBuilder;
import dev.eventagent.engine.testing.fixtures.BadNamePlugin;
import dev.eventagent.engine.testing.fixtures.EchoPlugin;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery of plugin folders, each in its own {@link PluginClassLoader}. The test classpath holds
 * no {@code META-INF/services} entry for {@link ToolPlugin}, so every plugin found here comes from
 * a jar the test wrote.
 */
class PluginDiscoveryTest {

    private static final ClassLoader ENGINE = PluginDiscoveryTest.class.getClassLoader();

    @TempDir
    Path plugins;

    private final List<PluginDiscovery.Result> results = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws IOException {
        for (PluginDiscovery.Result result : results) {
            for (DiscoveredPlugin plugin : result.plugins()) {
                if (plugin.classLoader() instanceof Closeable closeable) {
                    closeable.close();
                }
            }
        }
    }

    @Test
    void theTestClasspathItselfProvidesNoPlugins() {
        PluginDiscovery.Result result = discover();

        assertThat(result.plugins()).isEmpty();
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void aMissingPluginsDirectoryHoldsNoPlugins() {
        PluginDiscovery.Result result = PluginDiscovery.discover(ENGINE, plugins.resolve("does-not-exist"));

        assertThat(result.plugins()).isEmpty();
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void aFolderPluginIsLoadedInItsOwnClassLoader() {
        Path folder = plugins.resolve("echo");
        PluginJarBuilder.named("echo-tools.jar").withPlugin(EchoPlugin.class).writeTo(folder);

        PluginDiscovery.Result result = discover();

        assertThat(result.failures()).isEmpty();
        DiscoveredPlugin echo = single(result);
        assertThat(echo.name()).isEqualTo("echo");
        assertThat(echo.location()).isEqualTo(folder.toString());
        assertThat(echo.plugin().getClass().getName()).isEqualTo(EchoPlugin.class.getName());
        assertThat(echo.plugin().getClass())
                .as("the plugin's class comes from its jar, not from the engine's classpath")
                .isNotSameAs(EchoPlugin.class);
        assertThat(echo.classLoader()).isInstanceOf(PluginClassLoader.class);
        assertThat(echo.plugin().getClass().getClassLoader()).isSameAs(echo.classLoader());
        assertThat(echo.classLoader().getName()).startsWith("plugin:").isEqualTo("plugin:echo");
    }

    @Test
    void theSpiAndLoggingApiAreSharedButNothingElseOfTheEngine() throws Exception {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        ClassLoader loader = single(discover()).classLoader();

        assertThat(loader.loadClass(ToolPlugin.class.getName())).isSameAs(ToolPlugin.class);
        assertThat(loader.loadClass(org.slf4j.Logger.class.getName())).isSameAs(org.slf4j.Logger.class);
        assertThat(loader.loadClass(String.class.getName())).isSameAs(String.class);
        assertThat(loader.loadClass(java.sql.Connection.class.getName()))
                .as("platform (JDK) classes are visible").isSameAs(java.sql.Connection.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader.loadClass(com.typesafe.config.Config.class.getName()))
                .as("the engine's libraries are not visible to a plugin")
                .isInstanceOf(ClassNotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader.loadClass(PluginDiscovery.class.getName()))
                .as("the engine's own classes are not visible to a plugin")
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aServicesEntryNamingAMissingClassFailsThatFolderAndTheOthersStillLoad() {
        Path broken = plugins.resolve("broken");
        PluginJarBuilder.named("broken.jar")
                .withServices("dev.eventagent.engine.testing.fixtures.MissingPlugin")
                .writeTo(broken);
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        PluginDiscovery.Result result = discover();

        assertThat(result.plugins()).extracting(DiscoveredPlugin::name).containsExactly("echo");
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo("broken");
            assertThat(failure.location()).isEqualTo(broken.toString());
            assertThat(failure.reason()).contains("dev.eventagent.engine.testing.fixtures.MissingPlugin");
            assertThat(failure.describe()).contains("'broken'").contains(broken.toString());
        });
    }

    @Test
    void aServicesEntryNamingAClassThatIsOnlyOnTheEnginesClasspathFails() {
        // The jar lists EchoPlugin but does not contain it: the plugin must not see the engine's copy.
        Path folder = plugins.resolve("hollow");
        PluginJarBuilder.named("hollow.jar").withServices(EchoPlugin.class.getName()).writeTo(folder);

        PluginDiscovery.Result result = discover();

        assertThat(result.plugins()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo("hollow");
            assertThat(failure.reason()).contains(EchoPlugin.class.getName());
        });
    }

    @Test
    void aFolderWithoutJarsIsAFailureSayingSo() throws IOException {
        Path empty = plugins.resolve("empty");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("README.txt"), "the jar was forgotten");

        PluginDiscovery.Result result = discover();

        assertThat(result.plugins()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo("empty");
            assertThat(failure.location()).isEqualTo(empty.toString());
            assertThat(failure.reason()).contains("no .jar files");
        });
    }

    @Test
    void aJarWithoutAServicesEntryIsAFailureNamingTheMissingFile() {
        Path folder = plugins.resolve("library-only");
        PluginJarBuilder.named("lib.jar").withClasses(EchoPlugin.class).writeTo(folder);

        PluginDiscovery.Result result = discover();

        assertThat(result.plugins()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo("library-only");
            assertThat(failure.location()).isEqualTo(folder.toString());
            assertThat(failure.reason()).contains("no META-INF/services/dev.eventagent.api.ToolPlugin entry");
        });
    }

    @Test
    void anEmptyServicesFileCountsAsNoEntry() {
        PluginJarBuilder.named("lib.jar").withClasses(EchoPlugin.class).withServices("# nothing here", "")
                .writeTo(plugins.resolve("commented-out"));

        PluginDiscovery.Result result = discover();

        assertThat(result.plugins()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure ->
                assertThat(failure.reason()).contains("no META-INF/services"));
    }

    @Test
    void aPluginSplitOverSeveralJarsOfOneFolderLoads() {
        Path folder = plugins.resolve("echo");
        PluginJarBuilder.named("a-services.jar").withServices(EchoPlugin.class.getName()).writeTo(folder);
        PluginJarBuilder.named("b-classes.jar").withClasses(EchoPlugin.class).writeTo(folder);

        PluginDiscovery.Result result = discover();

        assertThat(result.failures()).isEmpty();
        assertThat(single(result).name()).isEqualTo("echo");
    }

    @Test
    void twoFoldersWithPluginsOfOneNameFailNamingBothLocations() {
        Path first = plugins.resolve("echo-a");
        Path second = plugins.resolve("echo-b");
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(first);
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(second);

        PluginDiscovery.Result result = discover();

        assertThat(single(result).location()).isEqualTo(first.toString());
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo("echo");
            assertThat(failure.describe()).contains(first.toString()).contains(second.toString());
            assertThat(failure.reason()).contains("already loaded");
        });
    }

    @Test
    void aPluginWithAnInvalidNameIsAFailureNamingItsClass() {
        Path folder = plugins.resolve("bad-name");
        PluginJarBuilder.named("bad.jar").withPlugin(BadNamePlugin.class).writeTo(folder);

        PluginDiscovery.Result result = discover();

        assertThat(result.plugins()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo(BadNamePlugin.NAME);
            assertThat(failure.location()).isEqualTo(folder.toString());
            assertThat(failure.reason()).contains("[a-z]").contains(BadNamePlugin.class.getName());
        });
    }

    @Test
    void aFoldersOwnReferenceConfIsReadAndNotItsNeighbours() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class)
                .withReferenceConf("agent.plugins.echo { enabled = true, greeting = hello }")
                .writeTo(plugins.resolve("echo"));
        PluginJarBuilder.named("other.jar").withPlugin(dev.eventagent.engine.testing.fixtures.FailingPlugin.class)
                .withReferenceConf("agent.plugins.failing { enabled = true, retries = 2 }")
                .writeTo(plugins.resolve("failing"));

        PluginDiscovery.Result result = discover();

        assertThat(result.failures()).isEmpty();
        DiscoveredPlugin echo = byName(result, "echo");
        assertThat(echo.reference().getString("agent.plugins.echo.greeting")).isEqualTo("hello");
        assertThat(echo.reference().hasPath("agent.plugins.failing")).isFalse();
        DiscoveredPlugin failing = byName(result, "failing");
        assertThat(failing.reference().getInt("agent.plugins.failing.retries")).isEqualTo(2);
        assertThat(failing.reference().hasPath("agent.plugins.echo")).isFalse();
    }

    @Test
    void anUnreadableReferenceConfFailsThatFolder() {
        Path folder = plugins.resolve("echo");
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class)
                .withReferenceConf("agent.plugins.echo { enabled = ")
                .writeTo(folder);

        PluginDiscovery.Result result = discover();

        assertThat(result.plugins()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo("echo");
            assertThat(failure.reason()).contains("reference.conf");
        });
    }

    @Test
    void foldersAreDiscoveredInNameOrder() {
        PluginJarBuilder.named("f.jar").withPlugin(dev.eventagent.engine.testing.fixtures.FailingPlugin.class)
                .writeTo(plugins.resolve("b-failing"));
        PluginJarBuilder.named("e.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("a-echo"));

        assertThat(discover().plugins()).extracting(DiscoveredPlugin::name).containsExactly("echo", "failing");
    }

    private PluginDiscovery.Result discover() {
        PluginDiscovery.Result result = PluginDiscovery.discover(ENGINE, plugins);
        results.add(result);
        return result;
    }

    private static DiscoveredPlugin single(PluginDiscovery.Result result) {
        assertThat(result.plugins()).hasSize(1);
        return result.plugins().get(0);
    }

    private static DiscoveredPlugin byName(PluginDiscovery.Result result, String name) {
        return result.plugins().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + name + " in " + result.plugins()));
    }
}
