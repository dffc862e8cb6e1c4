package dev.eventagent.tools.clickhouse;

import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Insert throughput, batched vs one row per call, on one testing server (not a test: run it with
 * {@code ./mvnw -B -pl tools-clickhouse -Pbench verify -DskipTests}). Batched = insert_commit_event
 * calls through the plugin's BatchedWriter (max-rows 500, max-delay 200 ms); one row per call =
 * the same rows, each sent as its own INSERT, as a tool without batching would.
 */
public final class ClickHouseInsertBenchmark {

    private static final AtomicLong KEYS = new AtomicLong();

    private ClickHouseInsertBenchmark() {
    }

    /**
     * Runs the benchmark and prints rows/s.
     *
     * @param args ignored
     * @throws Exception when the server cannot be started or a call fails
     */
    public static void main(String[] args) throws Exception {
        try (TestingClickHouseServer server = TestingClickHouseServer.start();
                ClickHouseGateway gateway = BatchedWriterTest.gatewayTo(server.httpUrl(), "bench")) {
            System.out.println("ClickHouse " + gateway.serverVersion() + " at " + server.httpUrl() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            try (PluginInstance warm = plugin(server, "200ms")) {
                run(500, 64, () -> batchedCall(insertTool(warm))); // also creates the tables
                run(200, 8, () -> oneRowInsert(gateway));
            }
            report("one row per call,    1 caller", 1_500, 1, () -> oneRowInsert(gateway));
            report("one row per call,    8 callers", 2_500, 8, () -> oneRowInsert(gateway));
            report("one row per call,   64 callers", 2_500, 64, () -> oneRowInsert(gateway));
            batched(server, "200ms", 64, 3_000);
            batched(server, "200ms", 512, 25_000);
            batched(server, "50ms", 64, 10_000);
            batched(server, "50ms", 512, 50_000);
        }
    }

    private static void batched(TestingClickHouseServer server, String maxDelay, int callers, int rows) throws Exception {
        try (PluginInstance instance = plugin(server, maxDelay)) {
            Tool insert = insertTool(instance);
            report(String.format(Locale.ROOT, "batched 500/%-5s %4d callers", maxDelay, callers), rows, callers,
                    () -> batchedCall(insert));
        }
    }

    private static PluginInstance plugin(TestingClickHouseServer server, String maxDelay) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", server.httpUrl());
        settings.put("database", "bench");
        settings.put("batch.max-rows", 500);
        settings.put("batch.max-delay", maxDelay);
        ClickHouseToolPlugin plugin = new ClickHouseToolPlugin();
        return plugin.create(TestingPluginContext.of(plugin, settings));
    }

    private static Tool insertTool(PluginInstance instance) {
        return instance.tools().stream().filter(t -> t.descriptor().name().equals(InsertCommitEventTool.NAME))
                .findFirst().orElseThrow();
    }

    private static void report(String label, int rows, int callers, Runnable call) throws Exception {
        long nanos = run(rows, callers, call);
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%-32s %6d rows in %6.2f s = %9.0f rows/s%n", label, rows, seconds, rows / seconds);
    }

    private static long run(int rows, int callers, Runnable call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                done.add(pool.submit(call));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return System.nanoTime() - started;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void oneRowInsert(ClickHouseGateway gateway) {
        long n = KEYS.incrementAndGet();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", "bench-" + n);
        row.put("row_id", "bench-" + n + "/r/s/c");
        row.put("project_id", "bench");
        row.put("developer_email", "dev" + (n % 50) + "@company.com");
        row.put("sha", Long.toHexString(0xabc0000L + n));
        row.put("message", "benchmark commit " + n);
        row.put("files_changed", 3);
        row.put("lines_added", 10);
        row.put("lines_deleted", 2);
        String now = ClickHouseTime.dateTime(Instant.now());
        row.put("committed_at", now);
        row.put("recorded_at", now);
        row.put("version", System.currentTimeMillis());
        gateway.insert("commit_events", JsonEachRow.encode(List.of(row)));
    }

    private static void batchedCall(Tool insert) {
        long n = KEYS.incrementAndGet();
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("sha", Long.toHexString(0xabc0000L + n));
        commit.put("message", "benchmark commit " + n);
        commit.put("files_changed", 3);
        commit.put("lines_added", 10);
        commit.put("lines_deleted", 2);
        commit.put("timestamp", Instant.now().toString());
        Map<String, Object> arguments = Map.of("project_id", "bench", "developer_email", "dev" + (n % 50) + "@company.com",
                "commit_data", commit);
        insert.invoke(new ToolCall(InsertCommitEventTool.NAME, arguments, "bench-" + n, "bench-" + n + "/r/s/c",
                Clock.systemUTC().instant().plusSeconds(120)));
    }
}
