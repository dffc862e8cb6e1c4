package dev.eventagent.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.LocalBackend;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.LoadedConfig;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.event.DecoderSettings;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.kafka.EmbeddedKafkaBroker;
import dev.eventagent.engine.plugin.DiscoveredPlugin;
import dev.eventagent.engine.plugin.LocalBackends;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
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
    private static final double DEMO_WORKLOAD_THRESHOLD = 3.0;
    private static final Map<String, String> DEMO_GITHUB_EMAILS = new java.util.TreeMap<>(Map.of(
            "alice-j", "alice@company.com", "bob-s", "bob@company.com"));

    @Mixin
    EngineOptions options;

    @Option(names = "--data-dir", description = "Where the broker, ledger and audit live (default: a new temporary folder).")
    Path dataDir;

    @Option(names = "--timeout", defaultValue = "120s", description = "How long to wait for the events (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--plugin", paramLabel = "NAME",
            description = "Run this installed plugin against the backend configured for it instead of a local one "
                    + "(repeatable). By default each plugin gets a local backend from demo-backends/, or is left out.")
    List<String> keep = new ArrayList<>();

    @Option(names = "--backends-dir", paramLabel = "DIR",
            description = "Where the local backends for the demo are (default: demo-backends/ of the installation).")
    Path backendsDir;

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
            Map<String, Object> settings = new java.util.LinkedHashMap<>();
            try (LoadedConfig base = LoadedConfig.load(sources);
                    LocalBackends backends = LocalBackends.discover(DemoCommand.class.getClassLoader(),
                            base.discovery().plugins(), backendsDir())) {
                // Inside the try: the backends' classes come from the class loader it closes.
                Deque<LocalBackend> running = new ArrayDeque<>();
                try {
                    backends.problems().forEach(problem -> err.println("demo backend not loaded: " + problem));
                    for (DiscoveredPlugin plugin : base.discovery().plugins()) {
                        startBackend(plugin.name(), base.config(), backends, dir.resolve("backends"), running,
                                settings, out);
                    }
                    settings.putAll(Map.of(
                            "agent.kafka.bootstrap-servers", broker.bootstrapServers(),
                            "agent.kafka.topics", List.of(TOPIC),
                            "agent.kafka.topic-pattern", "",
                            "agent.kafka.group-id", "event-agent-demo",
                            "agent.kafka.dead-letter-topic", DEAD_LETTERS,
                            "agent.ledger.url", "",
                            "agent.ledger.file", dir.resolve("ledger").toString(),
                            "agent.audit.sinks", auditSinks(base, settings),
                            "agent.audit.jsonl.path", dir.resolve("audit.jsonl").toString(),
                            "agent.admin.port", -1));
                    Config yours = ConfigLoader.userLayers(sources);
                    if (!yours.hasPath("agent.decode.github-emails")) {
                        settings.put("agent.decode.github-emails", DEMO_GITHUB_EMAILS);
                        out.println("decode: the example events' GitHub logins mapped to e-mails " + DEMO_GITHUB_EMAILS
                                + " (agent.decode.github-emails), so pull requests count for their authors");
                    }
                    if (!yours.hasPath("agent.rules.workload-alert.threshold")) {
                        settings.put("agent.rules.workload-alert.threshold", DEMO_WORKLOAD_THRESHOLD);
                        out.printf("rules: workload heads-up threshold lowered from %s to %s for the demo, so that one "
                                + "8-point assignment on top of a commit sets it off%n",
                                base.config().getValue("agent.rules.workload-alert.threshold").unwrapped(),
                                DEMO_WORKLOAD_THRESHOLD);
                    }
                    runEvents(base.withOverrides(ConfigFactory.parseMap(settings)), broker, events, out, err);
                    report(out, dir.resolve("audit.jsonl"), broker.bootstrapServers());
                    reportStores(running, out);
                } finally {
                    stopAll(running, err);
                }
            }
        }
        out.flush();
        return 0;
    }

    private void runEvents(LoadedConfig loaded, EmbeddedKafkaBroker broker, Path events, PrintWriter out,
            PrintWriter err) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Engine engine = Engine.start(loaded, new Engine.Options(false, Clock.systemUTC(), meters))) {
            out.printf("%d tool(s) from %d plugin(s); planner: %s%n", engine.registry().all().size(),
                    engine.plugins().started().size(), engine.plannerName());
            engine.inactiveRoutes().forEach((route, why) -> out.printf("  route %s is inactive: %s%n", route, why));
            KafkaRuntime runtime = KafkaRuntime.start(engine, RuntimeSettings.of(loaded.config()), meters,
                    Clock.systemUTC());
            try {
                Duration limit = Duration.parse("PT" + timeout.toUpperCase(Locale.ROOT));
                int sent = 0;
                for (Config phase : manifest().getConfigList("phases")) {
                    out.println();
                    out.println("== " + phase.getString("name"));
                    int produced = produce(broker.bootstrapServers(), phase.getConfigList("events"), events,
                            DecoderSettings.fromConfig(loaded.config()));
                    sent += produced;
                    out.printf("Produced %d example record(s) to %s%n", produced, TOPIC);
                    out.flush();
                    if (!await(runtime, sent, limit, err)) {
                        out.printf("Timed out: %d of %d events finished%n", runtime.finishedEvents(), sent);
                        break;
                    }
                }
            } finally {
                runtime.close();
            }
        }
    }

    /**
     * Points one plugin at a backend of its own for the demo: the configured one when the user
     * kept it with {@code --plugin}, else a local one from its provider; a plugin with neither,
     * or whose local backend cannot run here, is left out with a line saying why.
     */
    private void startBackend(String plugin, Config config, LocalBackends backends, Path dataDir,
            Deque<LocalBackend> running, Map<String, Object> settings, PrintWriter out) throws IOException {
        String path = "agent.plugins." + plugin;
        if (config.hasPath(path + ".enabled") && !config.getBoolean(path + ".enabled")) {
            out.printf("plugin %s: disabled in the configuration%n", plugin);
            return;
        }
        if (keep.contains(plugin)) {
            out.printf("plugin %s: with the backend configured in %s%n", plugin, path);
            return;
        }
        Optional<LocalBackend.Provider> provider = backends.forPlugin(plugin);
        if (provider.isEmpty()) {
            settings.put(path + ".enabled", false);
            out.printf("plugin %s: left out (the demo has no local backend for it; --plugin %s keeps it with the "
                    + "backend configured in %s)%n", plugin, plugin, path);
            return;
        }
        try {
            LocalBackend backend = provider.get().start(Files.createDirectories(dataDir.resolve(plugin)));
            running.push(backend);
            backend.settings().forEach((key, value) -> settings.put(path + "." + key, value));
            out.printf("plugin %s: %s%n", plugin, backend.describe());
        } catch (LocalBackend.Unavailable e) {
            settings.put(path + ".enabled", false);
            out.printf("plugin %s: left out: %s%n", plugin, e.getMessage());
        } catch (Exception e) {
            settings.put(path + ".enabled", false);
            out.printf("plugin %s: left out: its local backend did not start: %s%n", plugin, e);
        }
        out.flush();
    }

    /** The JSON-lines file, and ClickHouse's audit table when the clickhouse plugin runs. */
    private static List<String> auditSinks(LoadedConfig base, Map<String, Object> settings) {
        boolean clickhouse = base.discovery().plugins().stream().anyMatch(p -> p.name().equals("clickhouse"))
                && !Boolean.FALSE.equals(settings.get("agent.plugins.clickhouse.enabled"))
                && base.config().getBoolean("agent.plugins.clickhouse.enabled");
        return clickhouse ? List.of("jsonl", "clickhouse") : List.of("jsonl");
    }

    private static void stopAll(Deque<LocalBackend> running, PrintWriter err) {
        while (!running.isEmpty()) {
            LocalBackend backend = running.pop();
            try {
                backend.close();
            } catch (RuntimeException | LinkageError e) {
                err.println("could not stop " + backend.describe() + ": " + e);
            }
        }
    }

    private Path backendsDir() {
        if (backendsDir != null) {
            return backendsDir;
        }
        String home = System.getProperty("event-agent.home");
        return home == null ? Path.of("demo-backends") : Path.of(home, "demo-backends");
    }

    private static void reportStores(Deque<LocalBackend> running, PrintWriter out) {
        if (running.isEmpty()) {
            return;
        }
        out.println();
        out.println("What the stores hold now:");
        for (LocalBackend backend : running) {
            try {
                List<String> lines = backend.report();
                if (lines.isEmpty()) {
                    continue;
                }
                out.println("  " + backend.describe());
                lines.forEach(line -> out.println("      " + line));
            } catch (Exception e) {
                out.println("  " + backend.describe());
                out.println("      (cannot ask it: " + e + ")");
            }
        }
    }

    private static Path extractEvents(Path target) throws IOException {
        Files.createDirectories(target);
        for (Config entry : manifest().getConfigList("phases").stream()
                .flatMap(phase -> phase.getConfigList("events").stream()).toList()) {
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

    private static int produce(String servers, List<? extends Config> entries, Path events, DecoderSettings decoding)
            throws Exception {
        int sent = 0;
        for (Config entry : entries) {
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
