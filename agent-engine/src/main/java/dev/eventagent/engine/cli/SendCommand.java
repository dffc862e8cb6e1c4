package dev.eventagent.engine.cli;

import dev.eventagent.engine.Installation;
import dev.eventagent.engine.event.DecoderSettings;
import dev.eventagent.engine.kafka.EventProducer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

    @Option(names = "--compression", defaultValue = "none", paramLabel = "TYPE",
            description = "Compress the batches as a producer would: none, gzip, snappy, lz4 or zstd "
                    + "(default: ${DEFAULT-VALUE}).")
    String compression;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Installation loaded = options.load();
        String target = topic != null ? topic : loaded.config().getStringList("agent.kafka.topics").get(0);
        String servers = loaded.config().getString("agent.kafka.bootstrap-servers");
        int sent = EventProducer.send(servers, target, files, headers, DecoderSettings.fromConfig(loaded.config()),
                compression);
        spec.commandLine().getOut().printf("sent %d record(s) to %s at %s%n", sent, target, servers);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
