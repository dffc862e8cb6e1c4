package dev.eventagent.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.LoadedConfig;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.event.DecoderSettings;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.kafka.EmbeddedKafkaBroker;
import dev.eventagent.engine.runtime.KafkaRuntime;
import dev.eventagent.engine.runtime.RuntimeSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code event-agent demo}: the main job on embedded defaults, with no configuration and no
 * network. It starts a single-node KRaft broker in this JVM, runs the service against it,
 * produces the example events, processes them live and prints what was done.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a single-node Kafka in this process, produce the example events, process them "
                + "live through the configured graph and print what was done. Needs no configuration and no network.")
final class DemoCommand implements Callable<Integer> {

    private static final String TOPIC = "engineering-events";
    private static final String DEAD_LETTERS = "engineering-events.dlq";

    @Mixin
    EngineOptions options;

    @Option(names = "--data-dir", description = "Where the broker, ledger and audit live (default: a new temporary folder).")
    Path dataDir;

    @Option(names = "--timeout", defaultValue = "120s", description = "How long to wait for the events (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--plugin", paramLabel = "NAME",
            description = "Keep this installed plugin in the demo, with its backend as configured (repeatable). "
                    + "By default plugins are left out: the demo starts no backend of its own yet.")
    List<String> keep = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("event-agent-demo");
        Path events = extractEvents(dir.resolve("events"));
        out.println("Event Agent demo — data in " + dir);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            broker.createTopic(TOPIC, 3);
            broker.createTopic(DEAD_LETTERS, 1);
            out.println("Kafka (single-node KRaft, in this process) at " + broker.bootstrapServers());
            ConfigLoader.Sources sources = ConfigLoader.Sources.fromSystem()
                    .withConfigFile(Optional.ofNullable(options.configFile));
            Map<String, Object> leftOut = new java.util.LinkedHashMap<>();
            for (var plugin : LoadedConfig.load(sources).discovery().plugins()) {
                if (!keep.contains(plugin.name())) {
                    leftOut.put("agent.plugins." + plugin.name() + ".enabled", false);
                    out.printf("plugin %s: left out (the demo starts no embedded backend for it yet; "
                            + "--plugin %s keeps it with the backend configured in agent.plugins.%s)%n",
                            plugin.name(), plugin.name(), plugin.name());
                }
            }
            Config overrides = ConfigFactory.parseMap(leftOut).withFallback(ConfigFactory.parseMap(Map.of(
                    "agent.kafka.bootstrap-servers", broker.bootstrapServers(),
                    "agent.kafka.topics", List.of(TOPIC),
                    "agent.kafka.topic-pattern", "",
                    "agent.kafka.group-id", "event-agent-demo",
                    "agent.kafka.dead-letter-topic", DEAD_LETTERS,
                    "agent.ledger.url", "",
                    "agent.ledger.file", dir.resolve("ledger").toString(),
                    "agent.audit.sinks", List.of("jsonl"),
                    "agent.audit.jsonl.path", dir.resolve("audit.jsonl").toString(),
                    "agent.admin.port", -1)));
            LoadedConfig loaded = LoadedConfig.load(sources, overrides);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (Engine engine = Engine.start(loaded, new Engine.Options(false, Clock.systemUTC(), meters))) {
                out.printf("%d tool(s) from %d plugin(s); planner: %s%n", engine.registry().all().size(),
                        engine.plugins().started().size(), engine.plannerName());
                engine.inactiveRoutes().forEach((route, why) -> out.printf("  route %s is inactive: %s%n", route, why));
                KafkaRuntime runtime = KafkaRuntime.start(engine, RuntimeSettings.of(loaded.config()), meters,
                        Clock.systemUTC());
                try {
                    int sent = produce(broker.bootstrapServers(), events, DecoderSettings.fromConfig(loaded.config()));
                    out.printf("Produced %d example record(s) to %s%n", sent, TOPIC);
                    out.flush();
                    boolean done = await(runtime, sent, Duration.parse("PT" + timeout.toUpperCase(java.util.Locale.ROOT)),
                            err);
                    if (!done) {
                        out.printf("Timed out: %d of %d events finished%n", runtime.finishedEvents(), sent);
                    }
                } finally {
                    runtime.close();
                }
            }
            report(out, dir.resolve("audit.jsonl"), broker.bootstrapServers());
        }
        out.flush();
        return 0;
    }

    private static Path extractEvents(Path target) throws IOException {
        Files.createDirectories(target);
        for (Config entry : manifest().getConfigList("events")) {
            String file = entry.getString("file");
            try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/events/" + file)) {
                if (in == null) {
                    throw new IOException("the engine jar lacks demo/events/" + file);
                }
                Files.copy(in, target.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private static Config manifest() {
        return ConfigFactory.parseResources(DemoCommand.class, "/demo/events.conf").resolve();
    }

    private static int produce(String servers, Path events, DecoderSettings decoding) throws Exception {
        int sent = 0;
        for (Config entry : manifest().getConfigList("events")) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            if (entry.hasPath("headers")) {
                entry.getObject("headers").unwrapped().forEach((k, v) -> headers.put(k, String.valueOf(v)));
            }
            sent += SendCommand.send(servers, TOPIC, List.of(events.resolve(entry.getString("file"))), headers,
                    decoding);
        }
        return sent;
    }

    private static boolean await(KafkaRuntime runtime, int expected, Duration limit, PrintWriter err)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + limit.toMillis();
        while (System.currentTimeMillis() < deadline) {
            long finished = runtime.finishedEvents();
            err.printf("\rprocessing: %d/%d finished, %d in flight   ", finished, expected, runtime.inFlight());
            err.flush();
            if (finished >= expected && runtime.inFlight() == 0) {
                err.println();
                return true;
            }
            Thread.sleep(200);
        }
        err.println();
        return false;
    }

    private static void report(PrintWriter out, Path audit, String servers) throws IOException {
        out.println();
        out.println("What was done (from the audit trail, " + audit + "):");
        List<String> lines = Files.exists(audit) ? Files.readAllLines(audit, StandardCharsets.UTF_8) : List.of();
        for (String line : lines) {
            JsonNode record = Json.MAPPER.readTree(line);
            out.printf("  %-26s %-22s outcome=%-8s %s%n", record.path("class").asText(),
                    "route=" + (record.path("route").isNull() ? "-" : record.path("route").asText()),
                    record.path("outcome").asText(), record.path("response").asText(""));
            for (JsonNode call : record.path("calls")) {
                out.printf("      %-34s %s%s%n", call.path("tool").asText(), call.path("status").asText(),
                        call.has("error") ? ": " + call.path("error").asText() : "");
            }
        }
        List<String> dead = deadLetters(servers);
        out.println();
        out.println("Dead-lettered (" + DEAD_LETTERS + "): " + dead.size());
        dead.forEach(line -> out.println("  " + line));
    }

    private static List<String> deadLetters(String servers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "event-agent-demo-report");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    lines.add(header(record, "topic") + "-" + header(record, "partition") + "@" + header(record, "offset")
                            + " " + header(record, "stage") + "/" + header(record, "error.class") + ": "
                            + header(record, "error.message"));
                }
                if (!lines.isEmpty() && consumer.assignment().stream()
                        .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
        }
        return lines;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader("event-agent.dlq." + name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
