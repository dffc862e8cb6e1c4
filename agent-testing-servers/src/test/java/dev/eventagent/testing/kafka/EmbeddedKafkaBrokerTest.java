package dev.eventagent.testing.kafka;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "engineering-events";
    private static final String GROUP = "embedded-broker-test";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 100;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void producesConsumesCommitsAndKeepsEverythingAcrossARestart(@TempDir Path dataDir) throws Exception {
        int port;
        String clusterId;
        Map<TopicPartition, Long> committed;

        long t0 = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
        long startMs = millisSince(t0);
        try {
            port = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);

            broker.createTopic(TOPIC, PARTITIONS);
            broker.createTopic(TOPIC, PARTITIONS); // idempotent
            assertThat(broker.endOffsetSum(TOPIC)).isZero();

            Set<String> sent = produce(broker.bootstrapServers());
            assertThat(broker.endOffsetSum(TOPIC)).isEqualTo(RECORDS);

            Set<String> received = consumeAndCommit(broker.bootstrapServers());
            assertThat(received).isEqualTo(sent);

            try (Admin admin = admin(broker.bootstrapServers())) {
                clusterId = admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                committed = committedOffsets(admin);
                assertThat(committed).isEqualTo(endOffsets(admin));
                assertThat(committed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(RECORDS);
                assertThat(committed.values()).allMatch(offset -> offset > 0, "every partition got records");
            }
        } catch (Throwable failure) {
            broker.close();
            throw failure;
        }
        long closeStart = System.nanoTime();
        broker.close();
        long closeMs = millisSince(closeStart);
        System.out.printf("embedded broker: first start (format) %d ms, close %d ms%n", startMs, closeMs);
        assertThat(closeMs).as("close is quick").isLessThan(10_000);

        long t1 = System.nanoTime();
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dataDir, port)) {
            long restartMs = millisSince(t1);
            assertThat(restarted.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = admin(restarted.bootstrapServers())) {
                assertThat(admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS)).isEqualTo(clusterId);
                TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(TOPIC);
                assertThat(topic.partitions()).hasSize(PARTITIONS);
                assertThat(committedOffsets(admin)).isEqualTo(committed);
                assertThat(endOffsets(admin)).isEqualTo(committed);
            }
            restarted.createTopic(TOPIC, PARTITIONS); // still a no-op on the restarted broker
            assertThat(restarted.endOffsetSum(TOPIC)).isEqualTo(RECORDS);
            System.out.printf("embedded broker: restart on existing data %d ms%n", restartMs);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failsClearlyWhenTheClientPortIsTaken(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not bind")
                    .hasMessageContaining("client port " + port);
        }
    }

    private static Set<String> produce(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0);
        Set<String> values = new HashSet<>();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String value = "event-" + i;
                values.add(value);
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, value));
            }
            producer.flush();
        }
        return values;
    }

    private static Set<String> consumeAndCommit(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                consumer.commitSync();
            }
        }
        assertThat(values).hasSize(RECORDS);
        return values;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> result.put(partition, offset.offset()));
        return result;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new TopicPartition(TOPIC, p))
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, info) -> result.put(partition, info.offset()));
        return result;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
