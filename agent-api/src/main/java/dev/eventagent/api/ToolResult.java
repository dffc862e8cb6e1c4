package dev.eventagent.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a tool returned: a compact JSON object, as Java maps, lists, strings, numbers, booleans
 * and nulls. Later steps of a plan and the language model read it, so keep it small.
 *
 * @param value the result object
 * @since 0.1
 */
public record ToolResult(Map<String, Object> value) {

    /** Copies the value. */
    public ToolResult {
        value = Collections.unmodifiableMap(new LinkedHashMap<>(
                java.util.Objects.requireNonNull(value, "value is null")));
    }

    /**
     * A result object.
     *
     * @param value the result
     * @return the result
     */
    public static ToolResult of(Map<String, Object> value) {
        return new ToolResult(value);
    }

    /**
     * A result with one field.
     *
     * @param key the field name
     * @param value the field value
     * @return the result
     */
    public static ToolResult of(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return new ToolResult(map);
    }
}
