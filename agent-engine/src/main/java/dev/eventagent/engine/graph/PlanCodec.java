package dev.eventagent.engine.graph;

import dev.eventagent.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Plans as JSON, for the effect ledger. */
final class PlanCodec {

    private PlanCodec() {
    }

    static String encode(Object value) {
        return Json.write(value);
    }

    static Classification decodeClassification(String json) {
        return read(json, Classification.class);
    }

    static String decodeText(String json) {
        return read(json, String.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the effect ledger holds a record that cannot be read: " + e.getMessage(), e);
        }
    }

    static Plan decode(String json) {
        return read(json, Plan.class);
    }
}
