package dev.eventagent.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Plugin metrics as Prometheus shows them: one scheme, the plugin as a tag. */
class MicrometerMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void thePluginIsATagAndNotPartOfTheName() {
        new MicrometerMetrics(registry, "clickhouse").increment("batch.flushes", "table", "events", "outcome", "stored");
        new MicrometerMetrics(registry, "clickhouse").record("batch.flush.duration", Duration.ofMillis(12),
                "table", "events");
        new MicrometerMetrics(registry, "postgres").gauge("pool.connections.active", () -> 3);

        assertThat(registry.scrape())
                .contains("agent_plugin_batch_flushes_total{outcome=\"stored\",plugin=\"clickhouse\",table=\"events\"} 1.0")
                .contains("agent_plugin_batch_flush_duration_seconds_count{plugin=\"clickhouse\",table=\"events\"} 1")
                .contains("agent_plugin_pool_connections_active{plugin=\"postgres\"} 3.0")
                .doesNotContain("agent_plugin_clickhouse_");
    }

    @Test
    void aPluginCannotPassItselfOffAsAnother() {
        new MicrometerMetrics(registry, "jira").increment("api.requests", "plugin", "neo4j", "method", "GET");

        assertThat(registry.scrape()).contains("agent_plugin_api_requests_total{method=\"GET\",plugin=\"jira\"} 1.0")
                .doesNotContain("plugin=\"neo4j\"");
    }

    @Test
    void twoPluginsCountingUnderOneNameStayApart() {
        new MicrometerMetrics(registry, "a").increment("api.requests", "method", "GET");
        new MicrometerMetrics(registry, "b").increment("api.requests", "method", "GET");
        new MicrometerMetrics(registry, "b").increment("api.requests", "method", "GET");

        assertThat(registry.scrape()).contains("agent_plugin_api_requests_total{method=\"GET\",plugin=\"a\"} 1.0")
                .contains("agent_plugin_api_requests_total{method=\"GET\",plugin=\"b\"} 2.0");
    }
}
