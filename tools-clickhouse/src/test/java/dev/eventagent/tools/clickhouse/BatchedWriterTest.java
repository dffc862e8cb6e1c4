package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Metrics;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batched writer against a real server: flush by size, by time, on demand, and failing batches. */
class BatchedWriterTest {

    private static final String DATABASE = "it_batches";
    private static TestingClickHouseServer server;
    private static RawClickHouse raw;

    @BeforeAll
    static void createTables() {
        server = TestingClickHouseServer.shared();
        raw = new RawClickHouse(server.httpUrl());
        raw.run("DROP DATABASE IF EXISTS " + DATABASE);
        raw.run("CREATE DATABASE " + DATABASE);
        raw.run("CREATE TABLE " + DATABASE + ".rows (id String, n UInt8) ENGINE = MergeTree ORDER BY id");
        raw.run("CREATE TABLE " + DATABASE + ".other (id String, n UInt8) ENGINE = MergeTree ORDER BY id");
    }

    @Test
    void flushesABufferThatIsFull() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        try (ClickHouseGateway gateway = gateway(server.httpUrl());
                BatchedWriter writer = new BatchedWriter(gateway, 3, Duration.ofMinutes(5), metrics, Clock.systemUTC())) {
            CompletableFuture<Void> first = writer.submit("rows", List.of(row("full-1", 1)));
            CompletableFuture<Void> second = writer.submit("rows", List.of(row("full-2", 2)));
            Thread.sleep(300);
            assertThat(first).as("two rows of three wait").isNotDone();

            CompletableFuture<Void> third = writer.submit("rows", List.of(row("full-3", 3)));
            CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);

            assertThat(count("id LIKE 'full-%'")).isEqualTo(3);
            assertThat(metrics.count("batch.flushes")).isEqualTo(1);
        }
    }

    @Test
    void flushesABufferWhoseOldestRowHasWaitedMaxDelay() {
        try (ClickHouseGateway gateway = gateway(server.httpUrl());
                BatchedWriter writer = new BatchedWriter(gateway, 500, Duration.ofMillis(200), Metrics.noop(),
                        Clock.systemUTC())) {
            long started = System.nanoTime();
            writer.write("rows", List.of(row("timed-1", 1)), Instant.now().plusSeconds(30));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(tookMillis).isBetween(150L, 5_000L);
            assertThat(count("id = 'timed-1'")).as("stored when write returns").isEqualTo(1);
        }
    }

    @Test
    void flushStoresEverythingQueuedAndCloseStoresTheRest() throws Exception {
        try (ClickHouseGateway gateway = gateway(server.httpUrl())) {
            BatchedWriter writer = new BatchedWriter(gateway, 500, Duration.ofMinutes(5), Metrics.noop(), Clock.systemUTC());
            CompletableFuture<Void> flushed = writer.submit("rows", List.of(row("flush-1", 1), row("flush-2", 2)));
            writer.flush();
            assertThat(flushed).isCompleted();
            assertThat(count("id LIKE 'flush-%'")).isEqualTo(2);

            CompletableFuture<Void> atClose = writer.submit("rows", List.of(row("close-1", 1)));
            writer.close();
            assertThat(atClose).isCompleted();
            assertThat(count("id = 'close-1'")).isEqualTo(1);
            assertThat(writer.submit("rows", List.of(row("late", 1)))).isCompletedExceptionally();
        }
    }

    @Test
    void flushingOneTableLeavesTheOthersBuffered() throws Exception {
        try (ClickHouseGateway gateway = gateway(server.httpUrl());
                BatchedWriter writer = new BatchedWriter(gateway, 500, Duration.ofMinutes(5), Metrics.noop(), Clock.systemUTC())) {
            CompletableFuture<Void> mine = writer.submit("rows", List.of(row("one-table-1", 1)));
            CompletableFuture<Void> theirs = writer.submit("other", List.of(row("one-table-2", 2)));
            writer.flush("rows");

            assertThat(mine).isCompleted();
            assertThat(theirs).isNotDone();
            writer.flush();
            assertThat(theirs).isCompleted();
        }
    }

    @Test
    void aFailedInsertFailsEveryCallOfItsBatchAsTransient() {
        try (ClickHouseGateway gateway = gateway(server.httpUrl());
                BatchedWriter writer = new BatchedWriter(gateway, 3, Duration.ofMinutes(5), Metrics.noop(), Clock.systemUTC())) {
            List<CompletableFuture<Void>> calls = List.of(
                    writer.submit("rows", List.of(row("bad-1", 1))),
                    writer.submit("rows", List.of(Map.of("id", "bad-2", "n", "not a number"))),
                    writer.submit("rows", List.of(row("bad-3", 3))));

            for (CompletableFuture<Void> call : calls) {
                assertThatThrownBy(call::join).hasCauseInstanceOf(TransientToolException.class)
                        .hasMessageContaining("a batch of 3 rows (3 calls) for rows was not stored");
            }
            assertThat(count("id LIKE 'bad-%'")).isZero();
        }
    }

    @Test
    void aMissingTableFailsAsPermanent() {
        try (ClickHouseGateway gateway = gateway(server.httpUrl());
                BatchedWriter writer = new BatchedWriter(gateway, 1, Duration.ofMillis(10), Metrics.noop(), Clock.systemUTC())) {
            assertThatThrownBy(() -> writer.write("no_such_table", List.of(row("x", 1)), Instant.now().plusSeconds(30)))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("bootstrap");
        }
    }

    @Test
    void anUnreachableServerFailsAsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ClickHouseGateway gateway = gateway("http://127.0.0.1:" + closedPort);
                BatchedWriter writer = new BatchedWriter(gateway, 1, Duration.ofMillis(10), Metrics.noop(), Clock.systemUTC())) {
            assertThatThrownBy(() -> writer.write("rows", List.of(row("x", 1)), Instant.now().plusSeconds(30)))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void aCallWhoseDeadlinePassesFailsAsTransient() {
        try (ClickHouseGateway gateway = gateway(server.httpUrl());
                BatchedWriter writer = new BatchedWriter(gateway, 500, Duration.ofMinutes(5), Metrics.noop(), Clock.systemUTC())) {
            assertThatThrownBy(() -> writer.write("rows", List.of(row("deadline-1", 1)), Instant.now().plusMillis(100)))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("deadline");
        }
    }

    @Test
    void manyConcurrentCallersShareFewInserts() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (ClickHouseGateway gateway = gateway(server.httpUrl());
                BatchedWriter writer = new BatchedWriter(gateway, 100, Duration.ofMillis(50), metrics, Clock.systemUTC())) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                String id = "many-" + i;
                done.add(callers.submit(() -> writer.write("rows", List.of(row(id, 1)), Instant.now().plusSeconds(60))));
            }
            for (Future<?> call : done) {
                call.get(60, TimeUnit.SECONDS);
            }
            assertThat(count("id LIKE 'many-%'")).isEqualTo(800);
            assertThat(metrics.count("batch.flushes")).isBetween(8, 400);
        } finally {
            callers.shutdownNow();
        }
    }

    static ClickHouseGateway gateway(String url) {
        return gatewayTo(url, DATABASE);
    }

    /** A gateway to a database of a server, with default settings and bootstrap off. */
    static ClickHouseGateway gatewayTo(String url, String database) {
        return ClickHouseGateway.open(new ClickHouseSettings(url, "default", "", database, false,
                Duration.ofSeconds(2), Duration.ofSeconds(10), 4, 500, Duration.ofMillis(200), false,
                Set.of("production"), Set.of("done"),
                new ClickHouseTables("c", "p", "j", "d", "i", "a")));
    }

    private static Map<String, Object> row(String id, int n) {
        return Map.of("id", id, "n", n);
    }

    private static long count(String where) {
        return raw.rows("SELECT count() AS n FROM " + DATABASE + ".rows WHERE " + where).get(0).path("n").asLong();
    }

    /** Counts increments by metric name. */
    static final class CountingMetrics implements Metrics {
        private final Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();

        int count(String name) {
            return counts.getOrDefault(name, new AtomicInteger()).get();
        }

        @Override
        public void increment(String name, String... tags) {
            counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void record(String name, Duration duration, String... tags) {
        }

        @Override
        public void gauge(String name, Supplier<Number> value, String... tags) {
        }
    }
}
