package dev.eventagent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.LocalBackend;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.event.DecoderSettings;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.kafka.EventProducer;
import dev.eventagent.engine.plugin.DiscoveredPlugin;
import dev.eventagent.engine.plugin.LocalBackends;
import dev.eventagent.engine.rules.RouteStatus;
import dev.eventagent.engine.runtime.KafkaRuntime;
import dev.eventagent.engine.runtime.RuntimeSettings;
import dev.eventagent.testing.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The main job on embedded defaults: a single-node KRaft broker in this JVM, a local backend for
 * every installed plugin that has one, the service run against them, the example events produced
 * phase by phase and processed live, and a report of what was done and what each store holds.
 */
public final class DemoSession {

    private static final String TOPIC = "engineering-events";
    private static final String DEAD_LETTERS = "engineering-events.dlq";
    private static final Map<String, String> DEMO_GITHUB_EMAILS = new TreeMap<>(Map.of(
            "alice-j", "alice@company.com", "bob-s", "bob@company.com"));

    /**
     * How to run.
     *
     * @param dataDir where the broker, the backends, the ledger and the audit live
     * @param timeout how long each phase may take
     * @param keep plugins to run against their configured backend instead of a local one
     * @param backendsDir the demo-backends folder
     * @param sources where config comes from
     */
    public record Settings(Path dataDir, Duration timeout, List<String> keep, Path backendsDir,
            ConfigLoader.Sources sources) {

        /** Copies the list. */
        public Settings {
            keep = List.copyOf(keep);
        }
    }

    /** Hears what the session does, as it does it. */
    public interface Listener {

        /**
         * One line of narrative (what started, what was left out, which phase runs).
         *
         * @param line the line
         */
        void say(String line);

        /**
         * How far the current phase is; called a few times a second while it runs.
         *
         * @param finished events finished so far
         * @param expected events produced so far
         * @param inFlight events received and not finished
         */
        void progress(long finished, long expected, long inFlight);

        /** The current phase finished (or timed out). */
        void phaseDone();
    }

    private final Settings settings;
    private final Listener listener;

    private DemoSession(Settings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Runs the demo.
     *
     * @param settings how to run
     * @param listener who hears about it
     * @return what was done
     * @throws Exception when the broker, the config or the engine cannot start
     */
    public static DemoReport run(Settings settings, Listener listener) throws Exception {
        return new DemoSession(settings, listener).run();
    }

    private DemoReport run() throws Exception {
        Path dir = Files.createDirectories(settings.dataDir());
        Path events = extractEvents(dir.resolve("events"));
        listener.say("Event Agent demo — data in " + dir);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            broker.createTopic(TOPIC, 3);
            broker.createTopic(DEAD_LETTERS, 1);
            listener.say("Kafka (single-node KRaft, in this process) at " + broker.bootstrapServers());
            Map<String, Object> overrides = new LinkedHashMap<>();
            Map<String, Map<String, Object>> leftOut = new TreeMap<>();
            try (Installation base = Installation.load(settings.sources());
                    LocalBackends backends = LocalBackends.discover(DemoSession.class.getClassLoader(),
                            base.discovery().plugins(), settings.backendsDir())) {
                // Inside the try: the backends' classes come from the class loader it closes.
                Deque<LocalBackend> running = new ArrayDeque<>();
                try {
                    backends.problems().forEach(problem -> listener.say("demo backend not loaded: " + problem));
                    for (DiscoveredPlugin plugin : base.discovery().plugins()) {
                        startBackend(plugin.name(), base.config(), backends, dir.resolve("backends"), running,
                                overrides, leftOut);
                    }
                    overrides.putAll(Map.of(
                            "agent.kafka.bootstrap-servers", broker.bootstrapServers(),
                            "agent.kafka.topics", List.of(TOPIC),
                            "agent.kafka.topic-pattern", "",
                            "agent.kafka.group-id", "event-agent-demo",
                            "agent.kafka.dead-letter-topic", DEAD_LETTERS,
                            "agent.ledger.url", "",
                            "agent.ledger.file", dir.resolve("ledger").toString(),
                            "agent.audit.jsonl.path", dir.resolve("audit.jsonl").toString(),
                            "agent.admin.port", -1));
                    if (!ConfigLoader.userLayers(settings.sources()).hasPath("agent.decode.github-emails")) {
                        overrides.put("agent.decode.github-emails", DEMO_GITHUB_EMAILS);
                        listener.say("decode: the example events' GitHub logins mapped to e-mails " + DEMO_GITHUB_EMAILS
                                + " (agent.decode.github-emails), so pull requests count for their authors");
                    }
                    Progress progress = runEvents(base.withOverrides(ConfigFactory.parseMap(overrides)), broker, events);
                    Map<String, Map<String, Object>> stores = new TreeMap<>(leftOut);
                    List<DemoReport.BackendReport> reports = new ArrayList<>();
                    for (LocalBackend backend : running) {
                        reports.add(0, describe(backend, stores));
                    }
                    return new DemoReport(progress.produced(), progress.finished(), progress.timedOut(),
                            decisions(dir.resolve("audit.jsonl")), deadLetters(broker.bootstrapServers()), reports,
                            stores);
                } finally {
                    stopAll(running);
                }
            }
        }
    }

    private record Progress(int produced, long finished, boolean timedOut) {
    }

    private Progress runEvents(Installation loaded, EmbeddedKafkaBroker broker, Path events) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Engine engine = Engine.start(loaded, new Engine.Options(false, Clock.systemUTC(), meters))) {
            listener.say(String.format("%d tool(s) from %d plugin(s); planner: %s", engine.registry().all().size(),
                    engine.plugins().started().size(), engine.plannerName()));
            for (RouteStatus route : engine.routes()) {
                listener.say(routeLine(route));
            }
            KafkaRuntime runtime = KafkaRuntime.start(engine, RuntimeSettings.of(loaded.config()), meters,
                    Clock.systemUTC());
            int sent = 0;
            try {
                for (Config phase : manifest().getConfigList("phases")) {
                    listener.say("");
                    listener.say("== " + phase.getString("name"));
                    int produced = produce(broker.bootstrapServers(), phase.getConfigList("events"), events,
                            DecoderSettings.fromConfig(loaded.config()));
                    sent += produced;
                    listener.say(String.format("Produced %d example record(s) to %s", produced, TOPIC));
                    if (!await(runtime, sent)) {
                        listener.say(String.format("Timed out: %d of %d events finished", runtime.finishedEvents(),
                                sent));
                        return new Progress(sent, runtime.finishedEvents(), true);
                    }
                }
                return new Progress(sent, runtime.finishedEvents(), false);
            } finally {
                runtime.close();
            }
        }
    }

    /** {@code route github-push: 2 of 3 call(s); left out: <tool> (no installed plugin provides it)}. */
    private static String routeLine(RouteStatus route) {
        StringBuilder line = new StringBuilder("route " + route.name() + ": ");
        if (route.state() != RouteStatus.State.ACTIVE) {
            line.append(route.state().name().toLowerCase(java.util.Locale.ROOT)).append(" (").append(route.reason())
                    .append(')');
        } else {
            line.append(route.activeCalls().size()).append(" of ").append(route.calls().size()).append(" call(s)");
        }
        List<String> leftOut = route.leftOutCalls().stream()
                .map(call -> (call.tool() == null ? call.step() + "/" + call.id() : call.tool()) + " (" + call.leftOut()
                        + ")")
                .toList();
        if (!leftOut.isEmpty()) {
            line.append("; left out: ").append(String.join("; ", leftOut));
        }
        return line.toString();
    }

    /**
     * Points one plugin at a backend of its own for the demo: the configured one when the user
     * kept it, else a local one from its provider; a plugin with neither, or whose local backend
     * cannot run here, is left out with a line saying why.
     */
    private void startBackend(String plugin, Config config, LocalBackends backends, Path dataDir,
            Deque<LocalBackend> running, Map<String, Object> overrides, Map<String, Map<String, Object>> leftOut)
            throws IOException {
        String path = "agent.plugins." + plugin;
        if (config.hasPath(path + ".enabled") && !config.getBoolean(path + ".enabled")) {
            listener.say("plugin " + plugin + ": disabled in the configuration");
            leftOut.put(plugin, Map.of("left_out", "disabled in the configuration (" + path + ".enabled = false)"));
            return;
        }
        if (settings.keep().contains(plugin)) {
            listener.say("plugin " + plugin + ": with the backend configured in " + path);
            return;
        }
        String why;
        try {
            LocalBackend.Provider provider = backends.forPlugin(plugin).orElse(null);
            if (provider == null) {
                why = "the demo has no local backend for it; --plugin " + plugin + " keeps it with the backend "
                        + "configured in " + path;
            } else {
                LocalBackend backend = provider.start(Files.createDirectories(dataDir.resolve(plugin)));
                running.push(backend);
                backend.settings().forEach((key, value) -> overrides.put(path + "." + key, value));
                listener.say("plugin " + plugin + ": " + backend.describe());
                return;
            }
        } catch (LocalBackend.Unavailable e) {
            why = e.getMessage();
        } catch (Exception e) {
            why = "its local backend did not start: " + e;
        }
        overrides.put(path + ".enabled", false);
        leftOut.put(plugin, Map.of("left_out", why));
        listener.say("plugin " + plugin + ": left out: " + why);
    }

    private static DemoReport.BackendReport describe(LocalBackend backend, Map<String, Map<String, Object>> stores) {
        List<String> lines = new ArrayList<>();
        try {
            lines.addAll(backend.report());
            backend.counts().forEach((store, counts) -> stores.put(store, new LinkedHashMap<>(counts)));
        } catch (Exception e) {
            lines.add("(cannot ask it: " + e + ")");
        }
        return new DemoReport.BackendReport(backend.describe(), lines);
    }

    private void stopAll(Deque<LocalBackend> running) {
        while (!running.isEmpty()) {
            LocalBackend backend = running.pop();
            try {
                backend.close();
            } catch (RuntimeException | LinkageError e) {
                listener.say("could not stop " + backend.describe() + ": " + e);
            }
        }
    }

    private static Path extractEvents(Path target) throws IOException {
        Files.createDirectories(target);
        for (Config entry : manifest().getConfigList("phases").stream()
                .flatMap(phase -> phase.getConfigList("events").stream()).toList()) {
            String file = entry.getString("file");
            try (InputStream in = DemoSession.class.getResourceAsStream("/demo/events/" + file)) {
                if (in == null) {
                    throw new IOException("the engine jar lacks demo/events/" + file);
                }
                Files.copy(in, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private static Config manifest() {
        return ConfigFactory.parseResources(DemoSession.class, "/demo/events.conf").resolve();
    }

    private static int produce(String servers, List<? extends Config> entries, Path events, DecoderSettings decoding)
            throws Exception {
        int sent = 0;
        for (Config entry : entries) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (entry.hasPath("headers")) {
                entry.getObject("headers").unwrapped().forEach((k, v) -> headers.put(k, String.valueOf(v)));
            }
            // zstd, as many producers send: the engine's codec jars in lib/ must read it.
            sent += EventProducer.send(servers, TOPIC, List.of(events.resolve(entry.getString("file"))), headers,
                    decoding, "zstd");
        }
        return sent;
    }

    private boolean await(KafkaRuntime runtime, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + settings.timeout().toMillis();
        try {
            while (System.currentTimeMillis() < deadline) {
                long finished = runtime.finishedEvents();
                listener.progress(finished, expected, runtime.inFlight());
                if (finished >= expected && runtime.inFlight() == 0) {
                    return true;
                }
                Thread.sleep(200);
            }
            return false;
        } finally {
            listener.phaseDone();
        }
    }

    private static List<JsonNode> decisions(Path audit) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (Files.exists(audit)) {
            for (String line : Files.readAllLines(audit, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.add(Json.MAPPER.readTree(line));
                }
            }
        }
        return records;
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
                if (!consumer.assignment().isEmpty() && consumer.assignment().stream()
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

    /**
     * The dead-letter topic's name in the demo.
     *
     * @return the topic
     */
    public static String deadLetterTopic() {
        return DEAD_LETTERS;
    }

    /**
     * The topic the demo produces to.
     *
     * @return the topic
     */
    public static String topic() {
        return TOPIC;
    }
}
