package dev.eventagent.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a demo session did and what the stores hold afterwards.
 *
 * @param produced how many records were produced
 * @param finished how many the runtime finished
 * @param timedOut whether a phase did not finish in time
 * @param decisions the audit records, one per processed event, in the order written
 * @param deadLetters one line per dead-lettered record
 * @param backends each local backend's description and report lines, in start order
 * @param stores store → measure → count, from the local backends; a plugin left out appears
 *     under its name as {@code {"left_out": "why"}}
 */
public record DemoReport(int produced, long finished, boolean timedOut, List<JsonNode> decisions,
        List<String> deadLetters, List<BackendReport> backends, Map<String, Map<String, Object>> stores) {

    /** The outcomes counted per event class, always all of them. */
    public static final List<String> OUTCOMES = List.of("ok", "partial", "skipped", "failed", "denied");

    /** Validates and copies the fields. */
    public DemoReport {
        decisions = List.copyOf(decisions);
        deadLetters = List.copyOf(deadLetters);
        backends = List.copyOf(backends);
        stores = new TreeMap<>(requireNonNull(stores, "stores is null"));
    }

    /**
     * One local backend at the end of the demo.
     *
     * @param description what ran and where
     * @param lines what it holds, or why it could not be asked
     */
    public record BackendReport(String description, List<String> lines) {

        /** Copies the lines. */
        public BackendReport {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Events per class and outcome, from the audit trail: {@code {"github.push": {"ok": 3,
     * "partial": 0, "skipped": 0, "failed": 0, "denied": 0}}}. Outcomes other than these five (a
     * dry run's {@code planned}) are not counted.
     *
     * @return class → outcome → count, classes sorted
     */
    public Map<String, Map<String, Long>> events() {
        Map<String, Map<String, Long>> events = new TreeMap<>();
        for (JsonNode decision : decisions) {
            Map<String, Long> counts = events.computeIfAbsent(decision.path("class").asText(), c -> {
                Map<String, Long> zero = new LinkedHashMap<>();
                OUTCOMES.forEach(outcome -> zero.put(outcome, 0L));
                return zero;
            });
            counts.computeIfPresent(decision.path("outcome").asText(), (outcome, n) -> n + 1);
        }
        return events;
    }

    /**
     * The figures as one JSON-ready object: {@code events}, {@code dead_lettered}, {@code stores}.
     *
     * @return the object
     */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("events", events());
        summary.put("dead_lettered", deadLetters.size());
        summary.put("stores", stores);
        return summary;
    }
}
