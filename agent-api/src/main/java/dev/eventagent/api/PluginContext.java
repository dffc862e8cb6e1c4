package dev.eventagent.api;

import java.time.Clock;
import java.util.Optional;

/**
 * What the engine gives a plugin when it creates it.
 *
 * @since 0.1
 */
public interface PluginContext {

    /**
     * The plugin's own settings: the subtree {@code agent.plugins.<name>}, already validated
     * against the plugin's {@code reference.conf}.
     *
     * @return a read-only view of the subtree
     */
    ConfigView config();

    /**
     * A secret held at a key of the plugin's config (a key that {@link ToolPlugin#secretKeys()}
     * names). Secrets reach config from the environment, e.g. {@code password = ${?NEO4J_PASSWORD}}.
     *
     * @param key the key relative to the plugin's subtree
     * @return the secret, or empty when it is not set
     */
    Optional<String> secret(String key);

    /**
     * Where the plugin reports its own figures.
     *
     * @return the metrics hook, never {@code null}
     */
    Metrics metrics();

    /**
     * The engine's clock; tests may fix it.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * The embedder configured by {@code agent.embedder}. The returned handle resolves lazily, on
     * first use, so a plugin may take it in {@link ToolPlugin#create(PluginContext)} even when the
     * embedder comes from a plugin created later. Using it when no embedder is installed throws
     * {@link ToolException} of category {@link ErrorCategory#PERMANENT}.
     *
     * @return the shared embedder handle
     */
    Embedder embedder();
}
