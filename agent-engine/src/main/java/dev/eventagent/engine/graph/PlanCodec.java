package dev.eventagent.engine.graph;

import dev.eventagent.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Plans as JSON, for the effect ledger. */
final class PlanCodec {

    private PlanCodec() {
    }

    static String encode(Plan plan) {
        return Json.write(plan);
    }

    static Plan decode(String json) {
        try {
            return Json.MAPPER.readValue(json, Plan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the effect ledger holds a plan that cannot be read: " + e.getMessage(), e);
        }
    }
}
