package dev.eventagent.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A metrics hook for plugins. Names are dot-separated ({@code neo4j.pool.acquired}); tags are
 * given as alternating key and value strings. The engine exports them with its own.
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
