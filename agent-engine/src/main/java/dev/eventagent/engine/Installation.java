package dev.eventagent.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValueType;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.config.ConfigValidator;
import dev.eventagent.engine.config.SecretMasker;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.plugin.DiscoveredPlugin;
import dev.eventagent.engine.plugin.PluginDiscovery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An installation as the engine finds it: the resolved, validated config and the plugins
 * discovered for it, with the class loaders of their folders (which this owns and
 * {@link #close()} releases); nothing is created yet. {@link Engine#start} creates the plugins.
 *
 * @param sources where config came from
 * @param config the resolved config
 * @param reference the merged, resolved references of the engine and every plugin
 * @param discovery the plugins found
 * @param masker which keys and values are secret
 */
public record Installation(ConfigLoader.Sources sources, Config config, Config reference,
        PluginDiscovery.Result discovery, SecretMasker masker) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Installation.class);

    private static final String ROUTES = "agent.rules.routes";

    /** Subtrees of {@code agent} the engine owns and validates against its reference. */
    private static final List<String> ENGINE_PATHS = List.of("agent.decode", "agent.graph", "agent.execution",
            "agent.tools", "agent.policy", "agent.audit", "agent.rules", "agent.ledger", "agent.kafka", "agent.runtime", "agent.admin", "agent.llm",
            "agent.embedders", "agent.embedding-cache");

    /**
     * Loads config, discovers plugins and validates the engine's and every enabled plugin's
     * subtree.
     *
     * @param sources where config comes from
     * @return the loaded config
     * @throws StartupException listing every problem, each with its key and origin
     */
    public static Installation load(ConfigLoader.Sources sources) {
        return load(sources, ConfigFactory.empty());
    }

    /**
     * Loads config with settings layered over everything the user gave (for {@code demo}).
     *
     * @param sources where config comes from
     * @param overrides the settings that win
     * @return the loaded config
     * @throws StartupException listing every problem
     */
    public static Installation load(ConfigLoader.Sources sources, Config overrides) {
        ClassLoader engineLoader = Installation.class.getClassLoader();
        Config layers = overrides.withFallback(ConfigLoader.userLayers(sources));
        Config engineReference = ConfigLoader.references(engineLoader);
        Config preliminary = ConfigLoader.resolve(layers, engineReference);
        Path pluginsDir = sources.resolve(preliminary.getString("agent.plugins-dir"));
        PluginDiscovery.Result discovery = PluginDiscovery.discover(engineLoader, pluginsDir);
        return assemble(sources, layers, engineReference, discovery);
    }

    /**
     * Closes the class loaders of the plugin folders discovered (shared with every
     * {@link #withOverrides} copy). Close the engines started with them first. A process that runs
     * one engine until it exits need not call it.
     */
    @Override
    public void close() {
        discovery.close();
    }

    /**
     * The same sources and plugins with settings layered over everything the user gave: no
     * second discovery, so the plugins' class loaders are the ones already open.
     *
     * @param overrides the settings that win
     * @return the loaded config
     * @throws StartupException listing every problem
     */
    public Installation withOverrides(Config overrides) {
        return assemble(sources, overrides.withFallback(ConfigLoader.userLayers(sources)),
                ConfigLoader.references(Installation.class.getClassLoader()), discovery);
    }

    /**
     * Loads config for plugins given as instances (embedding the engine, tests): their
     * {@code reference.conf} must be on the engine's classpath; no plugins directory is read.
     *
     * @param layers the user's settings, over the references
     * @param plugins the plugins
     * @return the loaded config
     * @throws StartupException listing every problem
     */
    public static Installation of(Config layers, List<ToolPlugin> plugins) {
        ClassLoader engineLoader = Installation.class.getClassLoader();
        List<DiscoveredPlugin> discovered = plugins.stream()
                .map(p -> new DiscoveredPlugin(p, "embedded", p.getClass().getClassLoader(), ConfigFactory.empty()))
                .toList();
        return assemble(new ConfigLoader.Sources(Optional.empty(), Optional.empty()), layers,
                ConfigLoader.references(engineLoader), new PluginDiscovery.Result(discovered, List.of()));
    }

    private static Installation assemble(ConfigLoader.Sources sources, Config layers, Config engineReference,
            PluginDiscovery.Result discovery) {
        Config reference = engineReference;
        for (DiscoveredPlugin plugin : discovery.plugins()) {
            reference = reference.withFallback(plugin.reference());
        }
        Config config = ConfigLoader.resolve(layers, reference);
        reference = ConfigLoader.resolve(ConfigFactory.empty(), reference);

        List<String> problems = new ArrayList<>();
        ConfigObject agent = config.getObject("agent");
        for (String key : agent.keySet()) {
            if (!reference.hasPath("agent." + key)) {
                problems.add(agent.get(key).origin().description() + ": unknown key agent." + key
                        + " (known: " + reference.getObject("agent").keySet().stream().sorted().toList() + ")");
            }
        }
        // The routes are an open object ({} in the reference): the rules check what is inside.
        boolean routesAreAnObject = !config.hasPath(ROUTES)
                || config.getValue(ROUTES).valueType() == ConfigValueType.OBJECT;
        Config validated = routesAreAnObject ? config : config.withoutPath(ROUTES);
        for (String path : ENGINE_PATHS) {
            problems.addAll(ConfigValidator.validate(validated, reference, path));
        }
        if (!routesAreAnObject) {
            problems.add(config.getValue(ROUTES).origin().description() + ": " + ROUTES + " must be an object of "
                    + "routes by name, e.g. agent.rules.routes { my-route { when { … }, steps { … } } }; the list "
                    + "form (routes = [ … ]) is gone: see docs/rules.md");
        }
        Set<String> installed = new HashSet<>();
        Set<String> secretPaths = new HashSet<>();
        for (DiscoveredPlugin plugin : discovery.plugins()) {
            String path = "agent.plugins." + plugin.name();
            installed.add(plugin.name());
            for (String key : plugin.plugin().secretKeys()) {
                secretPaths.add(path + "." + key);
            }
            // A plugin's route contributions are read (and checked, naming file and line) by the rules.
            problems.addAll(ConfigValidator.validate(config.withoutPath(path + ".routes"),
                    reference.withoutPath(path + ".routes"), path));
        }
        for (String configured : config.getObject("agent.plugins").keySet()) {
            if (!installed.contains(configured)) {
                LOG.warn("{}: agent.plugins.{} is configured but no plugin of that name is installed",
                        config.getValue("agent.plugins." + configured).origin().description(), configured);
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupException(problems);
        }
        return new Installation(sources, config, reference, discovery, SecretMasker.of(config, secretPaths));
    }
}
