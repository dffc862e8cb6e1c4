package dev.eventagent.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The engine's one JSON mapper and the conversions everything shares. */
public final class Json {

    /** The shared, thread-safe mapper. Numbers stay exact; unknown properties are kept as data. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200)
                .maxStringLength(50_000_000)
                .build());
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Json() {
    }

    /**
     * Renders a value as compact JSON.
     *
     * @param value maps, lists, strings, numbers, booleans, nulls or records
     * @return the JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * Parses a JSON object into plain Java maps and lists.
     *
     * @param json the text
     * @return the object
     * @throws IOException when the text is not a JSON object
     */
    public static Map<String, Object> readObject(String json) throws IOException {
        return MAPPER.readValue(json, MAP);
    }
}
