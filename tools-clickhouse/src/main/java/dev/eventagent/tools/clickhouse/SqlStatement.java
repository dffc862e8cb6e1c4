package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement whose values stay apart from its text until it is sent. Text comes only from the
 * tools' own constants ({@link #sql(String)}); every value goes in through a typed method and is
 * rendered, for the server at hand ({@link ClickHouseDialect}), either
 * <ul>
 *   <li>as a server-side query parameter: a {@code {p0:String}} placeholder in the text and the
 *       value sent apart as {@code param_p0} (ClickHouse 19.11 and later), or</li>
 *   <li>as an escaped literal from {@link SqlLiterals}, for servers without query parameters
 *       (18.16, Debian's package).</li>
 * </ul>
 * Both renderings of a statement mean the same query.
 */
final class SqlStatement {

    private final List<Object> parts = new ArrayList<>();

    /** A value and how the server types it. */
    private record Value(Kind kind, Object value) {
    }

    private enum Kind { STRING, INTEGER, DATE_TIME }

    /**
     * The statement as sent to one server.
     *
     * @param sql the text, with placeholders or literals
     * @param parameters the values of the placeholders, as {@code param_<name>} text (empty with literals)
     */
    record Rendered(String sql, Map<String, Object> parameters) {
    }

    /**
     * A statement starting with some text.
     *
     * @param text SQL from the tools' constants, never from input
     * @return the statement
     */
    static SqlStatement of(String text) {
        return new SqlStatement().sql(text);
    }

    /**
     * Appends SQL text.
     *
     * @param text SQL from the tools' constants, never from input
     * @return this statement
     */
    SqlStatement sql(String text) {
        parts.add(requireNonNull(text, "text is null"));
        return this;
    }

    /**
     * Appends a String value.
     *
     * @param value any text
     * @return this statement
     */
    SqlStatement string(String value) {
        parts.add(new Value(Kind.STRING, requireNonNull(value, "value is null")));
        return this;
    }

    /**
     * Appends an integer value (an {@code Int64}).
     *
     * @param value the number
     * @return this statement
     */
    SqlStatement integer(long value) {
        parts.add(new Value(Kind.INTEGER, value));
        return this;
    }

    /**
     * Appends a DateTime value, independent of the server's time zone: {@code toDateTime(<epoch seconds>)}.
     *
     * @param value the instant (whole seconds are used)
     * @return this statement
     */
    SqlStatement dateTime(Instant value) {
        parts.add(new Value(Kind.DATE_TIME, value.getEpochSecond()));
        return this;
    }

    /**
     * Appends a tuple of String values for {@code IN}: {@code (a, b, …)}.
     *
     * @param values at least one value
     * @return this statement
     */
    SqlStatement strings(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        sql("(");
        boolean first = true;
        for (String value : values) {
            if (!first) {
                sql(", ");
            }
            string(value);
            first = false;
        }
        return sql(")");
    }

    /**
     * Appends another statement (its text and values).
     *
     * @param other the fragment
     * @return this statement
     */
    SqlStatement append(SqlStatement other) {
        parts.addAll(other.parts);
        return this;
    }

    /**
     * Renders the statement for a server.
     *
     * @param queryParameters whether the server takes server-side query parameters
     * @return the text and, with parameters, their values
     */
    Rendered render(boolean queryParameters) {
        StringBuilder sql = new StringBuilder();
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Object part : parts) {
            if (part instanceof String text) {
                sql.append(text);
                continue;
            }
            Value value = (Value) part;
            if (!queryParameters) {
                sql.append(switch (value.kind()) {
                    case STRING -> SqlLiterals.string((String) value.value());
                    case INTEGER -> SqlLiterals.integer((Long) value.value());
                    case DATE_TIME -> SqlLiterals.dateTime(Instant.ofEpochSecond((Long) value.value()));
                });
                continue;
            }
            String name = "p" + parameters.size();
            switch (value.kind()) {
                case STRING -> {
                    sql.append('{').append(name).append(":String}");
                    parameters.put(name, parameterText((String) value.value()));
                }
                case INTEGER -> {
                    sql.append('{').append(name).append(":Int64}");
                    parameters.put(name, Long.toString((Long) value.value()));
                }
                case DATE_TIME -> {
                    sql.append("toDateTime({").append(name).append(":Int64})");
                    parameters.put(name, Long.toString((Long) value.value()));
                }
                default -> throw new IllegalStateException("unknown kind " + value.kind());
            }
        }
        return new Rendered(sql.toString(), Collections.unmodifiableMap(parameters));
    }

    /**
     * A String value as a {@code param_<name>} URL parameter. The server reads it with the
     * "escaped" text rules ({@code deserializeTextEscaped}): a backslash starts an escape, and a
     * raw tab or newline ends the value. client-v2 0.10.0 sends the text as given, so those three
     * are escaped here (every other character, quotes included, is read as it is).
     */
    static String parameterText(String value) {
        StringBuilder text = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                default -> null;
            };
            if (escaped != null && text == null) {
                text = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (text != null) {
                if (escaped != null) {
                    text.append(escaped);
                } else {
                    text.append(c);
                }
            }
        }
        return text == null ? value : text.toString();
    }
}
