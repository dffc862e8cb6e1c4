package dev.eventagent.testing.pinecone;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts protobuf {@link Struct} metadata to plain Java values and back. */
final class StructValues {

    private StructValues() {
    }

    /**
     * A struct as a map of strings, doubles, booleans, lists and nested maps.
     *
     * @param struct the struct
     * @return a modifiable map in the struct's order
     */
    static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((key, value) -> map.put(key, toJava(value)));
        return map;
    }

    /**
     * One protobuf value as a Java value.
     *
     * @param value the value
     * @return a String, Double, Boolean, List, Map or {@code null}
     */
    static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case STRING_VALUE -> value.getStringValue();
            case NUMBER_VALUE -> value.getNumberValue();
            case BOOL_VALUE -> value.getBoolValue();
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>();
                for (Value item : value.getListValue().getValuesList()) {
                    list.add(toJava(item));
                }
                yield list;
            }
            case STRUCT_VALUE -> toMap(value.getStructValue());
            case NULL_VALUE, KIND_NOT_SET -> null;
        };
    }

    /**
     * A map as a struct.
     *
     * @param map strings, numbers, booleans, lists and maps
     * @return the struct
     */
    static Struct toStruct(Map<String, ?> map) {
        Struct.Builder builder = Struct.newBuilder();
        map.forEach((key, value) -> builder.putFields(key, toValue(value)));
        return builder.build();
    }

    private static Value toValue(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
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
            list.forEach(item -> items.addValues(toValue(item)));
            return Value.newBuilder().setListValue(items).build();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return Value.newBuilder().setStructValue(toStruct(copy)).build();
        }
        throw new IllegalArgumentException("unsupported metadata value " + value.getClass().getName());
    }
}
