package dev.eventagent.demo.bench;

import dev.eventagent.engine.json.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code event-agent bench}: throughput and latency figures (a benchmark, not a test). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Print throughput and latency figures: (a) the graph alone, (b) end to end through an "
                + "in-process Kafka with a simulated model, against the seed's one-event-at-a-time way, (c) p50/p99.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--graph-events", defaultValue = "20000", description = "Events for (a) (default: ${DEFAULT-VALUE}).")
    int graphEvents;

    @Option(names = "--events", defaultValue = "400", description = "Events for (b) (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--baseline-events", defaultValue = "20",
            description = "Events for the baseline of (b) (default: ${DEFAULT-VALUE}).")
    int baselineEvents;

    @Option(names = "--model-latency-ms", defaultValue = "300",
            description = "Latency of one simulated model call (default: ${DEFAULT-VALUE}).")
    long modelLatency;

    @Option(names = "--model-concurrency", defaultValue = "4",
            description = "The most concurrent model calls (default: ${DEFAULT-VALUE}).")
    int modelConcurrency;

    @Option(names = "--tool-latency-ms", defaultValue = "20",
            description = "Latency of each simulated tool call in (b) (default: ${DEFAULT-VALUE}).")
    long toolLatency;

    @Option(names = "--model-share", defaultValue = "1.0",
            description = "Share of events that need a model call; below 1 simulates hybrid planning, where rule "
                    + "routes plan the rest (default: ${DEFAULT-VALUE}: every event asks the model).")
    double modelShare;

    @Option(names = "--json", description = "End with one JSON line holding every figure.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("event-agent-bench");
        Map<String, Object> figures = new Benchmark(new Benchmark.Settings(graphEvents, events, baselineEvents,
                Duration.ofMillis(modelLatency), modelConcurrency, Duration.ofMillis(toolLatency), 100, modelShare), dir, out)
                .run();
        out.println();
        out.printf("(a) graph only:        %10.1f events/s%n", (double) figures.get("graph_events_per_s"));
        out.printf("(b) end to end:        %10.1f events/s  (%.1f model calls/event)%n",
                (double) figures.get("e2e_events_per_s"), (double) figures.get("e2e_model_calls_per_event"));
        out.printf("    seed-style:        %10.1f events/s  (%.1f model calls/event)%n",
                (double) figures.get("baseline_events_per_s"), (double) figures.get("baseline_model_calls_per_event"));
        out.printf("    ratio:             %10.1f x%n", (double) figures.get("ratio"));
        out.printf("(c) latency p50/p99:   %6d / %d ms end to end; %d / %d ms seed-style%n",
                (long) figures.get("e2e_p50_ms"), (long) figures.get("e2e_p99_ms"),
                (long) figures.get("baseline_p50_ms"), (long) figures.get("baseline_p99_ms"));
        if (json) {
            out.println(Json.write(figures));
        }
        out.flush();
        return 0;
    }
}
