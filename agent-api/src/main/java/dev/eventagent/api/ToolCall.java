package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One invocation of a tool.
 *
 * @param toolName the tool's name
 * @param arguments the parsed arguments: a JSON object as Java maps, lists, strings, numbers,
 *     booleans and nulls; already valid against the tool's schema
 * @param eventId the id of the event this call serves
 * @param idempotencyKey stable across redeliveries of the same event: {@code eventId} plus the
 *     call's place in the plan. WRITE tools key their writes on it.
 * @param deadline when the engine stops waiting for the call
 * @since 0.1
 */
public record ToolCall(
        String toolName,
        Map<String, Object> arguments,
        String eventId,
        String idempotencyKey,
        Instant deadline) {

    /** Validates and copies the fields. */
    public ToolCall {
        requireNonNull(toolName, "toolName is null");
        requireNonNull(arguments, "arguments is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        requireNonNull(deadline, "deadline is null");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /**
     * A string argument.
     *
     * @param name the argument name
     * @return the value, or empty when absent or null
     * @throws InvalidArgumentsException when the value is not a string
     */
    public Optional<String> string(String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new InvalidArgumentsException(
                    "argument '" + name + "' of " + toolName + " must be a string");
        }
        return Optional.of(s);
    }

    /**
     * A required string argument.
     *
     * @param name the argument name
     * @return the value
     * @throws InvalidArgumentsException when absent, null or not a string
     */
    public String requireString(String name) {
        return string(name).orElseThrow(() -> new InvalidArgumentsException(
                "argument '" + name + "' of " + toolName + " is required"));
    }

    /**
     * A numeric argument.
     *
     * @param name the argument name
     * @return the value, or empty when absent or null
     * @throws InvalidArgumentsException when the value is not a number
     */
    public Optional<Number> number(String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number n)) {
            throw new InvalidArgumentsException(
                    "argument '" + name + "' of " + toolName + " must be a number");
        }
        return Optional.of(n);
    }
}
