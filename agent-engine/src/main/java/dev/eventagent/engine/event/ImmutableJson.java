package dev.eventagent.engine.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of parsed JSON (maps, lists, scalars and nulls), so an event can be
 * shared between threads and tools without anyone changing it underneath the others.
 */
final class ImmutableJson {

    private ImmutableJson() {
    }

    /**
     * Copies an object deeply.
     *
     * @param object the parsed object
     * @return an unmodifiable copy that keeps the key order and nulls
     */
    static Map<String, Object> copyOf(Map<?, ?> object) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, object.size() * 4 / 3 + 1));
        object.forEach((name, value) -> copy.put(String.valueOf(name), copyValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Copies a list deeply.
     *
     * @param list the parsed array
     * @return an unmodifiable copy that keeps nulls
     */
    static List<Object> copyOf(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        for (Object value : list) {
            copy.add(copyValue(value));
        }
        return Collections.unmodifiableList(copy);
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copyOf(map);
        }
        if (value instanceof List<?> list) {
            return copyOf(list);
        }
        return value;
    }
}
