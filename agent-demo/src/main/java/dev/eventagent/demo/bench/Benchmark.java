package dev.eventagent.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.Event;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.eval.Percentiles;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.Planner;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.runtime.KafkaRuntime;
import dev.eventagent.engine.runtime.RuntimeSettings;
import dev.eventagent.testing.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark behind {@code event-agent bench}. Figures, not assertions:
 * <ol type="a">
 *   <li>events/s through the graph with no-op tools and the rules planner, no Kafka;</li>
 *   <li>events/s end to end through a real broker where every event costs one call to a
 *       simulated model (fixed latency, capped concurrency), against a baseline run the seed's
 *       way: one event at a time, three sequential model calls (classify, select, summarise),
 *       tools one after another, auto-commit;</li>
 *   <li>p50/p99 per-event processing latency of both.</li>
 * </ol>
 */
public final class Benchmark {

    /**
     * What to run.
     *
     * @param graphEvents events for (a)
     * @param events events for our run of (b)
     * @param baselineEvents events for the baseline of (b)
     * @param modelLatency the simulated model call's latency
     * @param modelConcurrency the most concurrent model calls
     * @param toolLatency each simulated tool call's latency in (b)
     * @param keys distinct event keys
     * @param modelShare the share of events that need the model (1: all; below 1: hybrid planning,
     *     where the rest are planned by rule routes alone)
     */
    public record Settings(int graphEvents, int events, int baselineEvents, Duration modelLatency, int modelConcurrency,
            Duration toolLatency, int keys, double modelShare) {
    }

    private final Settings settings;
    private final Path dir;
    private final PrintWriter out;

    /**
     * Creates the benchmark.
     *
     * @param settings what to run
     * @param dir a scratch folder
     * @param out where progress goes
     */
    public Benchmark(Settings settings, Path dir, PrintWriter out) {
        this.settings = settings;
        this.dir = dir;
        this.out = out;
    }

    /**
     * Runs everything.
     *
     * @return every figure by name
     * @throws Exception when a part cannot run
     */
    public Map<String, Object> run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("graph_events_per_s", round(graphOnly()));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            Map<String, Object> ours = endToEnd(broker);
            Map<String, Object> baseline = baseline(broker);
            figures.putAll(ours);
            figures.putAll(baseline);
            figures.put("ratio", round((double) ours.get("e2e_events_per_s") / (double) baseline.get("baseline_events_per_s")));
        }
        figures.put("model_latency_ms", settings.modelLatency().toMillis());
        figures.put("model_concurrency", settings.modelConcurrency());
        figures.put("tool_latency_ms", settings.toolLatency().toMillis());
        figures.put("model_share", settings.modelShare());
        return figures;
    }

    private double graphOnly() throws Exception {
        int count = settings.graphEvents();
        out.printf("(a) %d events through the graph, no-op tools, rules planner, no Kafka...%n", count);
        out.flush();
        try (Engine engine = engine(Duration.ZERO, UnaryOperator.identity(), dir.resolve("graph"), "")) {
            List<Event> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(engine.decoder().decode(RawRecord.of(push(i % settings.keys(), i), Map.of())));
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (Event event : events) {
                futures.add(pool.submit(() -> engine.process(event)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            return count / seconds;
        }
    }

    private Map<String, Object> endToEnd(EmbeddedKafkaBroker broker) throws Exception {
        String topic = "bench-events";
        broker.createTopic(topic, 6);
        broker.createTopic(topic + ".dlq", 1);
        int count = settings.events();
        produce(broker.bootstrapServers(), topic, count);
        out.printf("(b) %d events through Kafka, one simulated model call for %.0f%% of them (%d ms, at most %d at "
                + "once), 3 tools of %d ms in parallel...%n", count, settings.modelShare() * 100,
                settings.modelLatency().toMillis(), settings.modelConcurrency(), settings.toolLatency().toMillis());
        out.flush();
        SimulatedModel model = new SimulatedModel(settings.modelLatency(), settings.modelConcurrency());
        Path audit = dir.resolve("e2e/audit.jsonl");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        double seconds;
        try (Engine engine = engine(settings.toolLatency(), planner -> model.planner(planner, settings.modelShare()),
                dir.resolve("e2e"),
                "agent.audit.jsonl.path = \"" + audit + "\"\n")) {
            RuntimeSettings runtimeSettings = RuntimeSettings.of(engine.loaded().config())
                    .with(broker.bootstrapServers(), topic, "bench");
            long start = System.nanoTime();
            KafkaRuntime runtime = KafkaRuntime.start(engine, runtimeSettings, meters, Clock.systemUTC());
            try {
                while (runtime.finishedEvents() < count) {
                    Thread.sleep(20);
                }
                seconds = (System.nanoTime() - start) / 1e9;
            } finally {
                runtime.close();
            }
        }
        List<Long> latencies = new ArrayList<>();
        for (String line : Files.readAllLines(audit)) {
            latencies.add(Json.MAPPER.readTree(line).path("duration_ms").asLong());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("e2e_events", count);
        figures.put("e2e_events_per_s", round(count / seconds));
        figures.put("e2e_model_calls_per_event", round((double) model.calls() / count));
        figures.put("e2e_p50_ms", Percentiles.nearestRank(latencies, 50));
        figures.put("e2e_p99_ms", Percentiles.nearestRank(latencies, 99));
        return figures;
    }

    /** The seed's way: auto-commit, one event at a time, three model calls and the tools in sequence. */
    private Map<String, Object> baseline(EmbeddedKafkaBroker broker) throws Exception {
        String topic = "bench-baseline";
        broker.createTopic(topic, 6);
        int count = settings.baselineEvents();
        produce(broker.bootstrapServers(), topic, count);
        out.printf("(b) baseline: %d events, one at a time, 3 sequential model calls, tools in sequence, auto-commit...%n",
                count);
        out.flush();
        SimulatedModel model = new SimulatedModel(settings.modelLatency(), settings.modelConcurrency());
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        List<Long> latencies = new ArrayList<>();
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (latencies.size() < count) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long began = System.nanoTime();
                    JsonNode event = Json.MAPPER.readTree(record.value());
                    if (event.isObject()) {
                        for (int call = 0; call < 3; call++) {
                            model.call();
                        }
                        for (int tool = 0; tool < 3; tool++) {
                            BenchTools.sleep(settings.toolLatency());
                        }
                    }
                    latencies.add((System.nanoTime() - began) / 1_000_000);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("baseline_events", count);
        figures.put("baseline_events_per_s", round(count / seconds));
        figures.put("baseline_model_calls_per_event", round((double) model.calls() / count));
        figures.put("baseline_p50_ms", Percentiles.nearestRank(latencies, 50));
        figures.put("baseline_p99_ms", Percentiles.nearestRank(latencies, 99));
        return figures;
    }

    private Engine engine(Duration toolLatency, UnaryOperator<Planner> decorator, Path home,
            String extra) throws IOException {
        Files.createDirectories(home);
        String config = BenchTools.ROUTE
                + "agent.ledger.file = \"" + home.resolve("ledger") + "\"\n"
                + "agent.audit.sinks = " + (extra.isEmpty() ? "[]" : "[jsonl]") + "\n"
                + "agent.admin.port = -1\n"
                + extra;
        Installation loaded = Installation.of(ConfigFactory.parseString(config), List.of(new BenchTools(toolLatency)));
        return Engine.start(loaded, new Engine.Options(false, Clock.systemUTC(), new SimpleMeterRegistry(), decorator));
    }

    private void produce(String servers, String topic, int count) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                int key = i % settings.keys();
                producer.send(new ProducerRecord<>(topic, ("repo-" + key).getBytes(StandardCharsets.UTF_8),
                        push(key, i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static String push(int key, int seq) {
        return "{\"source\":\"github\",\"event_type\":\"push\",\"id\":\"bench-" + seq + "\",\"repository\":\"repo-" + key
                + "\",\"commits\":[{\"sha\":\"" + seq + "\",\"author\":{\"email\":\"dev" + key
                + "@example.com\",\"name\":\"Dev\"},\"message\":\"change\",\"files\":[\"a.java\"]}]}";
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
