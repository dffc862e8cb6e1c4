package dev.eventagent.tools.neo4j;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolCall;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to a call's arguments. The engine has already checked them against the tool's
 * JSON Schema; these checks repeat the bounds that matter to the database (lengths of indexed
 * keys, ranges, enums) so that a tool called directly cannot send anything else to Neo4j.
 */
final class ToolArguments {

    /** Longest e-mail address (RFC 5321 path limit). */
    static final int EMAIL_MAX = 254;
    /** Longest team or project id: ids are indexed, and index keys have a size limit. */
    static final int ID_MAX = 200;
    /** Longest skill name (indexed too). */
    static final int SKILL_MAX = 100;
    /** Longest display name. */
    static final int NAME_MAX = 16_384;

    private final ToolCall call;

    ToolArguments(ToolCall call) {
        this.call = requireNonNull(call, "call is null");
    }

    /**
     * A required string with at least one non-blank character.
     *
     * @param name the argument
     * @param maxLength the most code points it may have
     * @return the value, unchanged
     */
    String text(String name, int maxLength) {
        return checked(name, call.requireString(name), maxLength);
    }

    /**
     * An optional string; when present it obeys the rules of {@link #text(String, int)}.
     *
     * @param name the argument
     * @param maxLength the most code points it may have
     * @return the value, or empty when absent or null
     */
    Optional<String> optionalText(String name, int maxLength) {
        return call.string(name).map(value -> checked(name, value, maxLength));
    }

    /**
     * A required e-mail address (the schema checks its format).
     *
     * @param name the argument
     * @return the address, unchanged: addresses are compared exactly as given
     */
    String email(String name) {
        String value = text(name, EMAIL_MAX);
        if (value.indexOf('@') < 1 || value.endsWith("@")) {
            throw invalid(name, "must be an e-mail address");
        }
        return value;
    }

    /**
     * A number between 0 and 1.
     *
     * @param name the argument
     * @param fallback the value when absent, or {@code null} when required
     * @return the value
     */
    double fraction(String name, Double fallback) {
        Optional<Number> value = call.number(name);
        if (value.isEmpty()) {
            if (fallback == null) {
                throw invalid(name, "is required");
            }
            return fallback;
        }
        double fraction = value.get().doubleValue();
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw invalid(name, "must be between 0.0 and 1.0, not " + value.get());
        }
        return fraction;
    }

    /**
     * A whole number within bounds.
     *
     * @param name the argument
     * @param fallback the value when absent
     * @param min the smallest allowed
     * @param max the largest allowed
     * @return the value
     */
    int integer(String name, int fallback, int min, int max) {
        Optional<Number> value = call.number(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return (int) whole(name, value.get(), min, max);
    }

    /**
     * One of a fixed set of strings.
     *
     * @param name the argument
     * @param allowed the allowed values
     * @return the value
     */
    String choice(String name, Set<String> allowed) {
        String value = call.requireString(name);
        if (!allowed.contains(value)) {
            throw invalid(name, "must be one of " + allowed.stream().sorted().toList() + ", not '" + value + "'");
        }
        return value;
    }

    /**
     * A required JSON object.
     *
     * @param name the argument
     * @return the object's members
     */
    Map<?, ?> object(String name) {
        Object value = call.arguments().get(name);
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, value == null ? "is required" : "must be an object");
        }
        return map;
    }

    /**
     * A whole-number member of an object argument.
     *
     * @param objectName the object argument, for messages
     * @param object its members
     * @param member the member
     * @param max the largest allowed
     * @return the value, 0 when absent
     */
    long count(String objectName, Map<?, ?> object, String member, long max) {
        Object value = object.get(member);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number number)) {
            throw invalid(objectName + "." + member, "must be a whole number");
        }
        return whole(objectName + "." + member, number, 0, max);
    }

    private long whole(String name, Number number, long min, long max) {
        double asDouble = number.doubleValue();
        if (asDouble != Math.rint(asDouble) || asDouble < min || asDouble > max) {
            throw invalid(name, "must be a whole number from " + min + " to " + max + ", not " + number);
        }
        return number.longValue();
    }

    private String checked(String name, String value, int maxLength) {
        if (value.isBlank()) {
            throw invalid(name, "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw invalid(name, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    private InvalidArgumentsException invalid(String name, String problem) {
        return new InvalidArgumentsException("argument '" + name + "' of " + call.toolName() + " " + problem);
    }
}
