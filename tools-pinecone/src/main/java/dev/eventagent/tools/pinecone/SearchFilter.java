package dev.eventagent.tools.pinecone;

import com.google.protobuf.Struct;
import dev.eventagent.api.ToolCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a search's {@code filter} argument into a Pinecone metadata filter. The argument names
 * metadata fields only (never operators at the top level) and gives each a value (equality), a
 * list (one of) or an object of comparison operators from a fixed set; the plugin builds the
 * Pinecone filter itself, so no argument can inject {@code $or}, {@code $where} or anything
 * else.
 */
final class SearchFilter {

    /** The operators a field condition may use. */
    static final Set<String> OPERATORS = Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists");
    /** The most fields a filter may name. */
    static final int MAX_FIELDS = 10;
    /** The most values of an {@code $in}/{@code $nin} list. */
    static final int MAX_VALUES = 100;

    private static final Pattern FIELD = Pattern.compile(ToolArguments.FIELD_PATTERN);

    private SearchFilter() {
    }

    /**
     * The Pinecone filter of a call's argument.
     *
     * @param call the call
     * @param name the argument
     * @return the filter, or {@code null} when the argument is absent or empty
     */
    static Struct of(ToolCall call, String name) {
        Object value = call.arguments().get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> fields)) {
            throw ToolArguments.invalid(call, name, "must be an object of metadata fields");
        }
        if (fields.isEmpty()) {
            return null;
        }
        if (fields.size() > MAX_FIELDS) {
            throw ToolArguments.invalid(call, name, "names " + fields.size() + " fields; at most " + MAX_FIELDS);
        }
        Map<String, Object> filter = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : fields.entrySet()) {
            String field = String.valueOf(entry.getKey());
            if (!FIELD.matcher(field).matches()) {
                throw ToolArguments.invalid(call, name, "names the field '" + Metadata.excerpt(field, 80)
                        + "'; field names must match " + ToolArguments.FIELD_PATTERN
                        + " (operators such as $or are not accepted here)");
            }
            filter.put(field, condition(call, name + "." + field, entry.getValue()));
        }
        return Metadata.struct(filter);
    }

    private static Map<String, Object> condition(ToolCall call, String name, Object value) {
        if (value instanceof List<?> list) {
            return Map.of("$in", scalars(call, name, list));
        }
        if (!(value instanceof Map<?, ?> operators)) {
            return Map.of("$eq", scalar(call, name, value));
        }
        if (operators.isEmpty()) {
            throw ToolArguments.invalid(call, name, "is an empty condition");
        }
        Map<String, Object> condition = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : operators.entrySet()) {
            String operator = String.valueOf(entry.getKey());
            Object operand = entry.getValue();
            if (!OPERATORS.contains(operator)) {
                throw ToolArguments.invalid(call, name, "uses '" + Metadata.excerpt(operator, 40)
                        + "'; the operators are " + OPERATORS.stream().sorted().toList());
            }
            condition.put(operator, switch (operator) {
                case "$in", "$nin" -> {
                    if (!(operand instanceof List<?> list)) {
                        throw ToolArguments.invalid(call, name + "." + operator, "must be a list");
                    }
                    yield scalars(call, name + "." + operator, list);
                }
                case "$gt", "$gte", "$lt", "$lte" -> {
                    if (!(operand instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                        throw ToolArguments.invalid(call, name + "." + operator, "must be a number");
                    }
                    yield number.doubleValue();
                }
                case "$exists" -> {
                    if (!(operand instanceof Boolean)) {
                        throw ToolArguments.invalid(call, name + "." + operator, "must be true or false");
                    }
                    yield operand;
                }
                default -> scalar(call, name + "." + operator, operand);
            });
        }
        return condition;
    }

    private static List<Object> scalars(ToolCall call, String name, List<?> list) {
        if (list.isEmpty() || list.size() > MAX_VALUES) {
            throw ToolArguments.invalid(call, name, "must hold 1 to " + MAX_VALUES + " values");
        }
        return list.stream().map(item -> scalar(call, name, item)).toList();
    }

    private static Object scalar(ToolCall call, String name, Object value) {
        if (value instanceof String s) {
            if (s.length() > ToolArguments.MAX_METADATA_STRING) {
                throw ToolArguments.invalid(call, name, "is longer than " + ToolArguments.MAX_METADATA_STRING
                        + " characters");
            }
            return s;
        }
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        if (value instanceof Boolean) {
            return value;
        }
        throw ToolArguments.invalid(call, name, "must be a string, number or boolean");
    }
}
