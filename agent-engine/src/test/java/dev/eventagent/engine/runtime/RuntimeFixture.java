package dev.eventagent.engine.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing test events, reading dead letters and committed offsets, waiting for conditions. */
final class RuntimeFixture {

    private RuntimeFixture() {
    }

    /** The route the runtime tests use: write then post, both counted by {@link CountingPlugin}. */
    static final String ROUTES = """
            agent.rules.routes.count { when { source = github },
              steps {
                write { order = 1, calls.w { tool = write_effect,
                    args { key = "$.event.key", seq = "$.event.attributes.commits[0].sha" } } }
                post { order = 2, calls.p { tool = post_effect,
                    args { key = "$.event.key", seq = "$.event.attributes.commits[0].sha" } } } } }
            """;

    /** A seed-style push: key {@code repo-<key>}, commit sha = the sequence number. */
    static String push(int key, int seq) {
        return "{\"source\":\"github\",\"event_type\":\"push\",\"id\":\"evt-" + seq + "\",\"repository\":\"repo-" + key
                + "\",\"commits\":[{\"sha\":\"" + seq + "\",\"author\":{\"email\":\"dev" + key
                + "@example.com\",\"name\":\"Dev\"},\"message\":\"change " + seq + "\",\"files\":[]}]}";
    }

    static KafkaProducer<byte[], byte[]> producer(String servers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Produces {@code count} pushes over {@code keys} keys, in sequence, and waits for the acks. */
    static void producePushes(String servers, String topic, int from, int count, int keys) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(servers)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int seq = from; seq < from + count; seq++) {
                int key = seq % keys;
                acks.add(producer.send(new ProducerRecord<>(topic, ("repo-" + key).getBytes(StandardCharsets.UTF_8),
                        push(key, seq).getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }

    /** The sum of the group's committed offsets over the topic's partitions. */
    static long committedSum(String servers, String group, String topic) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** Every record of a topic, read from the beginning. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String servers, String topic, int expected, Duration limit) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + limit.toMillis();
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // a little longer, to see records beyond the expected count
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits for a condition, failing with the description after the limit. */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + limit.toMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
