package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The audit of one event's processing.
 *
 * @param eventId the event's id
 * @param source the event's source
 * @param type the event's type
 * @param planner the planner that decided, e.g. {@code rules} or {@code llm}
 * @param outcome {@code ok}, {@code partial}, {@code failed}, {@code denied} or {@code skipped}
 * @param time when processing finished
 * @param durationMillis how long processing took
 * @param json the whole record as one JSON object (decision, calls, results, errors, timings),
 *     secrets redacted
 * @since 0.1
 */
public record AuditRecord(
        String eventId,
        String source,
        String type,
        String planner,
        String outcome,
        Instant time,
        long durationMillis,
        String json) {

    /** Validates the fields. */
    public AuditRecord {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(source, "source is null");
        requireNonNull(type, "type is null");
        requireNonNull(planner, "planner is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(time, "time is null");
        requireNonNull(json, "json is null");
    }
}
