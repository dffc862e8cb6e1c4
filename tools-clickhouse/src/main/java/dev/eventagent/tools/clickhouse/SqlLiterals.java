package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The one place where values become SQL text, for servers without query parameters.
 *
 * <p>ClickHouse 18.16 (the server Debian packages) has no query parameters over HTTP: a
 * {@code param_x} URL parameter is refused with {@code Unknown setting param_x}, so the
 * {@code {name:Type}} placeholders of client-v2 cannot be used there. For such a server
 * {@link SqlStatement} renders every value here and nowhere else: strings as single-quoted
 * literals with every backslash and quote escaped and control characters written as escapes,
 * numbers from Java's own integer formatting, instants as {@code toDateTime(<epoch seconds>)}.
 * Servers that have query parameters (19.11 and later, see {@link ClickHouseDialect}) get the
 * values as parameters instead. Identifiers are never rendered from input: table and database
 * names come from config and are checked to be plain identifiers at start-up. Rows are never
 * written as SQL: inserts send JSONEachRow.
 */
final class SqlLiterals {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlLiterals() {
    }

    /**
     * A string literal.
     *
     * @param value any text
     * @return {@code 'value'} with {@code \} , {@code '} and control characters escaped
     */
    static String string(String value) {
        requireNonNull(value, "value is null");
        StringBuilder sql = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sql.append("\\\\");
                case '\'' -> sql.append("\\'");
                case '\0' -> sql.append("\\0");
                case '\n' -> sql.append("\\n");
                case '\r' -> sql.append("\\r");
                case '\t' -> sql.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        sql.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        sql.append(c);
                    }
                }
            }
        }
        return sql.append('\'').toString();
    }

    /**
     * An integer literal.
     *
     * @param value the number
     * @return its decimal text
     */
    static String integer(long value) {
        return Long.toString(value);
    }

    /**
     * A DateTime value, independent of the server's time zone.
     *
     * @param value the instant (whole seconds are used)
     * @return {@code toDateTime(<epoch seconds>)}
     */
    static String dateTime(Instant value) {
        return "toDateTime(" + value.getEpochSecond() + ")";
    }

    /**
     * A qualified table name. Both parts must already be plain identifiers
     * ({@link ClickHouseTables#identifier(String, String)}).
     *
     * @param database the database
     * @param table the table
     * @return {@code `database`.`table`}
     */
    static String table(String database, String table) {
        return "`" + database + "`.`" + table + "`";
    }
}
