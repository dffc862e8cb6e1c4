package dev.eventagent.engine.runtime;

import static dev.eventagent.engine.runtime.RuntimeFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.admin.AdminServer;
import dev.eventagent.testing.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime in this JVM against a real single-node broker. */
class KafkaRuntimeTest {

    @TempDir
    static Path brokerDir;

    @TempDir
    Path temp;

    private static EmbeddedKafkaBroker broker;
    private static int topics;

    private String topic;
    private String group;
    private Engine engine;
    private KafkaRuntime runtime;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void fresh() {
        CountingPlugin.reset();
        topics++;
        topic = "events-" + topics;
        group = "group-" + topics;
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private KafkaRuntime start(String extra) {
        String settings = RuntimeFixture.ROUTES
                + "agent.ledger.file = \"" + temp.resolve("ledger") + "\"\n"
                + "agent.audit.sinks = []\n"
                + "agent.kafka.dead-letter-topic = \"" + topic + ".dlq\"\n"
                + "agent.kafka.commit-interval = 200ms\n"
                + extra;
        Installation loaded = Installation.of(ConfigFactory.parseString(settings), List.of(new CountingPlugin()));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        engine = Engine.start(loaded, new Engine.Options(false, Clock.systemUTC(), meters));
        runtime = KafkaRuntime.start(engine, RuntimeSettings.of(loaded.config()).with(broker.bootstrapServers(), topic,
                group), meters, Clock.systemUTC());
        return runtime;
    }

    @Test
    void tenThousandEventsOnSixPartitionsAreEachDoneOnceInKeyOrder() throws Exception {
        broker.createTopic(topic, 6);
        broker.createTopic(topic + ".dlq", 1);
        RuntimeFixture.producePushes(broker.bootstrapServers(), topic, 0, 10_000, 100);
        start("");

        await("10,000 offsets are committed", Duration.ofMinutes(3),
                () -> committed() == 10_000);

        assertThat(broker.endOffsetSum(topic)).isEqualTo(10_000);
        assertThat(CountingPlugin.CALLS.get("write_effect")).hasSize(10_000).allSatisfy((key, calls) ->
                assertThat(calls).as(key).isEqualTo(1));
        assertThat(CountingPlugin.CALLS.get("post_effect")).hasSize(10_000).allSatisfy((key, calls) ->
                assertThat(calls).as(key).isEqualTo(1));
        assertThat(CountingPlugin.ORDER).hasSize(100).allSatisfy((key, seqs) -> {
            assertThat(seqs).hasSize(100);
            assertThat(seqs.stream().mapToInt(Integer::parseInt).toArray()).isSorted();
        });
        assertThat(broker.endOffsetSum(topic + ".dlq")).isZero();
    }

    @Test
    void aBackendOutageThroughManyEventRetriesDeadLettersNothing() throws Exception {
        broker.createTopic(topic, 3);
        broker.createTopic(topic + ".dlq", 1);
        start("""
                agent.runtime.retry { initial-backoff = 200ms, max-backoff = 2s, max-attempts = 40 }
                agent.tools.defaults.retry.max-attempts = 2
                agent.tools.defaults.retry.initial-backoff = 10ms
                agent.tools.defaults.circuit-breaker { minimum-calls = 5, sliding-window-size = 10, wait-in-open = 1s }
                """);
        RuntimeFixture.producePushes(broker.bootstrapServers(), topic, 0, 100, 10);
        await("the first 100 are done", Duration.ofMinutes(1), () -> committed() == 100);

        CountingPlugin.down = true;
        RuntimeFixture.producePushes(broker.bootstrapServers(), topic, 100, 200, 10);
        // The outage lasts until every key's parked event has been tried again six times on average
        // (the backoff grows to its 2 s cap meanwhile): waited for, not slept.
        await("the parked events are retried through the outage", Duration.ofMinutes(2),
                () -> engine.meters().find("agent.events.retried").counters().stream()
                        .mapToDouble(counter -> counter.count()).sum() >= 60);
        long duringOutage = committed();
        CountingPlugin.down = false;

        await("all 300 are done after the outage", Duration.ofMinutes(2), () -> committed() == 300);
        assertThat(duringOutage).isEqualTo(100);
        assertThat(broker.endOffsetSum(topic + ".dlq")).isZero();
        assertThat(CountingPlugin.CALLS.get("post_effect")).hasSize(300).allSatisfy((key, calls) ->
                assertThat(calls).isEqualTo(1));
        assertThat(CountingPlugin.ORDER).allSatisfy((key, seqs) ->
                assertThat(seqs.stream().mapToInt(Integer::parseInt).distinct().toArray()).isSorted());
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndTheStreamGoesOn() throws Exception {
        broker.createTopic(topic, 1);
        broker.createTopic(topic + ".dlq", 1);
        allowLargeRecords(topic);
        List<byte[]> poison = new ArrayList<>();
        poison.add("not json at all".getBytes(StandardCharsets.UTF_8));
        poison.add("{\"source\":\"github\",\"event_type\":\"push\",\"commits\":\"nope\"}".getBytes(StandardCharsets.UTF_8));
        poison.add(("{\"source\":\"github\",\"event_type\":\"push\",\"blob\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        poison.add("{\"source\":\"github\",\"event_type\":\"star\"}".getBytes(StandardCharsets.UTF_8));
        poison.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        try (KafkaProducer<byte[], byte[]> producer = RuntimeFixture.producer(broker.bootstrapServers())) {
            for (byte[] value : poison) {
                producer.send(new ProducerRecord<>(topic, null, value)).get();
            }
            producer.send(new ProducerRecord<>(topic, "repo-1".getBytes(StandardCharsets.UTF_8),
                    RuntimeFixture.push(1, 42).getBytes(StandardCharsets.UTF_8))).get();
        }
        start("");

        await("all six are done", Duration.ofMinutes(1), () -> committed() == 6);
        assertThat(CountingPlugin.CALLS.get("post_effect")).hasSize(1);
        List<ConsumerRecord<byte[], byte[]>> dead = RuntimeFixture.readAll(broker.bootstrapServers(), topic + ".dlq", 5,
                Duration.ofSeconds(30));
        assertThat(dead).hasSize(5);
        assertThat(dead).extracting(r -> RuntimeFixture.header(r, "event-agent.dlq.error.class"))
                .containsExactly("MALFORMED_JSON", "WRONG_SHAPE", "TOO_LARGE", "UNKNOWN_TYPE", "INVALID_ENCODING");
        for (int i = 0; i < dead.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = dead.get(i);
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.topic")).isEqualTo(topic);
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.partition")).isEqualTo("0");
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.offset")).isEqualTo(String.valueOf(i));
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.stage")).isEqualTo("decode");
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.attempts")).isEqualTo("1");
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.timestamp")).isNotBlank();
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.error.message")).isNotBlank();
        }
        assertThat(dead.get(0).value()).isEqualTo(poison.get(0));
        assertThat(dead.get(4).value()).isEqualTo(poison.get(4));
        ConsumerRecord<byte[], byte[]> large = dead.get(2);
        assertThat(large.value().length == poison.get(2).length
                || "true".equals(RuntimeFixture.header(large, "event-agent.dlq.value-truncated"))).isTrue();
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtTheExecuteStageAndTheKeyGoesOn() throws Exception {
        broker.createTopic(topic, 1);
        broker.createTopic(topic + ".dlq", 1);
        CountingPlugin.failPermanentlyOnSeq = "1";
        RuntimeFixture.producePushes(broker.bootstrapServers(), topic, 0, 3, 1);
        start("");

        await("three are done", Duration.ofMinutes(1), () -> committed() == 3);
        List<ConsumerRecord<byte[], byte[]>> dead = RuntimeFixture.readAll(broker.bootstrapServers(), topic + ".dlq", 1,
                Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.stage")).isEqualTo("execute");
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.error.class")).isEqualTo("PERMANENT");
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.error.message")).contains("post_effect");
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.offset")).isEqualTo("1");
        });
        assertThat(CountingPlugin.ORDER.get("repo-0")).containsExactly("0", "1", "2");
    }

    @Test
    void anEventStillFailingAfterMaxAttemptsIsDeadLetteredAsRetriesExhausted() throws Exception {
        broker.createTopic(topic, 1);
        broker.createTopic(topic + ".dlq", 1);
        CountingPlugin.down = true;
        RuntimeFixture.producePushes(broker.bootstrapServers(), topic, 0, 1, 1);
        start("""
                agent.runtime.retry { initial-backoff = 10ms, max-backoff = 40ms, max-attempts = 3 }
                agent.tools.defaults.retry.max-attempts = 1
                """);

        await("the event is done", Duration.ofMinutes(1), () -> committed() == 1);
        List<ConsumerRecord<byte[], byte[]>> dead = RuntimeFixture.readAll(broker.bootstrapServers(), topic + ".dlq", 1,
                Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.error.class")).isEqualTo("RETRIES_EXHAUSTED");
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.attempts")).isEqualTo("3");
            assertThat(RuntimeFixture.header(record, "event-agent.dlq.error.message"))
                    .contains("still failing after 3 attempts (agent.runtime.retry.max-attempts)")
                    .contains("the counting backend is down");
        });
        assertThat(engine.resilience().retries().retry(EventHandler.EVENT_RETRY).getMetrics()
                .getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
        assertThat(engine.meters().counter("agent.events.retried", "class", "github.push").count()).isEqualTo(2.0);
    }

    @Test
    void aShutdownEndsAnEventsBackoffAndTheNextOwnerRunsIt() throws Exception {
        broker.createTopic(topic, 1);
        broker.createTopic(topic + ".dlq", 1);
        CountingPlugin.down = true;
        RuntimeFixture.producePushes(broker.bootstrapServers(), topic, 0, 1, 1);
        String settings = """
                agent.runtime.retry { initial-backoff = 1h, max-backoff = 1h, max-attempts = 5 }
                agent.tools.defaults.retry.max-attempts = 1
                """;
        start(settings);
        await("the event waits in its backoff", Duration.ofMinutes(1),
                () -> engine.meters().counter("agent.events.retried", "class", "github.push").count() == 1.0);

        long closing = System.nanoTime();
        runtime.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(30));
        assertThat(committed()).as("abandoned, not committed").isLessThanOrEqualTo(0);
        engine.close();

        CountingPlugin.down = false;
        start(settings);
        await("the next owner runs it", Duration.ofMinutes(1), () -> committed() == 1);
        assertThat(CountingPlugin.CALLS.get("post_effect")).hasSize(1);
        assertThat(broker.endOffsetSum(topic + ".dlq")).isZero();
    }

    @Test
    void theAdminPortAnswersHealthReadinessAndMetrics() throws Exception {
        broker.createTopic(topic, 2);
        broker.createTopic(topic + ".dlq", 1);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        String settings = RuntimeFixture.ROUTES + "agent.ledger.file = \"" + temp.resolve("ledger") + "\"\n"
                + "agent.audit.sinks = []\n";
        Installation loaded = Installation.of(ConfigFactory.parseString(settings), List.of(new CountingPlugin()));
        engine = Engine.start(loaded, new Engine.Options(false, Clock.systemUTC(), meters));
        runtime = KafkaRuntime.start(engine, RuntimeSettings.of(loaded.config()).with(broker.bootstrapServers(), topic,
                group), meters, Clock.systemUTC());
        KafkaRuntime running = runtime;
        try (AdminServer admin = AdminServer.start("127.0.0.1", 0,
                () -> new AdminServer.Check(running.isAlive(), Map.of("poll_loop", running.isAlive())),
                () -> new AdminServer.Check(running.isAssigned(), Map.of("partitions_assigned", running.isAssigned())),
                meters)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + admin.port();
            await("partitions are assigned", Duration.ofSeconds(30), running::isAssigned);
            RuntimeFixture.producePushes(broker.bootstrapServers(), topic, 0, 5, 5);
            await("five are done", Duration.ofSeconds(30), () -> committed() == 5);

            assertThat(get(http, base + "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(http, base + "/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"partitions_assigned\":true");
            String metrics = get(http, base + "/metrics").body();
            assertThat(metrics).contains("agent_events_in_total{topic=\"" + topic + "\"} 5.0")
                    .contains("agent_events_processed_total{class=\"github.push\",outcome=\"ok\"} 5.0")
                    .contains("agent_tool_calls_seconds_count{outcome=\"ok\",plugin=\"counting\",tool=\"post_effect\"} 5")
                    .contains("agent_events_in_flight")
                    .contains("agent_kafka_lag")
                    .contains("resilience4j_circuitbreaker_state{name=\"write_effect\",state=\"open\"} 0.0");

            runtime.close();
            assertThat(get(http, base + "/ready").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void theMetricsPageShowsLatencyHistogramsAndTheKafkaPoolCacheAndResilienceBinders() throws Exception {
        broker.createTopic(topic, 1);
        broker.createTopic(topic + ".dlq", 1);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        String settings = RuntimeFixture.ROUTES + "agent.ledger.file = \"" + temp.resolve("ledger") + "\"\n"
                + "agent.audit.sinks = []\n";
        Installation loaded = Installation.of(ConfigFactory.parseString(settings), List.of(new CountingPlugin()));
        engine = Engine.start(loaded, new Engine.Options(false, Clock.systemUTC(), meters));
        runtime = KafkaRuntime.start(engine, RuntimeSettings.of(loaded.config()).with(broker.bootstrapServers(), topic,
                group), meters, Clock.systemUTC());
        KafkaRuntime running = runtime;
        try (AdminServer admin = AdminServer.start("127.0.0.1", 0,
                () -> new AdminServer.Check(running.isAlive(), Map.of()),
                () -> new AdminServer.Check(running.isAssigned(), Map.of()), meters)) {
            RuntimeFixture.producePushes(broker.bootstrapServers(), topic, 0, 3, 3);
            await("three are done", Duration.ofSeconds(60), () -> committed() == 3);

            List<String> lines = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + admin.port() + "/metrics")
                    .body().lines().toList();
            assertThat(lines).as("a tool call's histogram bucket, tagged with its plugin").anySatisfy(line ->
                    assertThat(line).startsWith("agent_tool_calls_seconds_bucket{").contains("le=\"+Inf\"")
                            .contains("outcome=\"ok\"").contains("plugin=\"counting\"")
                            .contains("tool=\"post_effect\"").endsWith("} 3"));
            assertThat(lines).as("an SLO bucket").anySatisfy(line ->
                    assertThat(line).startsWith("agent_tool_calls_seconds_bucket{").contains("le=\"0.25\""));
            assertThat(lines).as("whole events").anySatisfy(line ->
                    assertThat(line).startsWith("agent_events_latency_seconds_bucket{").contains("le=\"+Inf\"")
                            .contains("class=\"github.push\"").contains("outcome=\"processed\"").endsWith("} 3"));
            assertThat(lines).as("the consumer's own metrics").anySatisfy(line ->
                    assertThat(line).startsWith("kafka_consumer_").contains("client_id=\"event-agent\""));
            assertThat(lines).as("the dead-letter producer's own metrics").anySatisfy(line ->
                    assertThat(line).startsWith("kafka_producer_").contains("client_id=\"event-agent-dlq\""));
            assertThat(lines).as("a tool's breaker").contains(
                    "resilience4j_circuitbreaker_state{name=\"post_effect\",state=\"closed\"} 1.0");
            assertThat(lines).as("the event retry").anySatisfy(line ->
                    assertThat(line).startsWith("resilience4j_retry_calls_total{").contains("name=\"kafka-events\""));
            assertThat(lines).as("the ledger's pool").anySatisfy(line ->
                    assertThat(line).startsWith("hikaricp_connections_max{pool=\"agent-ledger\"}"));
            assertThat(lines).as("the embedding cache").anySatisfy(line ->
                    assertThat(line).startsWith("cache_gets_total{").contains("cache=\"embeddings\""));
        }
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long committed() {
        try {
            return RuntimeFixture.committedSum(broker.bootstrapServers(), group, topic);
        } catch (Exception e) {
            return -1;
        }
    }

    private static void allowLargeRecords(String name) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, name), List.of(
                    new AlterConfigOp(new ConfigEntry("max.message.bytes", String.valueOf(16 * 1024 * 1024)),
                            AlterConfigOp.OpType.SET)))).all().get();
        }
    }
}
