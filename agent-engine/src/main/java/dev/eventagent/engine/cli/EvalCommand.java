package dev.eventagent.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.Event;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.bench.Benchmark;
import dev.eventagent.engine.event.DecodeException;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code event-agent eval}: labelled events through the configured planner, in a dry run, scored
 * on the tools it picks and the key arguments it gives them.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run a labelled dataset (JSONL: name, headers?, event, expected calls) through the configured "
                + "planner without executing anything and print tool-selection precision and recall, key-argument "
                + "accuracy, model calls and tokens per event, and latency.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    EngineOptions options;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The labelled events, one JSON object per line.")
    Path dataset;

    @Option(names = "--json", description = "End with one JSON line holding every figure.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One expected call: a tool and the key arguments it must have. */
    private record Expected(String tool, JsonNode args) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        MeterRegistry meters = new SimpleMeterRegistry();
        int events = 0;
        int undecodable = 0;
        int truePositives = 0;
        int predictedTools = 0;
        int expectedTools = 0;
        int expectedCalls = 0;
        int matchedCalls = 0;
        List<Long> latencies = new ArrayList<>();
        try (Engine engine = Engine.start(options.load(), new Engine.Options(true, Clock.systemUTC(), meters))) {
            out.printf("planner: %s%n", engine.plannerName());
            int line = 0;
            for (String text : Files.readAllLines(dataset, StandardCharsets.UTF_8)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode item = Json.MAPPER.readTree(text);
                String name = item.path("name").asText("line " + line);
                Map<String, String> headers = new LinkedHashMap<>();
                item.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
                List<Expected> expected = new ArrayList<>();
                item.path("expected").forEach(e -> expected.add(new Expected(e.path("tool").asText(), e.path("args"))));
                events++;
                Event event;
                try {
                    event = engine.decoder().decode(new RawRecord("eval", 0, line, java.time.Instant.now(), null,
                            Json.MAPPER.writeValueAsBytes(item.path("event")), headers));
                } catch (DecodeException e) {
                    undecodable++;
                    out.printf("  %-44s undecodable: %s%n", name, e.getMessage());
                    expectedTools += tools(expected).size();
                    expectedCalls += expected.size();
                    continue;
                }
                long start = System.nanoTime();
                AgentState state = engine.process(event);
                latencies.add((System.nanoTime() - start) / 1_000_000);
                List<CallOutcome> proposed = state.outcomes();
                Set<String> predicted = new TreeSet<>();
                proposed.forEach(o -> predicted.add(o.call().tool()));
                Set<String> wanted = tools(expected);
                Set<String> hit = new TreeSet<>(predicted);
                hit.retainAll(wanted);
                truePositives += hit.size();
                predictedTools += predicted.size();
                expectedTools += wanted.size();
                int matched = 0;
                for (Expected call : expected) {
                    if (proposed.stream().anyMatch(o -> o.call().tool().equals(call.tool())
                            && matches(call.args(), Json.MAPPER.valueToTree(o.call().arguments())))) {
                        matched++;
                    }
                }
                expectedCalls += expected.size();
                matchedCalls += matched;
                Set<String> missing = new TreeSet<>(wanted);
                missing.removeAll(predicted);
                Set<String> extra = new TreeSet<>(predicted);
                extra.removeAll(wanted);
                out.printf("  %-44s tools %d/%d  calls %d/%d%s%s%n", name, hit.size(), wanted.size(), matched,
                        expected.size(), missing.isEmpty() ? "" : "  missing " + missing,
                        extra.isEmpty() ? "" : "  extra " + extra);
            }
        }
        double precision = predictedTools == 0 ? 0 : (double) truePositives / predictedTools;
        double recall = expectedTools == 0 ? 1 : (double) truePositives / expectedTools;
        double argumentAccuracy = expectedCalls == 0 ? 1 : (double) matchedCalls / expectedCalls;
        double modelCalls = Search.in(meters).name("agent.llm.requests").tag("outcome", "ok").timers().stream()
                .mapToLong(timer -> timer.count()).sum() / (double) Math.max(1, events);
        double tokens = (count(meters, "agent.llm.tokens")) / Math.max(1, events);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events", events);
        figures.put("undecodable", undecodable);
        figures.put("tool_precision", round(precision));
        figures.put("tool_recall", round(recall));
        figures.put("key_argument_accuracy", round(argumentAccuracy));
        figures.put("model_calls_per_event", round(modelCalls));
        figures.put("tokens_per_event", round(tokens));
        figures.put("latency_p50_ms", Benchmark.percentile(latencies, 50));
        figures.put("latency_p95_ms", Benchmark.percentile(latencies, 95));
        out.printf("%nevents %d (undecodable %d)%n", events, undecodable);
        out.printf("tool selection: precision %.3f, recall %.3f%n", precision, recall);
        out.printf("key arguments:  %.3f of the expected calls made with the right key arguments%n", argumentAccuracy);
        out.printf("model:          %.2f calls and %.0f tokens per event%n", modelCalls, tokens);
        out.printf("latency:        p50 %d ms, p95 %d ms%n", figures.get("latency_p50_ms"), figures.get("latency_p95_ms"));
        if (json) {
            out.println(Json.write(figures));
        }
        out.flush();
        return 0;
    }

    private static Set<String> tools(List<Expected> expected) {
        Set<String> names = new HashSet<>();
        expected.forEach(e -> names.add(e.tool()));
        return names;
    }

    /** Every listed key argument is there with the same value; objects compare on their listed keys. */
    static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected == null || expected.isMissingNode() || expected.isNull()) {
            return true;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (!matches(field.getValue(), actual.path(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static double count(MeterRegistry meters, String name) {
        return Search.in(meters).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
