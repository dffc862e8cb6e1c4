package dev.eventagent.engine.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the attributes of an event (or of one item inside them, such as a commit) in a fixed
 * order, leaving out absent values so that nothing is invented.
 */
final class AttributesBuilder {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * Adds a value unless it is {@code null}.
     *
     * @param name the attribute name
     * @param value the value: a string, number, boolean, or an already unmodifiable map or list
     * @return this builder
     */
    AttributesBuilder put(String name, Object value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    /**
     * Adds a value when present.
     *
     * @param name the attribute name
     * @param value the value, or empty
     * @return this builder
     */
    AttributesBuilder put(String name, Optional<?> value) {
        value.ifPresent(v -> values.put(name, v));
        return this;
    }

    /**
     * Adds a list when present, as an unmodifiable copy.
     *
     * @param name the attribute name
     * @param list the list, or {@code null}
     * @return this builder
     */
    AttributesBuilder putList(String name, List<?> list) {
        if (list != null) {
            values.put(name, Collections.unmodifiableList(new ArrayList<>(list)));
        }
        return this;
    }

    /**
     * The attributes collected so far.
     *
     * @return an unmodifiable map in insertion order
     */
    Map<String, Object> build() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
