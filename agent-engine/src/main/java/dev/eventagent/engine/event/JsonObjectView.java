package dev.eventagent.engine.event;

import dev.eventagent.api.MalformedEventException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import static java.util.Objects.requireNonNull;


/**
 * A typed, read-only view of one JSON object inside a payload that knows its own JSON path, so
 * that a field of the wrong type fails with a {@link MalformedEventException} naming
 * where it is (e.g. {@code $.commits[2].author}). A missing field and a JSON {@code null} both
 * read as absent.
 */
final class JsonObjectView {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** ISO-8601 with an offset without a colon, as Jira writes it: {@code 2024-05-01T10:00:00.000+0000}. */
    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    private final Map<String, Object> fields;
    private final String path;

    JsonObjectView(Map<String, Object> fields, String path) {
        this.fields = requireNonNull(fields, "fields is null");
        this.path = requireNonNull(path, "path is null");
    }

    /**
     * The view of a whole body.
     *
     * @param body the parsed body
     * @return the view at path {@code $}
     */
    static JsonObjectView root(Map<String, Object> body) {
        return new JsonObjectView(body, "$");
    }

    /** The JSON path of this object, e.g. {@code $.pull_request}. */
    String path() {
        return path;
    }

    /** The object's fields, as parsed. */
    Map<String, Object> fields() {
        return fields;
    }

    /** The JSON path of a field of this object. */
    String pathOf(String name) {
        return childPath(path, name);
    }

    /** Whether a field is present and not {@code null}. */
    boolean has(String name) {
        return fields.get(name) != null;
    }

    /** A field's raw value, or {@code null}. */
    Object raw(String name) {
        return fields.get(name);
    }

    /**
     * Follows nested objects, e.g. {@code objectAt("pull_request", "user")}.
     *
     * @param names the field names, outermost first
     * @return the innermost object, or empty when any step is absent
     * @throws MalformedEventException when a step is present but not an object
     */
    Optional<JsonObjectView> objectAt(String... names) throws MalformedEventException {
        JsonObjectView current = this;
        for (String name : names) {
            Optional<JsonObjectView> next = current.object(name);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    /**
     * A string inside nested objects, e.g. {@code stringAt("pusher", "email")}.
     *
     * @param names the field names, outermost first; the last names the string
     * @return the string, or empty when any step is absent
     * @throws MalformedEventException when a step or the value has the wrong type
     */
    Optional<String> stringAt(String... names) throws MalformedEventException {
        Optional<JsonObjectView> parent = objectAt(Arrays.copyOf(names, names.length - 1));
        return parent.isEmpty() ? Optional.empty() : parent.get().string(names[names.length - 1]);
    }

    Optional<String> string(String name) throws MalformedEventException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        throw wrongShape(pathOf(name), "a string", value);
    }

    /** A string, or an integral number rendered as text (ids are sometimes either). */
    Optional<String> identifier(String name) throws MalformedEventException {
        Object value = fields.get(name);
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return Optional.of(value.toString());
        }
        if (value != null && !(value instanceof String)) {
            throw wrongShape(pathOf(name), "a string or an integer", value);
        }
        return string(name);
    }

    Optional<Number> number(String name) throws MalformedEventException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return Optional.of(n);
        }
        throw wrongShape(pathOf(name), "a number", value);
    }

    Optional<Boolean> bool(String name) throws MalformedEventException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        throw wrongShape(pathOf(name), "a boolean", value);
    }

    @SuppressWarnings("unchecked")
    Optional<JsonObjectView> object(String name) throws MalformedEventException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            return Optional.of(new JsonObjectView((Map<String, Object>) map, pathOf(name)));
        }
        throw wrongShape(pathOf(name), "an object", value);
    }

    JsonObjectView requireObject(String name) throws MalformedEventException {
        Optional<JsonObjectView> value = object(name);
        if (value.isEmpty()) {
            throw new MalformedEventException("wrong shape at " + pathOf(name) + ": expected an object, found "
                            + (fields.containsKey(name) ? "null" : "nothing"));
        }
        return value.get();
    }

    Optional<List<Object>> array(String name) throws MalformedEventException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof List<?> list) {
            return Optional.of(Collections.unmodifiableList(list));
        }
        throw wrongShape(pathOf(name), "an array", value);
    }

    /** An array whose items must all be objects. */
    @SuppressWarnings("unchecked")
    Optional<List<JsonObjectView>> objects(String name) throws MalformedEventException {
        Optional<List<Object>> array = array(name);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        List<JsonObjectView> views = new ArrayList<>(array.get().size());
        for (int i = 0; i < array.get().size(); i++) {
            Object item = array.get().get(i);
            String itemPath = pathOf(name) + "[" + i + "]";
            if (!(item instanceof Map<?, ?> map)) {
                throw wrongShape(itemPath, "an object", item);
            }
            views.add(new JsonObjectView((Map<String, Object>) map, itemPath));
        }
        return Optional.of(views);
    }

    /** An array whose items must all be strings. */
    Optional<List<String>> strings(String name) throws MalformedEventException {
        Optional<List<Object>> array = array(name);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>(array.get().size());
        for (int i = 0; i < array.get().size(); i++) {
            Object item = array.get().get(i);
            if (!(item instanceof String s)) {
                throw wrongShape(pathOf(name) + "[" + i + "]", "a string", item);
            }
            strings.add(s);
        }
        return Optional.of(Collections.unmodifiableList(strings));
    }

    /** An object whose values must all be strings, such as Prometheus labels. */
    Optional<Map<String, String>> stringMap(String name) throws MalformedEventException {
        Optional<JsonObjectView> object = object(name);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : object.get().fields.entrySet()) {
            if (!(field.getValue() instanceof String s)) {
                throw wrongShape(object.get().pathOf(field.getKey()), "a string", field.getValue());
            }
            map.put(field.getKey(), s);
        }
        return Optional.of(Collections.unmodifiableMap(map));
    }

    /** An ISO-8601 timestamp with an offset, e.g. {@code 2024-05-01T12:00:00Z}. */
    Optional<Instant> instant(String name) throws MalformedEventException {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parseInstant(text.get(), pathOf(name)));
    }

    /** A timestamp given either as ISO-8601 text or as epoch milliseconds. */
    Optional<Instant> instantOrEpochMillis(String name) throws MalformedEventException {
        Object value = fields.get(name);
        if (value instanceof Integer || value instanceof Long) {
            return Optional.of(Instant.ofEpochMilli(((Number) value).longValue()));
        }
        if (value != null && !(value instanceof String)) {
            throw wrongShape(pathOf(name), "an ISO-8601 timestamp or epoch milliseconds", value);
        }
        return instant(name);
    }

    /** An ISO-8601 timestamp, rendered in UTC, e.g. {@code 2019-05-15T20:20:30Z}. */
    Optional<String> isoTimestamp(String name) throws MalformedEventException {
        return instant(name).map(Instant::toString);
    }

    /**
     * Parses an ISO-8601 timestamp with an offset ({@code Z}, {@code +02:00} or {@code +0200}).
     *
     * @param text the text
     * @param where the JSON path or header name, for the message
     * @return the instant
     * @throws MalformedEventException of reason WRONG_SHAPE when the text is no such timestamp
     */
    static Instant parseInstant(String text, String where) throws MalformedEventException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant();
            } catch (DateTimeParseException again) {
                throw new MalformedEventException("wrong shape at "
                        + where + ": expected an ISO-8601 timestamp with an offset such as "
                        + "2024-05-01T12:00:00Z, found " + PayloadSnippet.quote(text, 60));
            }
        }
    }

    /**
     * The failure for a value of the wrong type.
     *
     * @param path where the value is
     * @param expected what was expected, e.g. {@code an array}
     * @param found the value found
     * @return the exception to throw
     */
    static MalformedEventException wrongShape(String path, String expected, Object found) {
        return new MalformedEventException("wrong shape at " + path
                + ": expected " + expected + ", found " + PayloadSnippet.describe(found));
    }

    /** A JSON path one field below {@code parent}. */
    static String childPath(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + PayloadSnippet.cut(name.replace("'", "\\'"), 60) + "']";
    }
}
