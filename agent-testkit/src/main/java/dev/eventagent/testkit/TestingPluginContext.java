package dev.eventagent.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.ConfigView;
import dev.eventagent.api.Embedder;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testing.TestingEmbedder;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PluginContext} for plugin tests: the plugin's own {@code reference.conf} with
 * overrides, a no-op metrics hook, the system clock and a given embedder.
 */
public final class TestingPluginContext implements PluginContext {

    private final ConfigView config;
    private final Embedder embedder;
    private final Clock clock;

    private TestingPluginContext(ConfigView config, Embedder embedder, Clock clock) {
        this.config = config;
        this.embedder = embedder;
        this.clock = clock;
    }

    /**
     * The context a plugin would get with these settings over its reference.
     *
     * @param plugin the plugin
     * @param overrides settings relative to {@code agent.plugins.<name>}, e.g. {@code "uri" -> "bolt://…"}
     * @return the context, with a {@link TestingEmbedder}
     */
    public static TestingPluginContext of(ToolPlugin plugin, Map<String, ?> overrides) {
        String path = "agent.plugins." + plugin.name();
        Config reference = ConfigFactory.parseResourcesAnySyntax(plugin.getClass().getClassLoader(), "reference.conf")
                .resolve();
        Config own = ConfigFactory.parseMap(overrides)
                .withFallback(reference.hasPath(path) ? reference.getConfig(path) : ConfigFactory.empty())
                .resolve();
        return new TestingPluginContext(new TestingConfigView(own, path), new TestingEmbedder(64), Clock.systemUTC());
    }

    /**
     * The same context with another embedder.
     *
     * @param other the embedder
     * @return the context
     */
    public TestingPluginContext withEmbedder(Embedder other) {
        return new TestingPluginContext(config, other, clock);
    }

    @Override
    public ConfigView config() {
        return config;
    }

    @Override
    public Optional<String> secret(String key) {
        return config.hasPath(key) && !config.getString(key).isEmpty()
                ? Optional.of(config.getString(key)) : Optional.empty();
    }

    @Override
    public Metrics metrics() {
        return Metrics.noop();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Embedder embedder() {
        return embedder;
    }
}
