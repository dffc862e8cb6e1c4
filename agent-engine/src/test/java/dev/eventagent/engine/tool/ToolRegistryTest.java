package dev.eventagent.engine.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.api.ToolResult;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.plugin.DiscoveredPlugin;
import dev.eventagent.engine.plugin.EmbedderDirectory;
import dev.eventagent.engine.plugin.PluginDiscovery;
import dev.eventagent.engine.plugin.PluginHost;
import dev.eventagent.engine.resilience.ResilienceRegistries;
import dev.eventagent.engine.testing.PluginJarBuilder;
import dev.eventagent.engine.testing.ScriptedTool;
import dev.eventagent.engine.testing.fixtures.EchoPlugin;
import dev.eventagent.engine.testing.fixtures.EchoTwinPlugin;
import dev.eventagent.engine.testing.fixtures.FailingPlugin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of every started plugin's tools, built from folder plugins written by the test. */
class ToolRegistryTest {

    private static final ClassLoader ENGINE = ToolRegistryTest.class.getClassLoader();

    @TempDir
    Path plugins;

    private ExecutorService executor;
    private SimpleMeterRegistry meters;
    private final List<PluginHost> hosts = new ArrayList<>();

    @BeforeEach
    void start() {
        executor = Executors.newCachedThreadPool();
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        hosts.forEach(PluginHost::close);
        executor.shutdownNow();
    }

    @Test
    void everyToolOfEveryStartedPluginIsRegisteredSortedByName() throws Exception {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        PluginJarBuilder.named("failing.jar").withPlugin(FailingPlugin.class).writeTo(plugins.resolve("failing"));

        ToolRegistry registry = build(hostOf(plugins), "");

        assertThat(registry.all()).extracting(RegisteredTool::name).containsExactly("echo", "shout");
        RegisteredTool echo = registry.find("echo").orElseThrow();
        assertThat(echo.plugin()).isEqualTo("echo");
        assertThat(echo.descriptor()).isSameAs(echo.tool().descriptor());
        assertThat(registry.find("unknown")).isEmpty();
        assertThat(registry.isDisabled("echo")).isFalse();
    }

    @Test
    void aRegisteredToolRunsInItsPluginsClassLoaderThroughItsInvoker() throws Exception {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        ToolRegistry registry = build(hostOf(plugins), "");

        ToolResult result = registry.find("echo").orElseThrow().invoker()
                .invoke(new ToolCall("echo", Map.of("text", "ping"), "e1", "e1/0", Instant.now().plusSeconds(10)))
                .result();

        assertThat(result.value())
                .containsEntry("text", "ping")
                .containsEntry("loader", "plugin:echo")
                .containsEntry("context_loader", "plugin:echo");
    }

    @Test
    void aRegisteredToolsValidatorIsCompiledFromItsSchema() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        ToolRegistry registry = build(hostOf(plugins), "");

        ArgumentsValidator validator = registry.find("echo").orElseThrow().validator();

        assertThat(validator.validate(Map.of("text", "hi"))).isEmpty();
        assertThat(validator.validate(Map.of())).singleElement().satisfies(p -> assertThat(p).contains("text"));
    }

    @Test
    void twoPluginsProvidingOneToolNameFailStartUpNamingTheToolAndBothPlugins() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        PluginJarBuilder.named("twin.jar").withPlugin(EchoTwinPlugin.class).writeTo(plugins.resolve("echo-twin"));
        PluginHost host = hostOf(plugins);
        assertThat(host.started()).hasSize(2);

        assertThatThrownBy(() -> build(host, ""))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("tool 'echo'")
                .hasMessageContaining("plugin '" + EchoPlugin.NAME + "'")
                .hasMessageContaining("plugin '" + EchoTwinPlugin.NAME + "'")
                .hasMessageContaining("agent.tools.disabled");
    }

    @Test
    void disablingTheDuplicatedPluginResolvesTheConflict() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        PluginJarBuilder.named("twin.jar").withPlugin(EchoTwinPlugin.class).writeTo(plugins.resolve("echo-twin"));
        PluginHost host = start(PluginDiscovery.discover(ENGINE, plugins),
                ConfigFactory.parseString("agent.plugins.echo-twin.enabled = false"));

        ToolRegistry registry = build(host, "");

        assertThat(registry.find("echo").orElseThrow().plugin()).isEqualTo("echo");
    }

    @Test
    void agentToolsDisabledRemovesATool() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        ToolRegistry registry = build(hostOf(plugins), "disabled = [shout]");

        assertThat(registry.all()).extracting(RegisteredTool::name).containsExactly("echo");
        assertThat(registry.find("shout")).isEmpty();
        assertThat(registry.isDisabled("shout")).isTrue();
        assertThat(registry.isDisabled("echo")).isFalse();
    }

    @Test
    void disablingAToolNoPluginProvidesIsNotAnError() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        ToolRegistry registry = build(hostOf(plugins), "disabled = [no_such_tool]");

        assertThat(registry.all()).extracting(RegisteredTool::name).containsExactly("echo", "shout");
    }

    @Test
    void overridesChangeTheResiliencePolicyOfOneToolOnly() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        ToolRegistry registry = build(hostOf(plugins),
                "overrides { echo { timeout = 2s, retry.max-attempts = 7, bulkhead.max-concurrent = 2 } }");

        ResilienceSettings echo = registry.find("echo").orElseThrow().invoker().settings();
        assertThat(echo.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(echo.maxAttempts()).isEqualTo(7);
        assertThat(echo.maxConcurrent()).isEqualTo(2);
        assertThat(echo.initialBackoff()).as("keys not overridden keep the defaults").isEqualTo(Duration.ofMillis(200));
        ResilienceSettings shout = registry.find("shout").orElseThrow().invoker().settings();
        assertThat(shout.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(shout.maxAttempts()).isEqualTo(3);
        assertThat(shout.maxConcurrent()).isEqualTo(16);
    }

    @Test
    void theReferenceDefaultsReachEveryTool() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        ResilienceSettings settings = build(hostOf(plugins), "").find("echo").orElseThrow().invoker().settings();

        assertThat(settings).isEqualTo(new ResilienceSettings(Duration.ofSeconds(10), 3, Duration.ofMillis(200), 2.0,
                Duration.ofSeconds(5), 0.5, Duration.ofSeconds(60), 50f, 20, 10, Duration.ofSeconds(30), 3, 16,
                Duration.ofSeconds(5)));
    }

    @Test
    void eachToolsBreakerRetryAndBulkheadAreMeasuredUnderTheToolsName() {
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));

        ToolRegistry registry = build(hostOf(plugins), "");

        Gauge open = meters.get("resilience4j.circuitbreaker.state").tag("name", "echo").tag("state", "open").gauge();
        assertThat(open.value()).isZero();
        registry.find("echo").orElseThrow().invoker().circuitBreaker().transitionToOpenState();
        assertThat(open.value()).isEqualTo(1.0);
        assertThat(meters.get("resilience4j.retry.calls").tag("name", "echo").functionCounters()).isNotEmpty();
        assertThat(meters.get("resilience4j.bulkhead.max.allowed.concurrent.calls").tag("name", "echo").gauge()
                .value()).isEqualTo(16.0);
    }

    @Test
    void aToolWithAnInvalidSchemaFailsStartUpNamingThePluginAndTheTool() {
        ToolDescriptor broken = ToolDescriptor.builder("list_issues")
                .description("Lists issues. Use this when testing schemas.")
                .argumentsSchema("{\"type\": \"array\"}")
                .build();
        ToolPlugin plugin = inline("jira-like", PluginInstance.of(List.of(ScriptedTool.describedBy(broken))));
        PluginHost host = start(new PluginDiscovery.Result(
                List.of(new DiscoveredPlugin(plugin, "classpath", ENGINE, ConfigFactory.empty())), List.of()),
                ConfigFactory.empty());

        assertThatThrownBy(() -> build(host, ""))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("plugin 'jira-like'")
                .hasMessageContaining("list_issues");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ToolDescriptor broken = ToolDescriptor.builder("list_issues")
                .description("Lists issues. Use this when testing schemas.")
                .argumentsSchema("not json")
                .build();
        ToolPlugin plugin = inline("jira-like", PluginInstance.of(List.of(ScriptedTool.describedBy(broken))));
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(plugins.resolve("echo"));
        PluginJarBuilder.named("twin.jar").withPlugin(EchoTwinPlugin.class).writeTo(plugins.resolve("echo-twin"));
        List<DiscoveredPlugin> discovered = new ArrayList<>(PluginDiscovery.discover(ENGINE, plugins).plugins());
        discovered.add(new DiscoveredPlugin(plugin, "classpath", ENGINE, ConfigFactory.empty()));
        PluginHost host = start(new PluginDiscovery.Result(discovered, List.of()), ConfigFactory.empty());

        assertThatThrownBy(() -> build(host, ""))
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("2 configuration problems");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private ToolRegistry build(PluginHost host, String toolsOverrides) {
        Config layers = ConfigFactory.parseString(toolsOverrides).atPath("agent.tools");
        Config tools = ConfigLoader.resolve(layers, ConfigLoader.references(ENGINE)).getConfig("agent.tools");
        return ToolRegistry.build(host, tools, executor, Clock.systemUTC(), new ResilienceRegistries().bindTo(meters));
    }

    private PluginHost hostOf(Path pluginsDir) {
        return start(PluginDiscovery.discover(ENGINE, pluginsDir), ConfigFactory.empty());
    }

    private PluginHost start(PluginDiscovery.Result discovery, Config config) {
        PluginHost host = PluginHost.start(discovery, config, meters, Clock.systemUTC(), new EmbedderDirectory(""));
        hosts.add(host);
        return host;
    }

    private static ToolPlugin inline(String name, PluginInstance instance) {
        return new ToolPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public PluginInstance create(dev.eventagent.api.PluginContext context) {
                return instance;
            }
        };
    }
}
