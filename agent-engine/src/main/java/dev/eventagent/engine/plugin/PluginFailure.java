package dev.eventagent.engine.plugin;

/**
 * A plugin that could not be loaded or started; the others go on without it.
 *
 * @param plugin the plugin's name, or its folder when the name is not known
 * @param location {@code classpath} or the folder
 * @param reason what went wrong and what to do
 */
public record PluginFailure(String plugin, String location, String reason) {

    /**
     * One line for logs and the CLI.
     *
     * @return the line
     */
    public String describe() {
        return "Plugin '" + plugin + "' (" + location + ") failed to load: " + reason;
    }
}
