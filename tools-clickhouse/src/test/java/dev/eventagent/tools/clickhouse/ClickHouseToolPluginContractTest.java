package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.AuditSink;
import dev.eventagent.api.Health;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import dev.eventagent.testkit.ToolPluginContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SPI contract for the clickhouse plugin, against the testing server. */
class ClickHouseToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new ClickHouseToolPlugin();
    }

    @Override
    protected Map<String, ?> settings() {
        return ClickHouseTestPlugin.settings(TestingClickHouseServer.shared(), "contract_test");
    }

    /** A port where nothing listens (a machine may run its own ClickHouse on 8123). */
    @Override
    protected Map<String, ?> unreachableSettings() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Map.of("url", "http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of("insert_commit_event", "insert_pr_event", "insert_jira_event", "insert_deployment_event",
                "insert_incident_event", "get_developer_activity_summary", "get_project_dora_metrics",
                "get_team_workload");
    }

    @Test
    void providesTheClickHouseAuditSink() {
        assertThat(instance().auditSinks()).extracting(AuditSink::name).containsExactly("clickhouse");
    }

    @Test
    void reportsTheServerAndHowValuesReachItInItsHealth() {
        TestingClickHouseServer server = TestingClickHouseServer.shared();
        Health health = instance().health();
        assertThat(health.up()).as(health.detail()).isTrue();
        assertThat(health.detail()).contains(server.httpUrl()).contains("ClickHouse " + server.version())
                .contains("database contract_test")
                .contains(ClickHouseDialect.of(server.version(), false).queryParameters()
                        ? "values sent as server-side query parameters" : "values sent as escaped literals");
    }

    @Test
    void masksThePassword() {
        assertThat(plugin().secretKeys()).containsExactly("password");
    }
}
