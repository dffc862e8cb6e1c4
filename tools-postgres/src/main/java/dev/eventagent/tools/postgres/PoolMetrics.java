package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.eventagent.api.Metrics;
import java.time.Duration;

/**
 * HikariCP's measurements of the plugin's pool, through the plugin's {@link Metrics} hook (the
 * plugin knows no metrics library): the engine exports them as
 * {@code agent_plugin_pool_connections_*{plugin="postgres"}}, under the names HikariCP's own
 * binder uses for {@code hikaricp_connections_*}.
 *
 * <ul>
 *   <li>gauges {@code pool.connections.active}, {@code .idle}, {@code .pending} (callers waiting
 *       for a connection), {@code .max} ({@code pool-size});</li>
 *   <li>timers {@code pool.connections.acquire} (the wait for a connection),
 *       {@code pool.connections.usage} (how long a call held it), {@code pool.connections.creation};</li>
 *   <li>counter {@code pool.connections.timeout}: calls that got no connection within
 *       {@code connection-timeout} (they failed as transient).</li>
 * </ul>
 */
final class PoolMetrics implements MetricsTrackerFactory {

    private final Metrics metrics;

    /**
     * Creates the factory.
     *
     * @param metrics the plugin's hook
     */
    PoolMetrics(Metrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats stats) {
        metrics.gauge("pool.connections.active", stats::getActiveConnections);
        metrics.gauge("pool.connections.idle", stats::getIdleConnections);
        metrics.gauge("pool.connections.pending", stats::getPendingThreads);
        metrics.gauge("pool.connections.max", stats::getMaxConnections);
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long nanos) {
                metrics.record("pool.connections.acquire", Duration.ofNanos(nanos));
            }

            @Override
            public void recordConnectionUsageMillis(long millis) {
                metrics.record("pool.connections.usage", Duration.ofMillis(millis));
            }

            @Override
            public void recordConnectionCreatedMillis(long millis) {
                metrics.record("pool.connections.creation", Duration.ofMillis(millis));
            }

            @Override
            public void recordConnectionTimeout() {
                metrics.increment("pool.connections.timeout");
            }
        };
    }
}
