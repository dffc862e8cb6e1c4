package dev.eventagent.tools.pinecone;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vector metadata: built from plain Java values into the protobuf {@link Struct} Pinecone takes,
 * measured as Pinecone measures it (bytes of its JSON), texts cut to fit, and read back into
 * compact, bounded result values.
 */
final class Metadata {

    /** The longest string of a metadata value shown in a result. */
    static final int MAX_RESULT_STRING = 300;
    /** The most items of a list value shown in a result. */
    static final int MAX_RESULT_LIST = 20;
    /** The most metadata fields shown per match. */
    static final int MAX_RESULT_FIELDS = 16;

    private Metadata() {
    }

    /**
     * A map of strings, numbers, booleans and lists of strings as a struct.
     *
     * @param values the values, in order
     * @return the struct
     */
    static Struct struct(Map<String, ?> values) {
        Struct.Builder struct = Struct.newBuilder();
        values.forEach((key, value) -> struct.putFields(key, value(value)));
        return struct.build();
    }

    /**
     * One value as a protobuf value.
     *
     * @param value a string, number, boolean, list of those, or (in filters) a map of those
     * @return the value
     */
    static Value value(Object value) {
        if (value instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (value instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (value instanceof List<?> list) {
            ListValue.Builder items = ListValue.newBuilder();
            list.forEach(item -> items.addValues(value(item)));
            return Value.newBuilder().setListValue(items).build();
        }
        if (value instanceof Map<?, ?> map) { // filters only: {"field": {"$in": [...]}}
            Struct.Builder struct = Struct.newBuilder();
            map.forEach((key, item) -> struct.putFields(String.valueOf(key), value(item)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        throw new IllegalArgumentException("metadata values are strings, numbers, booleans or lists, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /**
     * The size of metadata as JSON, in UTF-8 bytes.
     *
     * @param values the metadata
     * @return the bytes
     */
    static int jsonBytes(Map<String, ?> values) {
        int bytes = 2; // {}
        boolean first = true;
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            bytes += (first ? 0 : 1) + jsonBytes(entry.getKey()) + 1 + jsonBytesOf(entry.getValue());
            first = false;
        }
        return bytes;
    }

    private static int jsonBytesOf(Object value) {
        if (value instanceof String s) {
            return jsonBytes(s);
        }
        if (value instanceof List<?> list) {
            int bytes = 2 + Math.max(0, list.size() - 1);
            for (Object item : list) {
                bytes += jsonBytesOf(item);
            }
            return bytes;
        }
        if (value instanceof Number n) {
            return Double.toString(n.doubleValue()).length();
        }
        return String.valueOf(value).length();
    }

    /**
     * The size of a string as a JSON string literal, in UTF-8 bytes.
     *
     * @param text the string
     * @return the bytes, quotes included
     */
    static int jsonBytes(String text) {
        int bytes = 2;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += escapedBytes(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    /**
     * The longest prefix of a text (whole code points) whose JSON string literal fits a budget.
     *
     * @param text the text
     * @param budget the most bytes of the literal, quotes included
     * @return the text itself when it fits, else its longest fitting prefix
     */
    static String fit(String text, int budget) {
        int bytes = 2;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += escapedBytes(codePoint);
            if (bytes > budget) {
                return text.substring(0, i);
            }
            i += Character.charCount(codePoint);
        }
        return text;
    }

    private static int escapedBytes(int codePoint) {
        if (codePoint == '"' || codePoint == '\\' || codePoint == '\b' || codePoint == '\f' || codePoint == '\n'
                || codePoint == '\r' || codePoint == '\t') {
            return 2;
        }
        if (codePoint < 0x20) {
            return 6; // \\u00XX
        }
        if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
            return 6; // a lone surrogate is escaped
        }
        return new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * A struct as compact result values: strings cut to {@link #MAX_RESULT_STRING} characters,
     * lists to {@link #MAX_RESULT_LIST} items, at most {@link #MAX_RESULT_FIELDS} fields, whole
     * numbers as longs.
     *
     * @param struct the metadata
     * @param skip keys left out (shown otherwise by the caller)
     * @return the values, in the struct's order
     */
    static Map<String, Object> forResult(Struct struct, List<String> skip) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
            if (values.size() >= MAX_RESULT_FIELDS) {
                break;
            }
            if (!skip.contains(field.getKey())) {
                values.put(field.getKey(), forResult(field.getValue()));
            }
        }
        return values;
    }

    private static Object forResult(Value value) {
        return switch (value.getKindCase()) {
            case STRING_VALUE -> excerpt(value.getStringValue(), MAX_RESULT_STRING);
            case NUMBER_VALUE -> {
                double number = value.getNumberValue();
                yield number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : number;
            }
            case BOOL_VALUE -> value.getBoolValue();
            case LIST_VALUE -> {
                List<Object> items = new ArrayList<>();
                for (Value item : value.getListValue().getValuesList()) {
                    if (items.size() >= MAX_RESULT_LIST) {
                        break;
                    }
                    items.add(forResult(item));
                }
                yield items;
            }
            case STRUCT_VALUE, NULL_VALUE, KIND_NOT_SET -> null;
        };
    }

    /**
     * A string value of a struct.
     *
     * @param struct the struct
     * @param key the key
     * @return the string, or {@code null} when absent or not a string
     */
    static String string(Struct struct, String key) {
        Value value = struct.getFieldsMap().get(key);
        return value != null && value.getKindCase() == Value.KindCase.STRING_VALUE ? value.getStringValue() : null;
    }

    /**
     * The start of a text, cut at whole code points with an ellipsis.
     *
     * @param text the text
     * @param maxChars the most characters kept
     * @return the text, or its start and "…"
     */
    static String excerpt(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars)) + "…";
    }
}
