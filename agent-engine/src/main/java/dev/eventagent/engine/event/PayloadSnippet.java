package dev.eventagent.engine.event;

import java.util.List;
import java.util.Map;

/**
 * Short, safe renderings of payload text for error messages: cut to a length and with control
 * characters escaped, so a hostile payload can neither flood nor forge log lines.
 */
final class PayloadSnippet {

    /** The most payload characters any one message quotes. */
    static final int MAX_CHARS = 200;

    private PayloadSnippet() {
    }

    /**
     * Quotes text, cut to {@code max} characters (then marked with {@code …}).
     *
     * @param text the text
     * @param max the most characters to keep
     * @return e.g. {@code 'abc\n…'}
     */
    static String quote(String text, int max) {
        return "'" + cut(text, max) + "'";
    }

    /**
     * Cuts text to {@code max} characters and escapes control characters.
     *
     * @param text the text
     * @param max the most characters to keep
     * @return the safe text
     */
    static String cut(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        int limit = Math.min(text.length(), max);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > max) {
            out.append('…');
        }
        return out.toString();
    }

    /**
     * Describes a JSON value by its kind and a short rendering.
     *
     * @param value a parsed JSON value
     * @return e.g. {@code a string ('main')}, {@code a number (42)}, {@code an array}, {@code null}
     */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "a string (" + quote(s, 40) + ")";
        }
        if (value instanceof Number n) {
            return "a number (" + cut(n.toString(), 40) + ")";
        }
        if (value instanceof Boolean b) {
            return "a boolean (" + b + ")";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
