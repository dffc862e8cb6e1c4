package dev.eventagent.engine.cli;

import dev.eventagent.api.Event;
import dev.eventagent.engine.LoadedConfig;
import dev.eventagent.engine.event.DecodeException;
import dev.eventagent.engine.event.DecoderSettings;
import dev.eventagent.engine.event.EventDecoder;
import dev.eventagent.engine.event.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code event-agent send}: produce example events to the topic. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Produce events from JSON or JSONL files to the topic, as they are. The record key is the "
                + "event's ordering key when the event decodes, none otherwise (bad records are sent too: "
                + "that is how to test the dead-letter path).")
final class SendCommand implements Callable<Integer> {

    @Mixin
    EngineOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON (one object or an array) or JSONL files.")
    List<Path> files;

    @Option(names = "--topic", description = "The topic (default: the first of agent.kafka.topics).")
    String topic;

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A header for every record.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = options.load();
        String target = topic != null ? topic : loaded.config().getStringList("agent.kafka.topics").get(0);
        String servers = loaded.config().getString("agent.kafka.bootstrap-servers");
        int sent = send(servers, target, files, headers, DecoderSettings.fromConfig(loaded.config()));
        spec.commandLine().getOut().printf("sent %d record(s) to %s at %s%n", sent, target, servers);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Produces the records of files and waits for every acknowledgement.
     *
     * @param servers the brokers
     * @param topic the topic
     * @param files the files
     * @param headers headers for every record
     * @param decoding how keys are found
     * @return how many records were sent
     * @throws Exception when a file cannot be read or the broker does not acknowledge
     */
    static int send(String servers, String topic, List<Path> files, Map<String, String> headers,
            DecoderSettings decoding) throws Exception {
        EventDecoder decoder = new EventDecoder(decoding);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Path file : files) {
                for (ReplayInput.Item item : ReplayInput.read(file)) {
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
