package dev.eventagent.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A metrics hook for plugins. Names are dot-separated lower-case words and leave the plugin's
 * own name out ({@code batch.flushes}, not {@code clickhouse.batch.flushes}): the engine exports
 * them under {@code agent.plugin.} with the tag {@code plugin=<the plugin's name>}, e.g.
 * {@code agent_plugin_batch_flushes_total{plugin="clickhouse"}} in Prometheus. Tags are given as
 * alternating key and value strings; give every use of one name the same tag keys, and never a
 * secret as a value.
 *
 * @since 0.1
 */
public interface Metrics {

    /**
     * Adds one to a counter.
     *
     * @param name the metric name
     * @param tags alternating tag keys and values
     */
    void increment(String name, String... tags);

    /**
     * Records a duration.
     *
     * @param name the metric name
     * @param duration the duration
     * @param tags alternating tag keys and values
     */
    void record(String name, Duration duration, String... tags);

    /**
     * Registers a gauge sampled when metrics are read.
     *
     * @param name the metric name
     * @param value the sampled value
     * @param tags alternating tag keys and values
     */
    void gauge(String name, Supplier<Number> value, String... tags);

    /**
     * A hook that discards everything, for tests.
     *
     * @return a no-op hook
     */
    static Metrics noop() {
        return new Metrics() {
            @Override
            public void increment(String name, String... tags) {
            }

            @Override
            public void record(String name, Duration duration, String... tags) {
            }

            @Override
            public void gauge(String name, Supplier<Number> value, String... tags) {
            }
        };
    }
}
