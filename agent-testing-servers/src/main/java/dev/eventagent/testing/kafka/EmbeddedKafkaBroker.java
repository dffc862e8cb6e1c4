package dev.eventagent.testing.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (combined broker + controller) in this JVM, for {@code event-agent demo}
 * and tests.
 *
 * <p>Storage lives under {@code <dataDir>/kafka-logs} (data and the {@code __cluster_metadata} log).
 * It is formatted with a fresh cluster id when it holds no {@code meta.properties} yet, and reused
 * otherwise, so a broker restarted on the same directory keeps its topics, records and committed
 * consumer offsets.
 *
 * <p>The controller quorum is <em>static</em> ({@code controller.quorum.voters=1@127.0.0.1:<port>},
 * {@code kraft.version=0}): with a dynamic quorum ({@code --standalone}) the controller endpoint
 * would be written into the metadata log at format time, and a restart would have to find that very
 * port free again. The static form lets the controller listener take a fresh free port on every
 * start, and only the client port ({@link #start(Path, int)}) needs to be stable.
 *
 * <p>Caveat of running Kafka in-process: a fatal broker fault (e.g. a corrupt metadata log) makes
 * Kafka's fault handler halt the JVM, as it would for a standalone broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String LOG_DIR_NAME = "kafka-logs";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** Attempts when a randomly chosen port was taken between probing it and binding it. */
    private static final int BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final Admin admin;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, int port, Admin admin) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.admin = admin;
    }

    /**
     * Starts a broker on a random free client port of 127.0.0.1 (the controller listener also gets
     * one), formatting {@code dataDir} first if it is not formatted yet, and waits (at most 30 s)
     * until the broker answers a describe-cluster request.
     *
     * @throws IllegalStateException if the broker cannot start or is not ready in time
     */
    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir, 0);
    }

    /**
     * Like {@link #start(Path)} but with a fixed client port (e.g. to restart a broker on the same
     * directory and address); {@code 0} means a random free port.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (random) or 1-65535, not " + port);
        }
        long started = System.nanoTime();
        Path logDir = dataDir.toAbsolutePath().resolve(LOG_DIR_NAME);
        RuntimeException lastBindFailure = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            int clientPort = port != 0 ? port : freePort();
            int controllerPort = freePort(clientPort);
            // Kafka loads some broker classes by name through the thread's context class loader,
            // and the broker's threads inherit it: make it the loader of the broker's own classes
            // (the demo/ folder's, which the application class loader cannot see).
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(EmbeddedKafkaBroker.class.getClassLoader());
            try {
                EmbeddedKafkaBroker broker = startOnce(dataDir, logDir, clientPort, controllerPort, started);
                LOG.info("Embedded Kafka broker ready on {}:{} (data in {}) after {} ms",
                        HOST, clientPort, logDir, elapsedMillis(started));
                return broker;
            } catch (RuntimeException e) {
                if (!isBindFailure(e)) {
                    throw e;
                }
                lastBindFailure = e;
                if (port != 0 && attempt > 1) {
                    break; // the fixed client port itself is probably taken
                }
                LOG.warn("Embedded Kafka broker could not bind its ports (attempt {} of {}): {}",
                        attempt, BIND_ATTEMPTS, e.getMessage());
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        throw new IllegalStateException("Embedded Kafka broker could not bind its listeners on " + HOST
                + (port != 0 ? " (client port " + port + ")" : "") + ": " + rootMessage(lastBindFailure),
                lastBindFailure);
    }

    private static EmbeddedKafkaBroker startOnce(Path dataDir, Path logDir, int clientPort, int controllerPort,
                                                 long started) {
        Map<String, Object> properties = brokerProperties(logDir, clientPort, controllerPort);
        KafkaConfig config = new KafkaConfig(properties, false);
        formatIfNeeded(logDir, properties);

        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Embedded Kafka broker could not load its storage in " + logDir
                    + ": " + rootMessage(e), e);
        }
        try {
            server.startup();
        } catch (RuntimeException e) {
            stop(server);
            if (isBindFailure(e)) {
                throw e;
            }
            throw new IllegalStateException("Embedded Kafka broker failed to start on " + HOST + ":"
                    + clientPort + " with data in " + logDir + ": " + rootMessage(e), e);
        }
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + clientPort,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-broker-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) OPERATION_TIMEOUT.toMillis(),
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000));
        try {
            awaitReady(admin, clientPort, started);
            return new EmbeddedKafkaBroker(server, dataDir, clientPort, admin);
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            stop(server);
            throw e;
        }
    }

    /** The broker configuration: one combined node, replication factors of 1, explicit topic creation. */
    private static Map<String, Object> brokerProperties(Path logDir, int clientPort, int controllerPort) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        props.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        // Static quorum (see the class comment): the node is the only voter.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        // BrokerServer.startup() waits for the controller to unfence it; bound that wait.
        props.put("server.max.startup.time.ms", Long.toString(START_TIMEOUT.toMillis()));

        props.put("offsets.topic.replication.factor", "1");
        // One partition instead of 50: the first consumer group starts faster.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("auto.create.topics.enable", "false");
        // The log cleaner (for the compacted __consumer_offsets) otherwise allocates a 128 MiB
        // dedupe buffer on the heap of the host JVM.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return props;
    }

    /**
     * Formats {@code logDir} with a fresh cluster id unless it already holds {@code meta.properties}.
     *
     * <p>This is {@code kafka-storage.sh format -c <config> -t <cluster id>}: {@code StorageTool} builds
     * and runs a {@code org.apache.kafka.metadata.storage.Formatter} from the broker configuration.
     * The Formatter itself is not on the compile classpath (kafka-metadata is only a runtime
     * dependency of kafka_2.13 and kafka-server), and the tool needs the configuration as a file.
     */
    private static void formatIfNeeded(Path logDir, Map<String, Object> brokerProperties) {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            LOG.debug("Reusing formatted Kafka storage in {}", logDir);
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Path configFile = null;
        int exitCode;
        try {
            Files.createDirectories(logDir);
            configFile = Files.createTempFile(logDir.getParent(), "kafka-format-", ".properties");
            Properties properties = new Properties();
            brokerProperties.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
            try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                properties.store(writer, "embedded Kafka broker: configuration for formatting the storage");
            }
            // StorageTool prints its progress (and argument errors) to this stream, not to System.out,
            // which the CLI keeps for its own output.
            try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(new String[] {
                    "format", "--config", configFile.toString(), "--cluster-id", clusterId}, printStream);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka storage in " + logDir, e);
        } catch (RuntimeException e) { // FormatterException, TerseFailure, ConfigException
            throw new IllegalStateException("Embedded Kafka broker could not format its storage in " + logDir
                    + ": " + rootMessage(e), e);
        } finally {
            deleteQuietly(configFile);
        }
        String report = output.toString(StandardCharsets.UTF_8).strip();
        if (exitCode != 0 || !Files.exists(logDir.resolve(META_PROPERTIES))) {
            throw new IllegalStateException("Embedded Kafka broker could not format its storage in " + logDir
                    + " (exit code " + exitCode + "): " + report);
        }
        LOG.info("Formatted Kafka storage in {} (cluster id {}): {}", logDir, clusterId, report);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}", file, e);
        }
    }

    private static void awaitReady(Admin admin, int clientPort, long started) {
        long deadline = started + START_TIMEOUT.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            int timeoutMs = (int) Math.min(remainingMs, 5_000);
            try {
                var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                        .nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
                if (!nodes.isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                last = e.getCause();
            } catch (TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("Embedded Kafka broker on " + HOST + ":" + clientPort
                + " was not ready within " + START_TIMEOUT.toSeconds() + " s"
                + (last == null ? "" : ": " + rootMessage(last)), last);
    }

    /** The address clients connect to: {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /**
     * Creates a topic with {@code partitions} partitions (replication factor 1) unless it exists, and
     * waits until every partition has a leader. Creating an existing topic again is a no-op; an
     * existing topic with another partition count is an error.
     */
    public void createTopic(String name, int partitions) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, not " + partitions);
        }
        ensureOpen();
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                    .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic '" + name + "': " + rootMessage(e), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic '" + name + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic '" + name + "'", e);
        }
        TopicDescription description = awaitTopicReady(name);
        if (description.partitions().size() != partitions) {
            throw new IllegalStateException("Topic '" + name + "' already exists with "
                    + description.partitions().size() + " partitions, not " + partitions);
        }
    }

    private TopicDescription awaitTopicReady(String name) {
        long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin
                        .describeTopics(List.of(name), new DescribeTopicsOptions().timeoutMs(5_000))
                        .allTopicNames().get(10, TimeUnit.SECONDS).get(name);
                if (description != null && !description.partitions().isEmpty()
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return description;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Cannot describe topic '" + name + "': " + rootMessage(e), e);
                }
                last = e.getCause();
            } catch (TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic '" + name + "'", e);
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("Topic '" + name + "' did not become usable within "
                + OPERATION_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + rootMessage(last)), last);
    }

    /** The sum of the end offsets (the log-end offsets) of all partitions of {@code topic}. */
    public long endOffsetSum(String topic) {
        Objects.requireNonNull(topic, "topic");
        ensureOpen();
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                    .map(TopicPartitionInfo::partition)
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(request).all()
                    .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return offsets.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the end offsets of topic '" + topic + "': "
                    + rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out reading the end offsets of topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the end offsets of topic '" + topic + "'", e);
        }
    }

    /** Shuts the broker down and waits until it has stopped. The data directory is kept. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        admin.close(Duration.ofSeconds(1));
        stop(server);
        LOG.info("Embedded Kafka broker on {} stopped in {} ms (data kept in {})",
                bootstrapServers(), elapsedMillis(started), dataDir);
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Embedded Kafka broker on " + bootstrapServers() + " is closed");
        }
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down the embedded Kafka broker", e);
        }
    }

    /** A port of 127.0.0.1 that was free a moment ago (Kafka binds it shortly after). */
    private static int freePort(int... avoid) {
        Set<Integer> taken = Arrays.stream(avoid).boxed().collect(Collectors.toSet());
        for (int i = 0; i < 10; i++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                int candidate = socket.getLocalPort();
                if (!taken.contains(candidate)) {
                    return candidate;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
            }
        }
        throw new IllegalStateException("Cannot find a free port on " + HOST);
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
