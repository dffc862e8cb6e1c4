package dev.eventagent.api;

import java.util.List;

/**
 * What a {@link ToolPlugin} created: its tools and the clients behind them. Every method has a
 * default, so the SPI can grow without breaking existing plugins.
 *
 * @since 0.1
 */
public interface PluginInstance extends AutoCloseable {

    /**
     * The tools this plugin contributes. Names must be unique across all installed plugins.
     *
     * @return the tools; empty by default
     */
    default List<Tool> tools() {
        return List.of();
    }

    /**
     * Embedders this plugin provides to the others, looked up by {@link Embedder#name()} through
     * {@link PluginContext#embedder()}.
     *
     * @return the embedders; empty by default
     */
    default List<Embedder> embedders() {
        return List.of();
    }

    /**
     * Audit sinks this plugin provides; the engine selects them by {@link AuditSink#name()} in
     * {@code agent.audit.sinks}.
     *
     * @return the sinks; empty by default
     */
    default List<AuditSink> auditSinks() {
        return List.of();
    }

    /**
     * The event sources this plugin provides (systems whose events the engine then decodes, by
     * their raw webhooks, CloudEvents or the envelope). A source named like a built-in one
     * (github, jira, alertmanager) replaces it.
     *
     * @return the sources; empty by default
     * @since 0.2
     */
    default List<EventSource> eventSources() {
        return List.of();
    }

    /**
     * Probes the plugin's backends, for {@code event-agent check} and readiness. Must return
     * within a few seconds and never throw.
     *
     * @return the health; {@link Health#up(String)} by default
     */
    default Health health() {
        return Health.up("no backend to probe");
    }

    /**
     * Releases clients and connections. The default does nothing. Failures are the plugin's to
     * log or wrap: the engine goes on closing the others.
     */
    @Override
    default void close() {
    }

    /**
     * Wraps a list of tools with no clients to close.
     *
     * @param tools the tools
     * @return an instance holding exactly those tools
     */
    static PluginInstance of(List<Tool> tools) {
        List<Tool> copy = List.copyOf(tools);
        return new PluginInstance() {
            @Override
            public List<Tool> tools() {
                return copy;
            }
        };
    }
}
