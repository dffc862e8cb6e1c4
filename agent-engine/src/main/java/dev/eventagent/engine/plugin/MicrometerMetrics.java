package dev.eventagent.engine.plugin;

import dev.eventagent.api.Metrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' {@link Metrics} hook, over the engine's Micrometer registry. A plugin names its
 * meters without its own name ({@code batch.flushes}); they are exported as
 * {@value #PREFIX}{@code <name>} with the tag {@code plugin=<plugin name>}: {@code batch.flushes}
 * of plugin {@code clickhouse} is
 * {@code agent_plugin_batch_flushes_total{plugin="clickhouse",...}} in Prometheus. A name outside
 * the scheme (dot-separated lower-case words, not starting with the plugin's name) is registered
 * all the same, with one warning.
 */
final class MicrometerMetrics implements Metrics {

    /** What every plugin meter's name starts with. */
    static final String PREFIX = "agent.plugin.";

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerMetrics.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");

    private final MeterRegistry registry;
    private final String plugin;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    MicrometerMetrics(MeterRegistry registry, String plugin) {
        this.registry = registry;
        this.plugin = plugin;
    }

    @Override
    public void increment(String name, String... tags) {
        registry.counter(name(name), tags(tags)).increment();
    }

    @Override
    public void record(String name, Duration duration, String... tags) {
        registry.timer(name(name), tags(tags)).record(duration);
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        Gauge.builder(name(name), value).tags(tags(tags)).register(registry);
    }

    private String name(String name) {
        if (!NAME.matcher(name).matches() && warned.add(name)) {
            LOG.warn("Plugin '{}' names a metric '{}': metric names are dot-separated lower-case words without the "
                    + "plugin's name (e.g. batch.flushes); it is exported as {}{} anyway", plugin, name, PREFIX, name);
        } else if ((name.equals(plugin) || name.startsWith(plugin + ".")) && warned.add(name)) {
            LOG.warn("Plugin '{}' names a metric '{}' after itself: the engine already tags every plugin metric "
                    + "with plugin=\"{}\"", plugin, name, plugin);
        }
        return PREFIX + name;
    }

    /** The plugin's tags and {@code plugin=<name>}, which a plugin cannot override. */
    private Tags tags(String... tags) {
        return Tags.of(tags).and("plugin", plugin);
    }
}
