package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Metrics;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The pool's measurements reach the plugin's Metrics hook, as the engine would export them. */
class PoolMetricsTest {

    /** A Metrics hook that keeps what it is given. */
    static final class RecordingMetrics implements Metrics {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final Map<String, List<Duration>> durations = new ConcurrentHashMap<>();
        final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

        @Override
        public void increment(String name, String... tags) {
            counts.merge(name, 1, Integer::sum);
        }

        @Override
        public void record(String name, Duration duration, String... tags) {
            durations.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(duration);
        }

        @Override
        public void gauge(String name, Supplier<Number> value, String... tags) {
            gauges.put(name, value);
        }
    }

    @Test
    void connectionsInUseWaitsAndTimeoutsAreMeasured() throws Exception {
        TestingPostgresServer server = TestingPostgresServer.shared();
        PostgresSettings settings = new PostgresSettings(server.jdbcUrl(server.createDatabase("pool")),
                TestingPostgresServer.USER, "", 1, Duration.ofMillis(300), false, PostgresSettings.VectorMode.FALLBACK,
                PostgresSettings.VectorIndexKind.HNSW);
        RecordingMetrics metrics = new RecordingMetrics();
        try (PostgresDatabase database = PostgresDatabase.open(settings, Clock.systemUTC(), metrics)) {
            assertThat(metrics.gauges).containsKeys("pool.connections.active", "pool.connections.idle",
                    "pool.connections.pending", "pool.connections.max");
            try (Connection held = database.pool().getConnection()) {
                assertThat(held.isValid(2)).isTrue();
                assertThatThrownBy(() -> database.pool().getConnection().close())
                        .isInstanceOf(SQLTransientConnectionException.class);
            }
            assertThat(metrics.gauges.get("pool.connections.max").get().intValue()).isEqualTo(1);
            assertThat(metrics.durations.get("pool.connections.acquire")).isNotEmpty();
            assertThat(metrics.durations.get("pool.connections.usage")).hasSize(1);
            assertThat(metrics.counts).containsEntry("pool.connections.timeout", 1);
        }
    }
}
