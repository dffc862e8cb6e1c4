package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to a call's arguments, including nested objects such as {@code commit_data}.
 * The engine has already checked them against the tool's schema; this class still refuses what
 * does not fit (with {@link InvalidArgumentsException} naming the argument), because tools are
 * also called directly.
 */
final class CallArguments {

    /** ClickHouse's DateTime holds 1970-01-01 to 2106-02-07; leave a margin. */
    private static final Instant LATEST = Instant.parse("2105-12-31T23:59:59Z");

    private final String toolName;
    private final String prefix;
    private final Map<String, Object> values;

    private CallArguments(String toolName, String prefix, Map<String, Object> values) {
        this.toolName = toolName;
        this.prefix = prefix;
        this.values = values;
    }

    static CallArguments of(ToolCall call) {
        requireNonNull(call, "call is null");
        return new CallArguments(call.toolName(), "", call.arguments());
    }

    /** A required nested object. */
    CallArguments object(String name) {
        Object value = required(name);
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, "must be an object");
        }
        Map<String, Object> nested = new LinkedHashMap<>();
        map.forEach((k, v) -> nested.put(String.valueOf(k), v));
        return new CallArguments(toolName, prefix + name + ".", nested);
    }

    /** A required, non-blank string. */
    String string(String name) {
        return optionalString(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** An optional string; blank counts as absent. */
    Optional<String> optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid(name, "must be a string");
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A required string that may be empty (e.g. a commit message). */
    String text(String name) {
        Object value = required(name);
        if (!(value instanceof String text)) {
            throw invalid(name, "must be a string");
        }
        return text;
    }

    /** A string or a whole number, as text (ids that some sources send as numbers). */
    String identifier(String name) {
        Object value = required(name);
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        if (value instanceof Number number) {
            return Long.toString(wholeNumber(name, number));
        }
        throw invalid(name, "must be a non-empty string or a whole number");
    }

    /** An e-mail address, trimmed and in lower case (how it is stored and matched). */
    String email(String name) {
        String email = string(name).trim().toLowerCase(Locale.ROOT);
        if (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw invalid(name, "must be an e-mail address");
        }
        return email;
    }

    /** A list of e-mail addresses, normalised like {@link #email(String)}, duplicates dropped. */
    List<String> emails(String name) {
        Object value = required(name);
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw invalid(name, "must be a non-empty array of e-mail addresses");
        }
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> element = new HashMap<>();
            element.put("value", list.get(i));
            String email = new CallArguments(toolName, prefix + name + "[" + i + "].", element).email("value");
            if (!emails.contains(email)) {
                emails.add(email);
            }
        }
        return emails;
    }

    /** A required whole number within bounds. */
    long integer(String name, long min, long max) {
        return optionalInteger(name, min, max).orElseThrow(() -> invalid(name, "is required"));
    }

    /** An optional whole number within bounds. */
    Optional<Long> optionalInteger(String name, long min, long max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number)) {
            throw invalid(name, "must be a whole number");
        }
        long whole = wholeNumber(name, number);
        if (whole < min || whole > max) {
            throw invalid(name, "must be between " + min + " and " + max + ", was " + whole);
        }
        return Optional.of(whole);
    }

    /** A whole number with a default when absent. */
    int integerOr(String name, int fallback, int min, int max) {
        return optionalInteger(name, min, max).map(Long::intValue).orElse(fallback);
    }

    /** An optional number within bounds. */
    Optional<Double> optionalNumber(String name, double min, double max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw invalid(name, "must be a number");
        }
        double d = number.doubleValue();
        if (d < min || d > max) {
            throw invalid(name, "must be between " + min + " and " + max + ", was " + d);
        }
        return Optional.of(d);
    }

    /** A required ISO-8601 timestamp with an offset. */
    Instant instant(String name) {
        return optionalInstant(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** An optional ISO-8601 timestamp with an offset, e.g. {@code 2024-05-01T12:00:00Z}. */
    Optional<Instant> optionalInstant(String name) {
        Optional<String> text = optionalString(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.get().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 date-time with an offset, e.g. 2024-05-01T12:00:00Z; was '"
                    + abbreviate(text.get()) + "'");
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw invalid(name, "must be between 1970-01-01 and 2105-12-31, was " + instant);
        }
        return Optional.of(instant);
    }

    private long wholeNumber(String name, Number number) {
        double d = number.doubleValue();
        if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
            if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > 9.0e15) {
                throw invalid(name, "must be a whole number, was " + number);
            }
            return (long) d;
        }
        return number.longValue();
    }

    private Object required(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    private InvalidArgumentsException invalid(String name, String problem) {
        return new InvalidArgumentsException("argument '" + prefix + name + "' of " + toolName + " " + problem);
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
