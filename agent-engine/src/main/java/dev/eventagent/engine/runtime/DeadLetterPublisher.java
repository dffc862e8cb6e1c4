package dev.eventagent.engine.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events that cannot succeed to the dead-letter topic, with the original key, value and
 * headers plus headers saying why, and waits for the broker's acknowledgement: the event's offset
 * is committed only after that. A value too large for the topic is sent cut to
 * {@value #TRUNCATED_BYTES} bytes, marked so. The producer's own metrics are exported
 * ({@code kafka_producer_*}, client id {@code event-agent-dlq} unless configured).
 */
final class DeadLetterPublisher implements AutoCloseable {

    /** Header prefix of the dead-letter headers. */
    static final String PREFIX = "event-agent.dlq.";
    private static final int TRUNCATED_BYTES = 256 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaClientMetrics producerMetrics;
    private final String topic;
    private final Clock clock;

    DeadLetterPublisher(RuntimeSettings settings, Clock clock, MeterRegistry meters) {
        Properties properties = new Properties();
        properties.putAll(settings.producer());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "event-agent-dlq");
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.producerMetrics = new KafkaClientMetrics(producer);
        this.producerMetrics.bindTo(meters);
        this.topic = settings.deadLetterTopic();
        this.clock = clock;
    }

    /**
     * Sends the record to the dead-letter topic and waits for the acknowledgement.
     *
     * @param record the original record
     * @param why why it is dead-lettered
     * @throws IllegalStateException when the broker does not acknowledge within a minute
     */
    void publish(ConsumerRecord<byte[], byte[]> record, DeadLetter why) {
        try {
            send(record, why, record.value(), false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException && record.value() != null) {
                try {
                    send(record, why, Arrays.copyOf(record.value(), TRUNCATED_BYTES), true);
                    return;
                } catch (ExecutionException | TimeoutException retry) {
                    throw failed(record, retry);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failed(record, interrupted);
                }
            }
            throw failed(record, e);
        } catch (TimeoutException e) {
            throw failed(record, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(record, e);
        }
    }

    private void send(ConsumerRecord<byte[], byte[]> record, DeadLetter why, byte[] value, boolean truncated)
            throws ExecutionException, InterruptedException, TimeoutException {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, null, record.key(), value);
        for (Header header : record.headers()) {
            out.headers().add(header);
        }
        add(out, "topic", record.topic());
        add(out, "partition", String.valueOf(record.partition()));
        add(out, "offset", String.valueOf(record.offset()));
        add(out, "error.class", why.errorClass());
        add(out, "error.message", why.message().length() > 2000 ? why.message().substring(0, 2000) + "…" : why.message());
        add(out, "stage", why.stage());
        add(out, "attempts", String.valueOf(why.attempts()));
        add(out, "timestamp", clock.instant().toString());
        if (truncated) {
            add(out, "value-truncated", "true");
            add(out, "original-size", String.valueOf(record.serializedValueSize()));
        }
        producer.send(out).get(1, TimeUnit.MINUTES);
    }

    private static void add(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(PREFIX + name, value.getBytes(StandardCharsets.UTF_8));
    }

    private IllegalStateException failed(ConsumerRecord<byte[], byte[]> record, Exception e) {
        return new IllegalStateException("cannot dead-letter " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + " to " + topic + ": " + e, e);
    }

    @Override
    public void close() {
        producerMetrics.close();
        producer.close();
    }
}
