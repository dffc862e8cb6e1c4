package dev.eventagent.engine.plugin;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import dev.eventagent.api.ToolPlugin;

/**
 * A plugin found on the classpath or in a plugin folder, not yet created.
 *
 * @param plugin the entry point
 * @param location {@code classpath} or the folder it came from
 * @param classLoader the loader its classes come from
 * @param reference the plugin folder's own {@code reference.conf} (empty for classpath plugins,
 *     whose references are merged with the engine's)
 */
public record DiscoveredPlugin(ToolPlugin plugin, String location, ClassLoader classLoader,
        Config reference) {

    /** Validates the fields. */
    public DiscoveredPlugin {
        requireNonNull(plugin, "plugin is null");
        requireNonNull(location, "location is null");
        requireNonNull(classLoader, "classLoader is null");
        requireNonNull(reference, "reference is null");
    }

    /**
     * The plugin's name.
     *
     * @return the name
     */
    public String name() {
        return plugin.name();
    }
}
