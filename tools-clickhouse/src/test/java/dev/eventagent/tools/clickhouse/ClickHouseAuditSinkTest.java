package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.AuditRecord;
import dev.eventagent.api.AuditSink;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "clickhouse" audit sink writes AuditRecords through the batched writer. */
class ClickHouseAuditSinkTest {

    private static ClickHouseTestPlugin plugin;
    private static AuditSink sink;

    @BeforeAll
    static void start() {
        plugin = ClickHouseTestPlugin.start("it_audit");
        sink = plugin.instance.auditSinks().get(0);
    }

    @AfterAll
    static void stop() {
        if (plugin != null) {
            plugin.close();
        }
    }

    @Test
    void storesEveryFieldOfARecord() {
        String json = "{\"decision\":\"it's \\\"quoted\\\" 😀\",\"calls\":[{\"tool\":\"insert_commit_event\","
                + "\"args\":{\"password\":\"[redacted]\"}}],\"pad\":\"" + "x".repeat(10_000) + "\"}";
        Instant time = Instant.parse("2026-05-10T11:59:58.123Z");
        sink.write(new AuditRecord("github:abc", "github", "push", "rules", "ok", time, 1_234, json));
        sink.flush();

        JsonNode row = plugin.raw.rows("SELECT event_id, source, type, planner, outcome, toUInt32(time) AS t, time_ms, "
                + "duration_ms, json FROM it_audit.audit_records FINAL WHERE event_id = 'github:abc'").get(0);
        assertThat(row.path("source").asText()).isEqualTo("github");
        assertThat(row.path("type").asText()).isEqualTo("push");
        assertThat(row.path("planner").asText()).isEqualTo("rules");
        assertThat(row.path("outcome").asText()).isEqualTo("ok");
        assertThat(row.path("t").asLong()).isEqualTo(time.getEpochSecond());
        assertThat(row.path("time_ms").asInt()).isEqualTo(123);
        assertThat(row.path("duration_ms").asLong()).isEqualTo(1_234);
        assertThat(row.path("json").asText()).isEqualTo(json);
    }

    @Test
    void theSameRecordTwiceIsOneRow() {
        AuditRecord record = new AuditRecord("jira:7", "jira", "issue_created", "rules", "partial",
                Instant.parse("2026-05-10T10:00:00Z"), 5, "{}");
        sink.write(record);
        sink.flush();
        sink.write(record);
        sink.flush();

        assertThat(plugin.raw.rows("SELECT count() AS n FROM it_audit.audit_records FINAL WHERE event_id = 'jira:7'")
                .get(0).path("n").asLong()).isEqualTo(1);
    }

    @Test
    void concurrentEventsShareTheWriter() throws Exception {
        ExecutorService engine = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "many:" + i;
                done.add(engine.submit(() -> {
                    sink.write(new AuditRecord(id, "github", "push", "rules", "ok", Instant.now(), 1, "{}"));
                    sink.flush();
                }));
            }
            for (Future<?> event : done) {
                event.get();
            }
        } finally {
            engine.shutdownNow();
        }
        assertThat(plugin.raw.rows("SELECT count() AS n FROM it_audit.audit_records FINAL WHERE event_id LIKE 'many:%'")
                .get(0).path("n").asLong()).isEqualTo(200);
    }

    @Test
    void aRecordThatCannotBeStoredFailsTheFlush() throws Exception {
        plugin.raw.run("DROP DATABASE IF EXISTS it_audit_missing");
        plugin.raw.run("CREATE DATABASE it_audit_missing");
        Map<String, Object> settings = new HashMap<>(ClickHouseTestPlugin.settings(plugin.server, "it_audit_missing"));
        settings.put("bootstrap", false);
        ClickHouseToolPlugin clickhouse = new ClickHouseToolPlugin();
        try (PluginInstance instance = clickhouse.create(TestingPluginContext.of(clickhouse, settings))) {
            AuditSink broken = instance.auditSinks().get(0);
            broken.write(new AuditRecord("x", "github", "push", "rules", "ok", Instant.now(), 1, "{}"));
            assertThatThrownBy(broken::flush).isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("1 of 1 audit records were not stored");
        }
    }
}
