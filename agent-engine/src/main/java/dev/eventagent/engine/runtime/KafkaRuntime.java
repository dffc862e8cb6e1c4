package dev.eventagent.engine.runtime;

import dev.eventagent.engine.Engine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's main loop: consumes the configured topics at least once and acts on every event
 * without losing or repeating an effect.
 *
 * <ul>
 *   <li>No auto-commit. The poll thread commits, per partition, the highest offset below which
 *       every event is done (processed, or dead-lettered with the broker's acknowledgement).</li>
 *   <li>Events with the same record key (per topic) run one at a time in order; different keys
 *       run concurrently on workers. Records without a key keep their partition's order.</li>
 *   <li>When {@code max-in-flight} events are unfinished the assigned partitions are paused
 *       (the consumer keeps polling, so the group keeps its members) and resumed below it.</li>
 *   <li>A revocation lets no new event of the partitions start, waits (bounded) for the running
 *       ones and commits what is done; abandoned events are redelivered to the new owner, and the
 *       effect ledger keeps their EXTERNAL effects from repeating.</li>
 *   <li>{@link #close()} (SIGTERM) does the same for every partition, then closes the consumer.</li>
 * </ul>
 */
public final class KafkaRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRuntime.class);

    /** What a worker reports back to the poll thread. */
    private record Report(TopicPartition partition, long offset, int epoch, boolean finished) {
    }

    private final RuntimeSettings settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaClientMetrics consumerMetrics;
    private final DeadLetterPublisher deadLetters;
    private final EventHandler handler;
    private final ExecutorService workers;
    private final KeyedExecutor keyed;
    private final MeterRegistry meters;
    private final ConcurrentLinkedQueue<Report> reports = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final Map<TopicPartition, Integer> epochs = new ConcurrentHashMap<>();
    /** Epochs are never reused, so a straggler of an earlier assignment never counts for a later one. */
    private final AtomicInteger nextEpoch = new AtomicInteger();
    private final Set<TopicPartition> closing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong lastPoll = new AtomicLong(System.currentTimeMillis());
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread pollThread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile boolean paused;

    private KafkaRuntime(Engine engine, RuntimeSettings settings, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.meters = meters;
        this.consumer = new KafkaConsumer<>(consumerProperties(settings), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        this.consumerMetrics.bindTo(meters);
        this.deadLetters = new DeadLetterPublisher(settings, clock, meters);
        this.handler = new EventHandler(engine, deadLetters, settings, meters, engine.resilience());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.maxInFlight(), runnable -> {
            Thread thread = new Thread(runnable, "event-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.keyed = new KeyedExecutor(workers);
        Gauge.builder("agent.events.in.flight", inFlight, AtomicInteger::get).register(meters);
        Gauge.builder("agent.kafka.lag", lag, AtomicLong::get).register(meters);
        this.pollThread = new Thread(this::pollLoop, "kafka-poll");
    }

    /**
     * Starts consuming.
     *
     * @param engine the engine that processes each event
     * @param settings the runtime's settings
     * @param meters where metrics go
     * @param clock the clock
     * @return the running runtime
     */
    public static KafkaRuntime start(Engine engine, RuntimeSettings settings, MeterRegistry meters, Clock clock) {
        KafkaRuntime runtime = new KafkaRuntime(engine, settings, meters, clock);
        runtime.pollThread.start();
        return runtime;
    }

    private static Properties consumerProperties(RuntimeSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.consumer());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                String.valueOf(Math.max(1, Math.min(500, settings.maxInFlight()))));
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "event-agent");
        return properties;
    }

    /**
     * Whether the consumer holds partitions (for readiness).
     *
     * @return true while partitions are assigned
     */
    public boolean isAssigned() {
        return !epochs.isEmpty() && running;
    }

    /**
     * Whether the poll loop is alive and polled recently (for liveness).
     *
     * @return true when healthy
     */
    public boolean isAlive() {
        return pollThread.isAlive() && System.currentTimeMillis() - lastPoll.get() < 60_000;
    }

    /**
     * Events received and not finished.
     *
     * @return the count
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Events finished since start (processed or dead-lettered).
     *
     * @return the count
     */
    public long finishedEvents() {
        return finished.get();
    }

    /**
     * Waits until the runtime has stopped.
     *
     * @throws InterruptedException when interrupted
     */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Why the runtime stopped on its own, if it did: an error of the consumer loop, not a close.
     *
     * @return the error
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void pollLoop() {
        try {
            subscribe();
            long lastCommit = System.currentTimeMillis();
            while (running) {
                applyReports();
                if (System.currentTimeMillis() - lastCommit >= settings.commitInterval().toMillis()) {
                    commit(progress.keySet(), false);
                    lastCommit = System.currentTimeMillis();
                }
                flowControl();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                lastPoll.set(System.currentTimeMillis());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    dispatch(record);
                }
                updateLag();
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
                LOG.error("The consumer was woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("The Kafka runtime stopped on an error", e);
        } finally {
            try {
                release(new HashSet<>(progress.keySet()), settings.shutdownTimeout(), true);
                consumerMetrics.close();
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
            } catch (RuntimeException e) {
                LOG.warn("Closing the consumer failed: {}", e.toString());
            }
            workers.shutdownNow();
            deadLetters.close();
            handler.close();
            running = false;
            LOG.info("Stopped consuming: {} event(s) finished, {} abandoned in flight", finished.get(), inFlight.get());
            stopped.countDown();
        }
    }

    private void subscribe() {
        ConsumerRebalanceListener listener = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                LOG.info("Partitions revoked: {}", partitions);
                release(new HashSet<>(partitions), settings.rebalanceDrainTimeout(), true);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                LOG.warn("Partitions lost: {}", partitions);
                release(new HashSet<>(partitions), Duration.ZERO, false);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                LOG.info("Partitions assigned: {}", partitions);
                for (TopicPartition partition : partitions) {
                    progress.put(partition, new PartitionProgress());
                    epochs.put(partition, nextEpoch.incrementAndGet());
                    closing.remove(partition);
                }
                if (paused) {
                    consumer.pause(partitions);
                }
            }
        };
        if (settings.topicPattern().isEmpty()) {
            consumer.subscribe(settings.topics(), listener);
            LOG.info("Consuming {} as group {} from {}", settings.topics(), settings.groupId(),
                    settings.bootstrapServers());
        } else {
            consumer.subscribe(Pattern.compile(settings.topicPattern()), listener);
            LOG.info("Consuming topics matching {} as group {} from {}", settings.topicPattern(), settings.groupId(),
                    settings.bootstrapServers());
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionProgress partitionProgress = progress.computeIfAbsent(partition, p -> new PartitionProgress());
        partitionProgress.received(record.offset());
        inFlight.incrementAndGet();
        meters.counter("agent.events.in", "topic", record.topic()).increment();
        int epoch = epochs.getOrDefault(partition, 0);
        String key = record.key() == null
                ? "partition:" + record.partition()
                : "key:" + new String(record.key(), StandardCharsets.UTF_8);
        long received = System.nanoTime();
        keyed.submit(record.topic() + "/" + key, () -> {
            boolean finished = false;
            try {
                if (isCurrent(partition, epoch)) {
                    finished = handler.handle(record, received, () -> isCurrent(partition, epoch));
                }
            } finally {
                reports.add(new Report(partition, record.offset(), epoch, finished));
            }
        });
    }

    private boolean isCurrent(TopicPartition partition, int epoch) {
        return running && !closing.contains(partition) && epochs.getOrDefault(partition, -1) == epoch;
    }

    private void applyReports() {
        Report report;
        while ((report = reports.poll()) != null) {
            inFlight.decrementAndGet();
            if (report.finished()) {
                finished.incrementAndGet();
            }
            PartitionProgress partitionProgress = progress.get(report.partition());
            if (partitionProgress != null && epochs.getOrDefault(report.partition(), -1) == report.epoch()) {
                partitionProgress.reported(report.offset(), report.finished());
            }
        }
    }

    private void flowControl() {
        int limit = settings.maxInFlight();
        if (!paused && inFlight.get() >= limit) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.debug("Paused {} partitions: {} events in flight", consumer.assignment().size(), inFlight.get());
        } else if (paused && inFlight.get() < Math.max(1, limit * 3 / 4)) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    /**
     * Stops new work on partitions, waits up to {@code timeout} for their running events, commits
     * what is done and forgets them. Runs on the poll thread.
     */
    private void release(Set<TopicPartition> partitions, Duration timeout, boolean commit) {
        closing.addAll(partitions);
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (outstanding(partitions) > 0 && System.currentTimeMillis() < deadline) {
            applyReports();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        applyReports();
        int left = outstanding(partitions);
        if (left > 0) {
            LOG.warn("{} event(s) of {} still running after {} ms; they will be redelivered", left, partitions,
                    timeout.toMillis());
        }
        if (commit) {
            commit(partitions, true);
        }
        for (TopicPartition partition : partitions) {
            progress.remove(partition);
            epochs.remove(partition);
        }
    }

    private int outstanding(Set<TopicPartition> partitions) {
        int total = 0;
        for (TopicPartition partition : partitions) {
            PartitionProgress partitionProgress = progress.get(partition);
            total += partitionProgress == null ? 0 : partitionProgress.outstanding();
        }
        return total;
    }

    private void commit(Set<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionProgress partitionProgress = progress.get(partition);
            long next = partitionProgress == null ? -1 : partitionProgress.committable();
            if (next >= 0) {
                offsets.put(partition, new OffsetAndMetadata(next));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                commitSync(offsets);
            } catch (RuntimeException e) {
                LOG.warn("Committing {} failed: {}; the events after the last commit will be redelivered", offsets,
                        e.toString());
            }
        } else {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    markCommitted(committed);
                } else {
                    LOG.warn("Committing offsets failed (retried at the next interval): {}", error.toString());
                }
            });
        }
    }

    /** A pending wake-up (from {@link #close()}) interrupts the first blocking call: commit again then. */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(30));
        } catch (WakeupException e) {
            consumer.commitSync(offsets, Duration.ofSeconds(30));
        }
        markCommitted(offsets);
    }

    private void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionProgress partitionProgress = progress.get(partition);
            if (partitionProgress != null) {
                partitionProgress.committed(offset.offset());
            }
        });
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition partition : progress.keySet()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        lag.set(total);
    }

    /**
     * Stops: no new events start, running ones finish (bounded by {@code shutdown-timeout}), what
     * is done is committed, and the consumer leaves the group.
     */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (!stopped.await(settings.shutdownTimeout().toMillis() + 15_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("The Kafka runtime did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
