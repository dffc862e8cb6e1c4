package dev.eventagent.api;

import java.util.Set;

/**
 * The entry point of a tools module, found with {@link java.util.ServiceLoader}.
 *
 * <p>One implementation per module, listed in
 * {@code META-INF/services/dev.eventagent.api.ToolPlugin}. It must have a public no-argument
 * constructor and do nothing expensive before {@link #create(PluginContext)} is called: the engine
 * instantiates every plugin it finds, including disabled ones, to learn their names.
 *
 * @since 0.1
 */
public interface ToolPlugin {

    /**
     * The plugin's name: lower case, {@code [a-z0-9-]+}. It is also the config path of the
     * plugin's own settings, {@code agent.plugins.<name>}.
     *
     * @return the plugin name, never {@code null}
     */
    String name();

    /**
     * Config keys (relative to {@code agent.plugins.<name>}) that hold secrets. Their values are
     * masked wherever config is printed or logged, and redacted from the audit trail.
     *
     * @return relative keys such as {@code "password"} or {@code "api-key"}; empty by default
     */
    default Set<String> secretKeys() {
        return Set.of();
    }

    /**
     * Creates the plugin's long-lived clients and tools. Called once at start-up when the plugin
     * is enabled; the returned instance is closed on shutdown.
     *
     * <p>It must succeed while the plugin's backend is unreachable: connect lazily, run schema
     * bootstrap on first use, report the outage through {@link PluginInstance#health()}, and let
     * calls fail with {@link TransientToolException} until the backend is back — the runtime then
     * keeps the events instead of losing them. Throw only for what the user must fix (invalid
     * settings, a missing required secret).
     *
     * @param context the plugin's config, secrets and shared services
     * @return the created instance, never {@code null}
     * @throws Exception when the plugin cannot start; the engine names the plugin and the reason
     *     and goes on with the others
     */
    PluginInstance create(PluginContext context) throws Exception;
}
