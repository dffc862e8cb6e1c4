package dev.eventagent.engine.graph;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool call a planner proposes.
 *
 * @param id the call's id within its step, e.g. {@code commit[0]}
 * @param tool the tool's name
 * @param arguments the arguments object
 * @param idempotencyKey the key WRITE tools use: event id, route or planner, step and call id
 * @param unresolved template paths that had no value (the argument was left out)
 * @param rejection why the planner itself refuses the call (a model's malformed arguments, a tool
 *     it was not offered), or {@code null}; a rejected call is recorded, never run
 */
public record PlannedCall(String id, String tool, Map<String, Object> arguments, String idempotencyKey,
        List<String> unresolved, String rejection) {

    /** Validates and copies the fields. */
    public PlannedCall {
        requireNonNull(id, "id is null");
        requireNonNull(tool, "tool is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
        unresolved = List.copyOf(unresolved);
    }

    /**
     * A call the planner does not refuse.
     *
     * @param id the call's id within its step
     * @param tool the tool's name
     * @param arguments the arguments object
     * @param idempotencyKey the key WRITE tools use
     * @param unresolved template paths that had no value
     */
    public PlannedCall(String id, String tool, Map<String, Object> arguments, String idempotencyKey,
            List<String> unresolved) {
        this(id, tool, arguments, idempotencyKey, unresolved, null);
    }
}
