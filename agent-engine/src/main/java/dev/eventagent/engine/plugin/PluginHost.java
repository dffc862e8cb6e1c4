package dev.eventagent.engine.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.AuditSink;
import dev.eventagent.api.Embedder;
import dev.eventagent.api.EventSource;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.engine.config.TypesafeConfigView;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the enabled plugins and owns them until shutdown. A plugin whose creation fails is
 * named with its reason and the others still start.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    /**
     * A created plugin.
     *
     * @param name the plugin's name
     * @param location where it was loaded from
     * @param instance what it created
     * @param classLoader its class loader
     */
    public record StartedPlugin(String name, String location, PluginInstance instance, ClassLoader classLoader) {
    }

    private final List<StartedPlugin> started;
    private final List<PluginFailure> failures;
    private final List<String> disabled;

    private PluginHost(List<StartedPlugin> started, List<PluginFailure> failures, List<String> disabled) {
        this.started = List.copyOf(started);
        this.failures = List.copyOf(failures);
        this.disabled = List.copyOf(disabled);
    }

    /**
     * Creates every enabled plugin.
     *
     * @param discovery what discovery found
     * @param config the resolved, validated config
     * @param registry where plugin metrics go
     * @param clock the engine's clock
     * @param embedders the shared embedder directory, filled with what plugins provide
     * @return the host
     */
    public static PluginHost start(PluginDiscovery.Result discovery, Config config, MeterRegistry registry,
            Clock clock, EmbedderDirectory embedders) {
        List<StartedPlugin> started = new ArrayList<>();
        List<PluginFailure> failures = new ArrayList<>(discovery.failures());
        List<String> disabled = new ArrayList<>();
        for (DiscoveredPlugin plugin : discovery.plugins()) {
            String path = "agent.plugins." + plugin.name();
            Config own = config.hasPath(path) ? config.getConfig(path) : ConfigFactory.empty();
            if (own.hasPath("enabled") && !own.getBoolean("enabled")) {
                LOG.info("Plugin '{}' is disabled by {}.enabled = false", plugin.name(), path);
                disabled.add(plugin.name());
                continue;
            }
            LOG.info("Loading plugin '{}' from {}", plugin.name(), plugin.location());
            DefaultPluginContext context = new DefaultPluginContext(new TypesafeConfigView(own, path),
                    new MicrometerMetrics(registry, plugin.name()), clock,
                    embedders.selected());
            PluginInstance instance = null;
            try {
                instance = withContextLoader(plugin.classLoader(), () -> plugin.plugin().create(context));
                if (instance == null) {
                    throw new IllegalStateException("create() returned null");
                }
                for (Embedder embedder : instance.embedders()) {
                    embedders.add(plugin.name(), embedder);
                    LOG.info("Registering embedder '{}' ({} dimensions) from plugin '{}'",
                            embedder.name(), embedder.dimension(), plugin.name());
                }
                for (EventSource source : instance.eventSources()) {
                    LOG.info("Registering event source '{}' ({}) from plugin '{}'", source.name(),
                            String.join(", ", source.eventTypes()), plugin.name());
                }
                started.add(new StartedPlugin(plugin.name(), plugin.location(), instance, plugin.classLoader()));
            } catch (Exception | LinkageError e) {
                PluginFailure failure = new PluginFailure(plugin.name(), plugin.location(),
                        "create() failed: " + e);
                LOG.error(failure.describe(), e);
                failures.add(failure);
                closeRejected(plugin, instance);
            }
        }
        for (PluginFailure failure : discovery.failures()) {
            LOG.error(failure.describe());
        }
        return new PluginHost(started, failures, disabled);
    }

    /** An instance that was created but could not be registered still holds clients: close it. */
    private static void closeRejected(DiscoveredPlugin plugin, PluginInstance instance) {
        if (instance == null) {
            return;
        }
        try {
            withContextLoader(plugin.classLoader(), () -> {
                instance.close();
                return null;
            });
        } catch (Exception e) {
            LOG.warn("Plugin '{}' failed to close after it was rejected: {}", plugin.name(), e.toString());
        }
    }

    /**
     * The plugins that started.
     *
     * @return the plugins
     */
    public List<StartedPlugin> started() {
        return started;
    }

    /**
     * The plugins that failed to load or start.
     *
     * @return the failures
     */
    public List<PluginFailure> failures() {
        return failures;
    }

    /**
     * The plugins disabled by config.
     *
     * @return their names
     */
    public List<String> disabled() {
        return disabled;
    }

    /**
     * The audit sinks plugins provide.
     *
     * @return the sinks
     */
    public List<AuditSink> auditSinks() {
        List<AuditSink> sinks = new ArrayList<>();
        for (StartedPlugin plugin : started) {
            sinks.addAll(plugin.instance().auditSinks());
        }
        return sinks;
    }

    /**
     * The event sources plugins provide, each run with its plugin's class loader.
     *
     * @return the sources
     */
    public List<EventSource> eventSources() {
        List<EventSource> sources = new ArrayList<>();
        for (StartedPlugin plugin : started) {
            for (EventSource source : plugin.instance().eventSources()) {
                sources.add(new PluginEventSource(plugin.name(), source, plugin.classLoader()));
            }
        }
        return sources;
    }

    /**
     * Runs an action with a plugin's class loader as the thread's context loader, as many client
     * libraries expect.
     *
     * @param loader the plugin's loader
     * @param action the action
     * @param <T> the result type
     * @return the action's result
     * @throws Exception what the action throws
     */
    public static <T> T withContextLoader(ClassLoader loader, Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        List<StartedPlugin> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (StartedPlugin plugin : reversed) {
            try {
                withContextLoader(plugin.classLoader(), () -> {
                    plugin.instance().close();
                    return null;
                });
            } catch (Exception e) {
                LOG.warn("Plugin '{}' failed to close cleanly: {}", plugin.name(), e.toString());
            }
        }
        // The class loaders belong to the discovery (Installation.close), which may start another
        // engine with them: closing them here broke that engine's plugins (NoClassDefFoundError).
    }
}
