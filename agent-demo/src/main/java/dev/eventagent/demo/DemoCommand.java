package dev.eventagent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.cli.EngineOptions;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.json.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code event-agent demo}: the main job on embedded defaults, with no configuration and no
 * network ({@link DemoSession} does the work; this prints it).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a single-node Kafka in this process, produce the example events, process them "
                + "live through the configured graph and print what was done. Needs no configuration and no network.")
public final class DemoCommand implements Callable<Integer> {

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

    @Option(names = "--json", description = "End with one JSON line: events per class and outcome, dead letters, "
            + "and what each store holds.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("event-agent-demo");
        DemoSession.Settings settings = new DemoSession.Settings(dir,
                Duration.parse("PT" + timeout.toUpperCase(Locale.ROOT)), keep, backendsDir(),
                options.sources());
        DemoReport report = DemoSession.run(settings, new DemoSession.Listener() {
            @Override
            public void say(String line) {
                out.println(line);
                out.flush();
            }

            @Override
            public void progress(long finished, long expected, long inFlight) {
                err.printf("\rprocessing: %d/%d finished, %d in flight   ", finished, expected, inFlight);
                err.flush();
            }

            @Override
            public void phaseDone() {
                err.println();
                err.flush();
            }
        });
        print(out, report, dir.resolve("audit.jsonl"));
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(report.summary()));
        }
        out.flush();
        return report.timedOut() ? 1 : 0;
    }

    private Path backendsDir() {
        if (backendsDir != null) {
            return backendsDir;
        }
        String home = System.getProperty(ConfigLoader.HOME_PROPERTY);
        return home == null ? Path.of("demo-backends") : Path.of(home, "demo-backends");
    }

    private static void print(PrintWriter out, DemoReport report, Path audit) {
        out.println();
        out.println("What was done (from the audit trail, " + audit + "):");
        for (JsonNode record : report.decisions()) {
            out.printf("  %-26s %-30s outcome=%-8s %s%n", record.path("class").asText(),
                    "route=" + (record.path("route").isNull() ? "-" : record.path("route").asText()),
                    record.path("outcome").asText(), record.path("response").asText(""));
            for (JsonNode call : record.path("calls")) {
                out.printf("      %-34s %s%s%n", call.path("tool").asText(), call.path("status").asText(),
                        call.has("error") ? ": " + call.path("error").asText() : "");
            }
        }
        out.println();
        out.println("Dead-lettered (" + DemoSession.deadLetterTopic() + "): " + report.deadLetters().size());
        report.deadLetters().forEach(line -> out.println("  " + line));
        if (!report.backends().isEmpty()) {
            out.println();
            out.println("What the stores hold now:");
            for (DemoReport.BackendReport backend : report.backends()) {
                if (backend.lines().isEmpty()) {
                    continue;
                }
                out.println("  " + backend.description());
                backend.lines().forEach(line -> out.println("      " + line));
            }
        }
    }
}
