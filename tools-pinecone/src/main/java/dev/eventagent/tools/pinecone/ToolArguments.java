package dev.eventagent.tools.pinecone;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a call's arguments with the bounds the schemas declare. The engine validates arguments
 * against the schema first; these checks repeat what protects the index (ids, metadata keys and
 * types, lengths) for callers that do not.
 */
final class ToolArguments {

    /** The longest e-mail address. */
    static final int MAX_EMAIL = 254;
    /** The longest text to embed and store. */
    static final int MAX_TEXT = 20_000;
    /** The longest search query. */
    static final int MAX_QUERY = 4_000;
    /** The most metadata fields an issue may carry. */
    static final int MAX_METADATA_FIELDS = 32;
    /** The longest metadata string value. */
    static final int MAX_METADATA_STRING = 2_000;
    /** The most items of a metadata list. */
    static final int MAX_METADATA_LIST = 50;
    /** The pattern of a metadata field name: no leading '$', no operators, no spaces. */
    static final String FIELD_PATTERN = "^[A-Za-z_][A-Za-z0-9_.-]{0,63}$";

    private static final Pattern EMAIL = Pattern.compile("[^\\s@\"<>]+@[^\\s@\"<>]+\\.[^\\s@\"<>]+");
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,9}");
    private static final Pattern FIELD = Pattern.compile(FIELD_PATTERN);

    private ToolArguments() {
    }

    /**
     * A required e-mail, trimmed and lower-cased (the id of a developer's vector).
     *
     * @param call the call
     * @param name the argument
     * @return the normalised address
     */
    static String email(ToolCall call, String name) {
        String email = text(call, name, MAX_EMAIL).trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw invalid(call, name, "is not an e-mail address");
        }
        return email;
    }

    /**
     * A required Jira-style issue key, upper-cased (the id of an issue's vector).
     *
     * @param call the call
     * @param name the argument
     * @return the key, e.g. {@code PAY-142}
     */
    static String issueKey(ToolCall call, String name) {
        String key = text(call, name, 61).trim().toUpperCase(Locale.ROOT);
        if (!ISSUE_KEY.matcher(key).matches()) {
            throw invalid(call, name, "is not an issue key such as PAY-142");
        }
        return key;
    }

    /**
     * A required, non-blank text of bounded length, kept exactly as given.
     *
     * @param call the call
     * @param name the argument
     * @param maxLength the most characters (code points)
     * @return the text
     */
    static String text(ToolCall call, String name, int maxLength) {
        String text = call.requireString(name);
        if (text.isBlank()) {
            throw invalid(call, name, "is blank");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw invalid(call, name, "has " + length + " characters; at most " + maxLength);
        }
        return text;
    }

    /**
     * An integer with a default and bounds.
     *
     * @param call the call
     * @param name the argument
     * @param fallback the value when absent
     * @param min the least value
     * @param max the greatest value
     * @return the value
     */
    static int integer(ToolCall call, String name, int fallback, int min, int max) {
        Optional<Number> value = call.number(name);
        if (value.isEmpty()) {
            return fallback;
        }
        double number = value.get().doubleValue();
        if (number != Math.rint(number) || number < min || number > max) {
            throw invalid(call, name, "must be an integer from " + min + " to " + max);
        }
        return (int) number;
    }

    /**
     * Optional metadata to store: an object of at most {@link #MAX_METADATA_FIELDS} fields whose
     * names match {@link #FIELD_PATTERN} and are not reserved, and whose values are strings,
     * numbers, booleans or lists of strings (what Pinecone stores).
     *
     * @param call the call
     * @param name the argument
     * @param reserved names the tool sets itself
     * @return the metadata in the given order; empty when absent
     */
    static Map<String, Object> metadata(ToolCall call, String name, Set<String> reserved) {
        Object value = call.arguments().get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(call, name, "must be an object");
        }
        if (map.size() > MAX_METADATA_FIELDS) {
            throw invalid(call, name, "has " + map.size() + " fields; at most " + MAX_METADATA_FIELDS);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!FIELD.matcher(key).matches()) {
                throw invalid(call, name, "has the field name '" + Metadata.excerpt(key, 80) + "'; names must match "
                        + FIELD_PATTERN + " (no leading '$')");
            }
            if (reserved.contains(key)) {
                throw invalid(call, name, "may not set '" + key + "', which the tool sets itself");
            }
            metadata.put(key, metadataValue(call, name + "." + key, entry.getValue()));
        }
        return metadata;
    }

    private static Object metadataValue(ToolCall call, String name, Object value) {
        if (value instanceof String s) {
            if (s.codePointCount(0, s.length()) > MAX_METADATA_STRING) {
                throw invalid(call, name, "is longer than " + MAX_METADATA_STRING + " characters");
            }
            return s;
        }
        if (value instanceof Number n) {
            double number = n.doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw invalid(call, name, "must be a finite number");
            }
            return number;
        }
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof List<?> list) {
            if (list.size() > MAX_METADATA_LIST) {
                throw invalid(call, name, "has " + list.size() + " items; at most " + MAX_METADATA_LIST);
            }
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s) || s.codePointCount(0, s.length()) > 200) {
                    throw invalid(call, name, "must be a list of strings of at most 200 characters");
                }
                items.add(s);
            }
            return items;
        }
        throw invalid(call, name, "must be a string, number, boolean or list of strings");
    }

    static InvalidArgumentsException invalid(ToolCall call, String name, String problem) {
        return new InvalidArgumentsException("argument '" + name + "' of " + call.toolName() + " " + problem);
    }
}
