package dev.eventagent.tools.notify;

import dev.eventagent.api.Metrics;
import dev.eventagent.api.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one tool's recent effects by {@link EffectTag}: a repeated call with the same
 * idempotency key answers the first result, flagged {@code "deduplicated": true}, instead of
 * sending again. Counts {@code notifications} tagged {@code kind} ({@code slack}, {@code mail},
 * {@code github}) and {@code outcome} ({@code sent}, {@code deduplicated}).
 * Thread-safe.
 */
final class RecentEffects {

    private final LruMap<String, Map<String, Object>> results;
    private final Metrics metrics;
    private final String kind;

    /**
     * Creates the memory.
     *
     * @param capacity how many effects to remember
     * @param metrics where the counts go
     * @param kind the metrics' {@code kind} tag: {@code slack}, {@code mail} or {@code github}
     */
    RecentEffects(int capacity, Metrics metrics, String kind) {
        this.results = new LruMap<>(capacity);
        this.metrics = metrics;
        this.kind = kind;
    }

    /**
     * The first result of an effect this tool already made, if it remembers one.
     *
     * @param tag the effect's tag
     * @return the flagged result, or empty when the effect must be made
     */
    Optional<ToolResult> replay(String tag) {
        Map<String, Object> earlier = results.get(tag);
        return earlier == null ? Optional.empty() : Optional.of(found(tag, earlier));
    }

    /**
     * An effect made before, found at the backend (e.g. by its marker): remembered and answered
     * as a repeat.
     *
     * @param tag the effect's tag
     * @param result its result
     * @return the flagged result
     */
    ToolResult found(String tag, Map<String, Object> result) {
        results.put(tag, result);
        metrics.increment("notifications", "kind", kind, "outcome", "deduplicated");
        Map<String, Object> flagged = new LinkedHashMap<>(result);
        flagged.put("deduplicated", true);
        return ToolResult.of(flagged);
    }

    /**
     * Remembers an effect just made.
     *
     * @param tag the effect's tag
     * @param result what a repeat answers
     */
    void sent(String tag, Map<String, Object> result) {
        results.put(tag, result);
        metrics.increment("notifications", "kind", kind, "outcome", "sent");
    }
}
