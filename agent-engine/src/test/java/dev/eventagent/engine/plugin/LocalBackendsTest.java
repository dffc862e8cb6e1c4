package dev.eventagent.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.LocalBackend;
import dev.eventagent.engine.testing.PluginJarBuilder;
import dev.eventagent.engine.testing.fixtures.EchoDemoBackend;
import dev.eventagent.engine.testing.fixtures.EchoPlugin;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code demo} finds the local backends: in plugin jars, in demo-backends/, isolated. */
class LocalBackendsTest {

    private static final String PROVIDERS = "META-INF/services/" + LocalBackend.Provider.class.getName();

    @TempDir
    Path temp;

    @Test
    void aPluginsOwnProviderIsFoundInItsClassLoader() throws Exception {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).withClasses(EchoDemoBackend.class)
                .withResource(PROVIDERS, EchoDemoBackend.class.getName() + "\n").writeTo(temp.resolve("plugins/echo"));
        PluginDiscovery.Result plugins = PluginDiscovery.discover(getClass().getClassLoader(), temp.resolve("plugins"));

        try (LocalBackends backends = LocalBackends.discover(getClass().getClassLoader(), plugins.plugins(),
                temp.resolve("demo-backends"))) {
            LocalBackend backend = backends.forPlugin("echo").orElseThrow().start(temp);

            assertThat(backend.describe()).isEqualTo("nothing to start (loaded by plugin:echo)");
            assertThat(backend.settings()).containsEntry("greeting", "hello");
            assertThat(backends.forPlugin("neo4j")).isEmpty();
            assertThat(backends.problems()).isEmpty();
        }
    }

    @Test
    void theDemoBackendsFolderHasItsOwnClassLoaderAndABrokenEntryIsAProblemNotAFailure() throws Exception {
        PluginJarBuilder.named("backends.jar").withClasses(EchoDemoBackend.class)
                .withResource(PROVIDERS, EchoDemoBackend.class.getName() + "\ncom.example.Missing\n")
                .writeTo(temp.resolve("demo-backends"));

        try (LocalBackends backends = LocalBackends.discover(getClass().getClassLoader(), java.util.List.of(),
                temp.resolve("demo-backends"))) {
            assertThat(backends.forPlugin("echo").orElseThrow().start(temp).describe())
                    .isEqualTo("nothing to start (loaded by plugin:demo-backends)");
            assertThat(backends.problems()).singleElement().asString().contains("com.example.Missing");
        }
    }
}
