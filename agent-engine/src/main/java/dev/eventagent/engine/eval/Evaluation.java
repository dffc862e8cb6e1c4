package dev.eventagent.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.Event;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.event.DecodeException;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a labelled dataset (JSONL: {@code name}, {@code headers?}, {@code event}, {@code expected}
 * calls with their key arguments) through an engine started as a dry run, and scores the planner:
 * tool-selection precision and recall, key-argument accuracy, model calls and tokens per event,
 * latency.
 */
public final class Evaluation {

    /** One expected call: a tool and the key arguments it must have. */
    private record Expected(String tool, JsonNode args) {
    }

    /**
     * How one labelled event went.
     *
     * @param name the item's name
     * @param undecodable why it did not decode, or {@code null}
     * @param toolsHit expected tools the planner picked
     * @param toolsExpected the expected tools
     * @param callsMatched expected calls made with the right key arguments
     * @param callsExpected the expected calls
     * @param missing expected tools not picked
     * @param extra tools picked but not expected
     */
    public record Item(String name, String undecodable, int toolsHit, int toolsExpected, int callsMatched,
            int callsExpected, Set<String> missing, Set<String> extra) {
    }

    /**
     * The scores.
     *
     * @param items every labelled event, in order
     * @param figures {@code events}, {@code undecodable}, {@code tool_precision}, {@code tool_recall},
     *     {@code key_argument_accuracy}, {@code model_calls_per_event}, {@code tokens_per_event},
     *     {@code latency_p50_ms}, {@code latency_p95_ms}
     */
    public record Result(List<Item> items, Map<String, Object> figures) {
    }

    private Evaluation() {
    }

    /**
     * Scores the planner of a dry-run engine on a dataset.
     *
     * @param engine the engine, started as a dry run
     * @param meters the engine's metrics (model calls and tokens are read from them)
     * @param dataset the JSONL file
     * @return the scores
     * @throws IOException when the dataset cannot be read or a line is not JSON
     */
    public static Result run(Engine engine, MeterRegistry meters, Path dataset) throws IOException {
        List<Item> items = new ArrayList<>();
        int events = 0;
        int undecodable = 0;
        int truePositives = 0;
        int predictedTools = 0;
        int expectedTools = 0;
        int expectedCalls = 0;
        int matchedCalls = 0;
        List<Long> latencies = new ArrayList<>();
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
            Set<String> wanted = tools(expected);
            events++;
            Event event;
            try {
                event = engine.decoder().decode(new RawRecord("eval", 0, line, Instant.now(), null,
                        Json.MAPPER.writeValueAsBytes(item.path("event")), headers));
            } catch (DecodeException e) {
                undecodable++;
                expectedTools += wanted.size();
                expectedCalls += expected.size();
                items.add(new Item(name, e.getMessage(), 0, wanted.size(), 0, expected.size(), wanted, Set.of()));
                continue;
            }
            long start = System.nanoTime();
            AgentState state = engine.process(event);
            latencies.add((System.nanoTime() - start) / 1_000_000);
            List<CallOutcome> proposed = state.outcomes();
            Set<String> predicted = new TreeSet<>();
            proposed.forEach(o -> predicted.add(o.call().tool()));
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
            items.add(new Item(name, null, hit.size(), wanted.size(), matched, expected.size(), missing, extra));
        }
        double precision = predictedTools == 0 ? 0 : (double) truePositives / predictedTools;
        double recall = expectedTools == 0 ? 1 : (double) truePositives / expectedTools;
        double argumentAccuracy = expectedCalls == 0 ? 1 : (double) matchedCalls / expectedCalls;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events", events);
        figures.put("undecodable", undecodable);
        figures.put("tool_precision", round(precision));
        figures.put("tool_recall", round(recall));
        figures.put("key_argument_accuracy", round(argumentAccuracy));
        // Model calls are the requests that got an answer (agent.llm.requests times every attempt).
        figures.put("model_calls_per_event", round(Search.in(meters).name("agent.llm.requests").tag("outcome", "ok")
                .timers().stream().mapToDouble(timer -> timer.count()).sum() / Math.max(1, events)));
        figures.put("tokens_per_event", round(count(meters, "agent.llm.tokens") / Math.max(1, events)));
        figures.put("latency_p50_ms", Percentiles.nearestRank(latencies, 50));
        figures.put("latency_p95_ms", Percentiles.nearestRank(latencies, 95));
        return new Result(List.copyOf(items), figures);
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
