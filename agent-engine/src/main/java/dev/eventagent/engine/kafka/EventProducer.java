package dev.eventagent.engine.kafka;

import dev.eventagent.api.Event;
import dev.eventagent.engine.event.DecodeException;
import dev.eventagent.engine.event.DecoderSettings;
import dev.eventagent.engine.event.EventDecoder;
import dev.eventagent.engine.event.EventFile;
import dev.eventagent.engine.event.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces the records of event files to a topic as they are, keyed by the event's ordering key
 * when the record decodes (none otherwise: bad records are sent too, to test the dead-letter path),
 * and waits for every acknowledgement.
 */
public final class EventProducer {

    private EventProducer() {
    }

    /**
     * Produces the records of files.
     *
     * @param servers the brokers
     * @param topic the topic
     * @param files the files
     * @param headers headers for every record
     * @param decoding how keys are found
     * @return how many records were sent
     * @throws Exception when a file cannot be read or the broker does not acknowledge
     */
    public static int send(String servers, String topic, List<Path> files, Map<String, String> headers,
            DecoderSettings decoding) throws Exception {
        return send(servers, topic, files, headers, decoding, "none");
    }

    /**
     * Produces the records of files compressed as many producers compress them, and waits for
     * every acknowledgement.
     *
     * @param servers the brokers
     * @param topic the topic
     * @param files the files
     * @param headers headers for every record
     * @param decoding how keys are found
     * @param compression the producer's compression.type: none, gzip, snappy, lz4 or zstd
     * @return how many records were sent
     * @throws Exception when a file cannot be read or the broker does not acknowledge
     */
    public static int send(String servers, String topic, List<Path> files, Map<String, String> headers,
            DecoderSettings decoding, String compression) throws Exception {
        EventDecoder decoder = new EventDecoder(decoding);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Path file : files) {
                for (EventFile.Item item : EventFile.read(file)) {
                    byte[] key = null;
                    try {
                        Event event = decoder.decode(new RawRecord(topic, 0, -1, Instant.now(), null, item.value(),
                                headers));
                        key = event.key().getBytes(StandardCharsets.UTF_8);
                    } catch (DecodeException e) {
                        key = null;
                    }
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, item.value());
                    headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                    acks.add(producer.send(record));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
        return acks.size();
    }
}
