package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Health;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up, credentials, bootstrap and an unreachable server: each failure in its category, with a useful message. */
class PluginFailuresTest {

    private final TestingClickHouseServer server = TestingClickHouseServer.shared();
    private final RawClickHouse raw = new RawClickHouse(server.httpUrl());

    @Test
    void aWrongPasswordIsPermanentAndSaysWhatToCheck() throws Exception {
        Map<String, Object> settings = settings("it_auth");
        settings.put("username", server.passwordUser());
        settings.put("password", "wrong");

        // 18.16 answers Code 193 (WRONG_PASSWORD), current servers Code 516 (AUTHENTICATION_FAILED)
        String refused = "Code: (193|516)\\b";
        try (PluginInstance instance = create(settings)) {
            assertThat(instance.health().up()).isFalse();
            assertThat(instance.health().detail()).containsPattern(refused).contains(server.passwordUser());
            assertThatThrownBy(() -> invoke(instance, "get_project_dora_metrics", Map.of("project_id", "p")))
                    .isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("CLICKHOUSE_PASSWORD").hasMessageContaining("agent.plugins.clickhouse.username")
                    .satisfies(e -> assertThat(e.getMessage()).containsPattern(refused));
            assertThatThrownBy(() -> invoke(instance, "insert_commit_event",
                    EventWriteToolsTest.commit("p", "a@b.co", "abcd", "m"))).isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("CLICKHOUSE_PASSWORD");
        }
    }

    @Test
    void theRightPasswordIsUsed() throws Exception {
        Map<String, Object> settings = settings("it_auth_ok");
        settings.put("username", server.passwordUser());
        settings.put("password", server.password());

        try (PluginInstance instance = create(settings)) {
            assertThat(instance.health().up()).isTrue();
            assertThat(invoke(instance, "get_project_dora_metrics", Map.of("project_id", "p"))).containsKey("counts");
        }
    }

    @Test
    void bootstrapCreatesTheDatabaseAndTablesAndIsSafeToRepeat() throws Exception {
        raw.run("DROP DATABASE IF EXISTS it_bootstrap");
        try (PluginInstance first = create(settings("it_bootstrap"));
                PluginInstance second = create(settings("it_bootstrap"))) {
            invoke(first, "get_project_dora_metrics", Map.of("project_id", "p"));
            invoke(second, "get_project_dora_metrics", Map.of("project_id", "p"));
            assertThat(raw.rows("SELECT name FROM system.tables WHERE database = 'it_bootstrap' ORDER BY name"))
                    .extracting(r -> r.path("name").asText())
                    .containsExactly("audit_records", "commit_events", "deployment_events", "incident_events",
                            "jira_events", "pr_events");
            assertThat(raw.rows("SELECT engine FROM system.tables WHERE database = 'it_bootstrap'"))
                    .extracting(r -> r.path("engine").asText()).containsOnly("ReplacingMergeTree");
        }
    }

    @Test
    void withoutBootstrapMissingTablesArePermanentAndSayHowToCreateThem() throws Exception {
        raw.run("DROP DATABASE IF EXISTS it_no_bootstrap");
        raw.run("CREATE DATABASE it_no_bootstrap");
        Map<String, Object> settings = settings("it_no_bootstrap");
        settings.put("bootstrap", false);

        try (PluginInstance instance = create(settings)) {
            assertThat(raw.rows("SELECT name FROM system.tables WHERE database = 'it_no_bootstrap'")).isEmpty();
            assertThatThrownBy(() -> invoke(instance, "get_project_dora_metrics", Map.of("project_id", "p")))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("bootstrap");
            assertThatThrownBy(() -> invoke(instance, "insert_incident_event", Map.of("project_id", "p", "incident_data",
                    Map.of("incident_id", "i", "status", "firing", "severity", "low", "started_at", "2026-05-10T10:00:00Z"))))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("bootstrap");
        }
    }

    @Test
    void anUnreachableServerIsTransientAndUnhealthyAndTheSchemaComesWhenItIsBack() throws Exception {
        int closedPort = closedPort();
        Map<String, Object> settings = settings("it_unreachable");
        settings.put("url", "http://127.0.0.1:" + closedPort);

        try (PluginInstance instance = create(settings)) {
            Health health = instance.health();
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).contains("127.0.0.1:" + closedPort);
            assertThatThrownBy(() -> invoke(instance, "get_team_workload", Map.of("developer_emails", List.of("a@b.co"))))
                    .isInstanceOf(TransientToolException.class);
            assertThatThrownBy(() -> invoke(instance, "insert_commit_event",
                    EventWriteToolsTest.commit("p", "a@b.co", "abcd", "m"))).isInstanceOf(TransientToolException.class)
                    .hasMessageContaining("create database it_unreachable").hasMessageContaining("Connection refused");
        }
    }

    @Test
    void theSchemaIsCreatedOnFirstUseNotAtStartUp() throws Exception {
        raw.run("DROP DATABASE IF EXISTS it_lazy");
        try (PluginInstance instance = create(settings("it_lazy"))) {
            assertThat(raw.rows("SELECT name FROM system.databases WHERE name = 'it_lazy'")).isEmpty();
            assertThat(instance.health().detail()).contains("created on first use");

            invoke(instance, "get_project_dora_metrics", Map.of("project_id", "p"));
            assertThat(raw.rows("SELECT name FROM system.tables WHERE database = 'it_lazy'")).hasSize(6);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void badSettingsAreRefusedWithTheirKey() {
        Map<String, Object> notHttp = settings("it_config");
        notHttp.put("url", "localhost:9000");
        assertThatThrownBy(() -> create(notHttp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent.plugins.clickhouse.url");
        Map<String, Object> badTable = settings("it_config");
        badTable.put("tables.commits", "commits; DROP TABLE x");
        assertThatThrownBy(() -> create(badTable)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent.plugins.clickhouse.tables.commits");
        Map<String, Object> noRows = settings("it_config");
        noRows.put("batch.max-rows", 0);
        assertThatThrownBy(() -> create(noRows)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent.plugins.clickhouse.batch.max-rows");
    }

    private Map<String, Object> settings(String database) {
        return new HashMap<>(ClickHouseTestPlugin.settings(server, database));
    }

    private static PluginInstance create(Map<String, Object> settings) {
        ClickHouseToolPlugin plugin = new ClickHouseToolPlugin();
        return plugin.create(TestingPluginContext.of(plugin, settings));
    }

    private static Map<String, Object> invoke(PluginInstance instance, String tool, Map<String, Object> arguments) {
        return instance.tools().stream().filter(t -> t.descriptor().name().equals(tool)).findFirst().orElseThrow()
                .invoke(new ToolCall(tool, arguments, "e", "e/k", Instant.now().plusSeconds(30))).value();
    }
}
