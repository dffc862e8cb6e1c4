package dev.eventagent.tools.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSONEachRow format, both ways: one JSON object per line. Strings are written as UTF-8
 * with JSON escapes (which every ClickHouse version reads), so no value is ever SQL text.
 * Numbers come back from ClickHouse either as JSON numbers or, for 64-bit integers, as strings;
 * {@link #longValue(JsonNode, String)} reads both.
 */
final class JsonEachRow {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectReader READER = MAPPER.readerFor(JsonNode.class);

    private JsonEachRow() {
    }

    /**
     * Encodes rows.
     *
     * @param rows column name to value (String, Number, Boolean or null)
     * @return the body of an {@code INSERT … FORMAT JSONEachRow}
     */
    static byte[] encode(List<Map<String, Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, rows.size() * 256));
        try {
            for (Map<String, Object> row : rows) {
                WRITER.writeValue(out, withWellFormedText(row));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a row as JSON", e);
        }
        return out.toByteArray();
    }

    /**
     * The row with every lone UTF-16 surrogate (which no UTF-8 text can hold) replaced by U+FFFD;
     * the row itself when it has none.
     */
    private static Map<String, Object> withWellFormedText(Map<String, Object> row) {
        Map<String, Object> copy = null;
        for (Map.Entry<String, Object> column : row.entrySet()) {
            if (column.getValue() instanceof String text && hasLoneSurrogate(text)) {
                if (copy == null) {
                    copy = new LinkedHashMap<>(row);
                }
                copy.put(column.getKey(), replaceLoneSurrogates(text));
            }
        }
        return copy == null ? row : copy;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String replaceLoneSurrogates(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else {
                clean.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return clean.toString();
    }

    /**
     * Decodes a response body.
     *
     * @param body the stream, read to its end
     * @return one node per row
     * @throws IOException when the body is not JSONEachRow
     */
    static List<JsonNode> decode(InputStream body) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = READER.readValues(body)) {
            while (iterator.hasNextValue()) {
                rows.add(iterator.nextValue());
            }
        }
        return rows;
    }

    /**
     * A whole number from a column, written as a number or (64-bit) as a string.
     *
     * @param row the row
     * @param column the column
     * @return the value; 0 when absent or null
     */
    static long longValue(JsonNode row, String column) {
        JsonNode value = row.path(column);
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual() && !value.asText().isEmpty()) {
            return Long.parseLong(value.asText());
        }
        return 0L;
    }

    /**
     * A floating-point number from a column.
     *
     * @param row the row
     * @param column the column
     * @return the value; 0 when absent or null
     */
    static double doubleValue(JsonNode row, String column) {
        JsonNode value = row.path(column);
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual() && !value.asText().isEmpty()) {
            return Double.parseDouble(value.asText());
        }
        return 0.0;
    }

    /**
     * A list of whole numbers from an array column.
     *
     * @param row the row
     * @param column the column
     * @return the values, in order
     */
    static List<Long> longList(JsonNode row, String column) {
        List<Long> values = new ArrayList<>();
        for (JsonNode element : row.path(column)) {
            values.add(element.isNumber() ? element.asLong() : Long.parseLong(element.asText()));
        }
        return values;
    }
}
