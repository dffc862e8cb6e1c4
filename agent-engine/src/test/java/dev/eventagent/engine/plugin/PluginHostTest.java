package dev.eventagent.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.Embedder;
import dev.eventagent.api.Health;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.api.ToolResult;
import dev.eventagent.engine.testing.PluginJarBuilder;
import dev.eventagent.engine.testing.fixtures.EchoPlugin;
import dev.eventagent.engine.testing.fixtures.FailingPlugin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating the discovered plugins: per-plugin failures, disabling, contexts, embedders and shutdown. */
class PluginHostTest {

    private static final ClassLoader ENGINE = PluginHostTest.class.getClassLoader();

    @TempDir
    Path plugins;

    private final List<PluginHost> hosts = new ArrayList<>();

    @AfterEach
    void closeHosts() {
        hosts.forEach(PluginHost::close);
    }

    @Test
    void aPluginWhoseCreateThrowsIsReportedByNameWithTheReasonAndTheOthersStart() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        Path failingFolder = plugins.resolve("failing");
        PluginJarBuilder.named("failing.jar").withPlugin(FailingPlugin.class).writeTo(failingFolder);

        PluginHost host = start(PluginDiscovery.discover(ENGINE, plugins), ConfigFactory.empty());

        assertThat(host.started()).extracting(PluginHost.StartedPlugin::name).containsExactly("echo");
        assertThat(host.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo(FailingPlugin.NAME);
            assertThat(failure.location()).isEqualTo(failingFolder.toString());
            assertThat(failure.reason()).contains("create() failed").contains(FailingPlugin.REASON);
        });
    }

    @Test
    void aStartedFolderPluginsToolsComeFromItsOwnClassLoader() throws Exception {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        PluginHost host = start(PluginDiscovery.discover(ENGINE, plugins), ConfigFactory.empty());

        PluginHost.StartedPlugin echo = host.started().get(0);
        assertThat(echo.classLoader().getName()).isEqualTo("plugin:echo");
        Tool tool = echo.instance().tools().stream().filter(t -> t.descriptor().name().equals("echo")).findFirst()
                .orElseThrow();
        Class<?> sameNameOnTestClasspath = Class.forName(EchoPlugin.class.getName() + "$EchoTool", false, ENGINE);
        assertThat(tool.getClass().getName()).isEqualTo(sameNameOnTestClasspath.getName());
        assertThat(tool.getClass()).isNotSameAs(sameNameOnTestClasspath);
        assertThat(tool.getClass().getClassLoader()).isSameAs(echo.classLoader());
        ToolResult result = tool.invoke(new ToolCall("echo", Map.of("text", "hi"), "e1", "e1/0",
                Instant.now().plusSeconds(5)));
        assertThat(result.value()).containsEntry("text", "hi").containsEntry("loader", "plugin:echo");
    }

    @Test
    void aPluginMissingOneOfItsOwnClassesFailsAtCreateAndTheOthersStart() {
        // The jar holds EchoPlugin but not EchoPlugin$EchoTool; the engine's copy must not be used.
        Path folder = plugins.resolve("partial");
        PluginJarBuilder.named("partial.jar").withClassFileOnly(EchoPlugin.class)
                .withServices(EchoPlugin.class.getName()).writeTo(folder);
        PluginJarBuilder.named("failing.jar").withPlugin(FailingPlugin.class).writeTo(plugins.resolve("failing"));

        PluginHost host = start(PluginDiscovery.discover(ENGINE, plugins), ConfigFactory.empty());

        assertThat(host.started()).isEmpty();
        assertThat(host.failures()).extracting(PluginFailure::plugin).containsExactlyInAnyOrder("echo", "failing");
        assertThat(host.failures()).filteredOn(f -> f.plugin().equals("echo")).singleElement().satisfies(failure -> {
            assertThat(failure.location()).isEqualTo(folder.toString());
            assertThat(failure.reason()).contains("NoClassDefFoundError").contains("EchoPlugin$EchoTool");
        });
    }

    @Test
    void aPluginDisabledInConfigIsNotCreatedAndIsListedAsDisabled() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        InlinePlugin recording = new InlinePlugin("recording", context -> PluginInstance.of(List.of()));
        List<DiscoveredPlugin> discovered = new ArrayList<>(PluginDiscovery.discover(ENGINE, plugins).plugins());
        discovered.add(onClasspath(recording));
        Config config = ConfigFactory.parseString(
                "agent.plugins.echo.enabled = false\nagent.plugins.recording.enabled = false");

        PluginHost host = start(new PluginDiscovery.Result(discovered, List.of()), config);

        assertThat(host.started()).isEmpty();
        assertThat(host.disabled()).containsExactly("echo", "recording");
        assertThat(host.failures()).isEmpty();
        assertThat(recording.creates).as("a disabled plugin's create() is never called").hasValue(0);
    }

    @Test
    void enabledTrueOrNoSettingAtAllStartsThePlugin() {
        InlinePlugin explicit = new InlinePlugin("explicit", context -> PluginInstance.of(List.of()));
        InlinePlugin implicit = new InlinePlugin("implicit", context -> PluginInstance.of(List.of()));

        PluginHost host = start(result(explicit, implicit),
                ConfigFactory.parseString("agent.plugins.explicit.enabled = true"));

        assertThat(host.started()).extracting(PluginHost.StartedPlugin::name).containsExactly("explicit", "implicit");
        assertThat(host.disabled()).isEmpty();
    }

    @Test
    void discoveryFailuresAreReportedByTheHostToo() {
        PluginJarBuilder.named("broken.jar").withServices("dev.eventagent.engine.testing.fixtures.MissingPlugin")
                .writeTo(plugins.resolve("broken"));
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        PluginHost host = start(PluginDiscovery.discover(ENGINE, plugins), ConfigFactory.empty());

        assertThat(host.started()).extracting(PluginHost.StartedPlugin::name).containsExactly("echo");
        assertThat(host.failures()).extracting(PluginFailure::plugin).containsExactly("broken");
    }

    @Test
    void createReturningNullIsAFailureNamingThePlugin() {
        InlinePlugin nothing = new InlinePlugin("nothing", context -> null);

        PluginHost host = start(result(nothing), ConfigFactory.empty());

        assertThat(host.started()).isEmpty();
        assertThat(host.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo("nothing");
            assertThat(failure.reason()).contains("null");
        });
    }

    @Test
    void createRunsWithThePluginsLoaderAsContextLoaderAndGetsItsOwnSubtree() throws Exception {
        InlinePlugin inline = new InlinePlugin("inline", context -> PluginInstance.of(List.of()));
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader pluginLoader = new URLClassLoader("plugin:inline", new URL[0], ENGINE)) {
            Config config = ConfigFactory.parseString("""
                    agent.plugins.inline { url = "bolt://localhost:7687", password = "pw-1234", blank = "" }
                    agent.plugins.other { url = "elsewhere" }
                    """);

            start(new PluginDiscovery.Result(
                    List.of(new DiscoveredPlugin(inline, "classpath", pluginLoader, ConfigFactory.empty())), List.of()),
                    config);

            assertThat(inline.createLoaders).containsExactly(pluginLoader);
            assertThat(Thread.currentThread().getContextClassLoader()).as("restored after create()").isSameAs(before);
        }
        PluginContext context = inline.contexts.get(0);
        assertThat(context.config().path()).isEqualTo("agent.plugins.inline");
        assertThat(context.config().getString("url")).isEqualTo("bolt://localhost:7687");
        assertThat(context.config().keys()).containsExactlyInAnyOrder("url", "password", "blank");
        assertThat(context.secret("password")).contains("pw-1234");
        assertThat(context.secret("blank")).as("an empty secret is not set").isEmpty();
        assertThat(context.secret("missing")).isEmpty();
        assertThat(context.metrics()).isNotNull();
        assertThat(context.clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    void aMissingKeyInThePluginsViewNamesTheFullKey() {
        InlinePlugin inline = new InlinePlugin("inline", context -> PluginInstance.of(List.of()));
        start(result(inline), ConfigFactory.parseString("agent.plugins.inline.port = 7687"));

        PluginContext context = inline.contexts.get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.config().getString("host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent.plugins.inline.host");
    }

    @Test
    void embeddersArePublishedAndReachPluginsCreatedEarlierThroughTheLazyHandle() throws Exception {
        List<Embedder> handles = new ArrayList<>();
        InlinePlugin consumer = new InlinePlugin("consumer", context -> {
            handles.add(context.embedder());
            return PluginInstance.of(List.of());
        });
        InlinePlugin provider = new InlinePlugin("provider", context -> withEmbedders(new FixedEmbedder("minilm")));
        EmbedderDirectory embedders = new EmbedderDirectory("minilm");

        PluginHost host = PluginHost.start(result(consumer, provider), ConfigFactory.empty(), new SimpleMeterRegistry(),
                Clock.systemUTC(), embedders);
        hosts.add(host);

        assertThat(host.started()).hasSize(2);
        assertThat(embedders.all()).containsOnlyKeys("minilm");
        assertThat(handles.get(0).dimension()).isEqualTo(3);
        assertThat(handles.get(0).embed(List.of("text"), Embedder.InputType.QUERY)).hasSize(1);
    }

    @Test
    void theEmbedderAPluginGetsThroughItsContextIsBehindTheEnginesCache() {
        List<Embedder> handles = new ArrayList<>();
        AtomicInteger embedded = new AtomicInteger();
        InlinePlugin consumer = new InlinePlugin("consumer", context -> {
            handles.add(context.embedder());
            return PluginInstance.of(List.of());
        });
        InlinePlugin provider = new InlinePlugin("provider", context -> withEmbedders(new FixedEmbedder("minilm") {
            @Override
            public List<float[]> embed(List<String> texts, InputType type) {
                embedded.addAndGet(texts.size());
                return super.embed(texts, type);
            }
        }));
        EmbedderDirectory embedders = new EmbedderDirectory("minilm", 100);
        hosts.add(PluginHost.start(result(consumer, provider), ConfigFactory.empty(), new SimpleMeterRegistry(),
                Clock.systemUTC(), embedders));

        for (int i = 0; i < 3; i++) {
            handles.get(0).embed(List.of("Kubernetes operator in Go"), Embedder.InputType.QUERY);
        }
        assertThat(embedded.get()).as("embedded once, then from the engine's cache").isEqualTo(1);
        assertThat(embedders.cache()).hasValueSatisfying(cache -> assertThat(cache.hits()).isEqualTo(2));
    }

    @Test
    void aPluginWhoseEmbedderNameIsTakenFailsAndItsCreatedInstanceIsClosed() {
        List<String> closed = Collections.synchronizedList(new ArrayList<>());
        InlinePlugin first = new InlinePlugin("first", context -> withEmbedders(new FixedEmbedder("minilm")));
        InlinePlugin second = new InlinePlugin("second",
                context -> closing("second", closed, new FixedEmbedder("minilm")));

        PluginHost host = start(result(first, second), ConfigFactory.empty());

        assertThat(host.started()).extracting(PluginHost.StartedPlugin::name).containsExactly("first");
        assertThat(host.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.plugin()).isEqualTo("second");
            assertThat(failure.reason()).contains("minilm");
        });
        assertThat(closed)
                .as("an instance that was created but not started must still be closed (its clients and pools)")
                .containsExactly("second");
    }

    @Test
    void closeClosesInstancesInReverseOrderAndGoesOnWhenOneFails() {
        List<String> closed = Collections.synchronizedList(new ArrayList<>());
        InlinePlugin a = new InlinePlugin("a", context -> closing("a", closed));
        InlinePlugin b = new InlinePlugin("b", context -> new PluginInstance() {
            @Override
            public void close() {
                closed.add("b");
                throw new IllegalStateException("b cannot close");
            }
        });
        InlinePlugin c = new InlinePlugin("c", context -> closing("c", closed));
        PluginHost host = PluginHost.start(result(a, b, c), ConfigFactory.empty(), new SimpleMeterRegistry(),
                Clock.systemUTC(), new EmbedderDirectory(""));

        host.close();

        assertThat(closed).containsExactly("c", "b", "a");
    }

    @Test
    void theDiscoveryOwnsTheClassLoadersSoASecondHostCanStartWithThem() throws Exception {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        PluginDiscovery.Result discovery = PluginDiscovery.discover(ENGINE, plugins);
        PluginHost first = PluginHost.start(discovery, ConfigFactory.empty(), new SimpleMeterRegistry(),
                Clock.systemUTC(), new EmbedderDirectory(""));
        URLClassLoader loader = (URLClassLoader) first.started().get(0).classLoader();
        first.close();

        PluginHost second = PluginHost.start(discovery, ConfigFactory.empty(), new SimpleMeterRegistry(),
                Clock.systemUTC(), new EmbedderDirectory(""));
        assertThat(second.failures()).isEmpty();
        assertThat(second.started()).singleElement().satisfies(p -> assertThat(p.classLoader()).isSameAs(loader));
        second.close();
        assertThat(loader.findResource(PluginJarBuilder.SERVICES_FILE)).as("open until the discovery closes").isNotNull();

        discovery.close();

        assertThat(loader.findResource(PluginJarBuilder.SERVICES_FILE)).as("a closed loader finds nothing").isNull();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private PluginHost start(PluginDiscovery.Result discovery, Config config) {
        PluginHost host = PluginHost.start(discovery, config, new SimpleMeterRegistry(), Clock.systemUTC(),
                new EmbedderDirectory(""));
        hosts.add(host);
        return host;
    }

    private static PluginDiscovery.Result result(ToolPlugin... plugins) {
        return new PluginDiscovery.Result(List.of(plugins).stream().map(PluginHostTest::onClasspath).toList(),
                List.of());
    }

    private static DiscoveredPlugin onClasspath(ToolPlugin plugin) {
        return new DiscoveredPlugin(plugin, "classpath", ENGINE, ConfigFactory.empty());
    }

    private static PluginInstance withEmbedders(Embedder... embedders) {
        return new PluginInstance() {
            @Override
            public List<Embedder> embedders() {
                return List.of(embedders);
            }
        };
    }

    private static PluginInstance closing(String name, List<String> closed, Embedder... embedders) {
        return new PluginInstance() {
            @Override
            public List<Embedder> embedders() {
                return List.of(embedders);
            }

            @Override
            public Health health() {
                return Health.up(name);
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
    }

    /** What a plugin's create() does, in a test. */
    @FunctionalInterface
    private interface Creation {
        PluginInstance create(PluginContext context) throws Exception;
    }

    /** A classpath plugin defined inline, recording how it was created. */
    private static final class InlinePlugin implements ToolPlugin {
        private final String name;
        private final Creation creation;
        final AtomicInteger creates = new AtomicInteger();
        final List<PluginContext> contexts = new ArrayList<>();
        final List<ClassLoader> createLoaders = new ArrayList<>();

        InlinePlugin(String name, Creation creation) {
            this.name = name;
            this.creation = creation;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public PluginInstance create(PluginContext context) throws Exception {
            creates.incrementAndGet();
            contexts.add(context);
            createLoaders.add(Thread.currentThread().getContextClassLoader());
            return creation.create(context);
        }
    }

    /** An embedder returning a constant vector. */
    private static class FixedEmbedder implements Embedder {
        private final String name;

        FixedEmbedder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public List<float[]> embed(List<String> texts, InputType type) {
            return texts.stream().map(t -> new float[] {1f, 0f, 0f}).toList();
        }
    }
}
