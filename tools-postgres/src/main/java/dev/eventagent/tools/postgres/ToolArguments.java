package dev.eventagent.tools.postgres;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a call's arguments with the bounds the schemas declare. The engine validates arguments
 * against the schema before a call arrives; these checks repeat the bounds that protect the
 * database (key lengths, NUL characters, ranges) for callers that do not.
 */
final class ToolArguments {

    /** The longest e-mail address (RFC 5321 path limit, generously). */
    static final int MAX_EMAIL = 320;
    /** The longest identifier (team id, issue key). */
    static final int MAX_ID = 200;
    /** The longest display name. */
    static final int MAX_NAME = 200;
    /** The longest skill. */
    static final int MAX_SKILL = 100;
    /** The most skills a profile holds. */
    static final int MAX_SKILLS = 100;

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");

    private ToolArguments() {
    }

    /**
     * A required e-mail, trimmed and lower-cased (addresses are matched case-insensitively).
     *
     * @param call the call
     * @param name the argument
     * @return the normalised address
     */
    static String email(ToolCall call, String name) {
        return optionalEmail(call, name).orElseThrow(() -> missing(call, name));
    }

    /**
     * An optional e-mail, trimmed and lower-cased.
     *
     * @param call the call
     * @param name the argument
     * @return the normalised address, or empty when absent
     */
    static Optional<String> optionalEmail(ToolCall call, String name) {
        Optional<String> value = optionalText(call, name, MAX_EMAIL);
        if (value.isEmpty()) {
            return value;
        }
        String email = value.get().trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                    + " is not an e-mail address");
        }
        return Optional.of(email);
    }

    /**
     * A required, non-blank text of bounded length, kept exactly as given.
     *
     * @param call the call
     * @param name the argument
     * @param maxLength the most characters
     * @return the text
     */
    static String text(ToolCall call, String name, int maxLength) {
        return optionalText(call, name, maxLength).orElseThrow(() -> missing(call, name));
    }

    /**
     * An optional, non-blank text of bounded length, kept exactly as given.
     *
     * @param call the call
     * @param name the argument
     * @param maxLength the most characters
     * @return the text, or empty when absent or null
     */
    static Optional<String> optionalText(ToolCall call, String name, int maxLength) {
        Optional<String> value = call.string(name);
        value.ifPresent(text -> checkText(call, name, text, maxLength));
        return value;
    }

    /**
     * A required list of distinct, non-blank strings (duplicates dropped, first spelling kept,
     * compared case-insensitively).
     *
     * @param call the call
     * @param name the argument
     * @return the strings, trimmed, in the given order
     */
    static List<String> skills(ToolCall call, String name) {
        Object value = call.arguments().get(name);
        if (value == null) {
            throw missing(call, name);
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                    + " must be an array of strings");
        }
        if (list.size() > MAX_SKILLS) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                    + " has " + list.size() + " items; at most " + MAX_SKILLS);
        }
        List<String> skills = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String skill)) {
                throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                        + " must be an array of strings");
            }
            String trimmed = skill.trim();
            checkText(call, name, trimmed, MAX_SKILL);
            if (seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                skills.add(trimmed);
            }
        }
        return List.copyOf(skills);
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
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                    + " must be an integer from " + min + " to " + max);
        }
        return (int) number;
    }

    /**
     * A required number from 0.0 to 1.0.
     *
     * @param call the call
     * @param name the argument
     * @return the value
     */
    static double fraction(ToolCall call, String name) {
        double number = call.number(name).orElseThrow(() -> missing(call, name)).doubleValue();
        if (!(number >= 0.0 && number <= 1.0)) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                    + " must be a number from 0.0 to 1.0");
        }
        return number;
    }

    private static void checkText(ToolCall call, String name, String text, int maxLength) {
        if (text.isBlank()) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName() + " is blank");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName() + " has "
                    + length + " characters; at most " + maxLength);
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                    + " contains a NUL character, which PostgreSQL text cannot hold");
        }
    }

    private static InvalidArgumentsException missing(ToolCall call, String name) {
        return new InvalidArgumentsException("argument '" + name + "' of " + call.toolName() + " is required");
    }
}
