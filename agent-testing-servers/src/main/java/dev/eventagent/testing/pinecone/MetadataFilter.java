package dev.eventagent.testing.pinecone;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a Pinecone metadata filter against a vector's metadata, as the Pinecone query
 * language defines it: field conditions ({@code {"team": "web"}} or
 * {@code {"team": {"$in": ["web", "api"]}}}) joined by AND, and {@code $and} / {@code $or} over
 * lists of filters. Operators: {@code $eq $ne $gt $gte $lt $lte $in $nin $exists}. A list-valued
 * field matches {@code $eq}/{@code $in} when any element does. Anything else is rejected like
 * Pinecone rejects it, as a bad request.
 */
final class MetadataFilter {

    private MetadataFilter() {
    }

    /**
     * Whether metadata satisfies a filter.
     *
     * @param filter the filter, as plain Java values; empty matches everything
     * @param metadata the vector's metadata
     * @return whether it matches
     * @throws IllegalArgumentException when the filter is malformed
     */
    static boolean matches(Map<String, Object> filter, Map<String, Object> metadata) {
        for (Map.Entry<String, Object> clause : filter.entrySet()) {
            String key = clause.getKey();
            Object condition = clause.getValue();
            boolean ok;
            if (key.equals("$and") || key.equals("$or")) {
                List<Map<String, Object>> parts = filters(key, condition);
                ok = key.equals("$and")
                        ? parts.stream().allMatch(part -> matches(part, metadata))
                        : parts.stream().anyMatch(part -> matches(part, metadata));
            } else if (key.startsWith("$")) {
                throw new IllegalArgumentException("unsupported top-level filter operator " + key);
            } else {
                ok = field(key, condition, metadata.get(key), metadata.containsKey(key));
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> filters(String operator, Object condition) {
        if (!(condition instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(operator + " needs a non-empty list of filters");
        }
        for (Object item : list) {
            if (!(item instanceof Map)) {
                throw new IllegalArgumentException(operator + " needs a list of filter objects");
            }
        }
        return (List<Map<String, Object>>) list;
    }

    private static boolean field(String name, Object condition, Object value, boolean present) {
        if (!(condition instanceof Map<?, ?> operators)) {
            return equal(value, condition);
        }
        if (operators.isEmpty()) {
            throw new IllegalArgumentException("empty condition for field " + name);
        }
        for (Map.Entry<?, ?> entry : operators.entrySet()) {
            String operator = String.valueOf(entry.getKey());
            Object operand = entry.getValue();
            boolean ok = switch (operator) {
                case "$eq" -> equal(value, scalar(operator, operand));
                case "$ne" -> !equal(value, scalar(operator, operand));
                case "$gt" -> compare(value, operator, operand) > 0;
                case "$gte" -> compare(value, operator, operand) >= 0;
                case "$lt" -> compare(value, operator, operand) < 0;
                case "$lte" -> compare(value, operator, operand) <= 0;
                case "$in" -> list(operator, operand).stream().anyMatch(item -> equal(value, item));
                case "$nin" -> list(operator, operand).stream().noneMatch(item -> equal(value, item));
                case "$exists" -> {
                    if (!(operand instanceof Boolean wanted)) {
                        throw new IllegalArgumentException("$exists needs a boolean");
                    }
                    yield present == wanted;
                }
                default -> throw new IllegalArgumentException("unsupported filter operator " + operator
                        + " on field " + name);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Object scalar(String operator, Object operand) {
        if (operand instanceof Map || operand instanceof List) {
            throw new IllegalArgumentException(operator + " needs a string, number or boolean");
        }
        return operand;
    }

    private static List<?> list(String operator, Object operand) {
        if (!(operand instanceof List<?> items)) {
            throw new IllegalArgumentException(operator + " needs a list");
        }
        items.forEach(item -> scalar(operator, item));
        return items;
    }

    private static boolean equal(Object value, Object wanted) {
        if (value instanceof List<?> items) {
            return items.stream().anyMatch(item -> equal(item, wanted));
        }
        if (value instanceof Number a && wanted instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return value != null && Objects.equals(value, wanted);
    }

    private static int compare(Object value, String operator, Object operand) {
        if (!(operand instanceof Number bound)) {
            throw new IllegalArgumentException(operator + " needs a number");
        }
        if (!(value instanceof Number number)) {
            return operator.startsWith("$g") ? -1 : 1; // a missing or non-numeric field never matches
        }
        return Double.compare(number.doubleValue(), bound.doubleValue());
    }
}
