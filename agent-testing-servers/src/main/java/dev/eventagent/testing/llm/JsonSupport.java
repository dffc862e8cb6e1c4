package dev.eventagent.testing.llm;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The shared Jackson mapper and the OpenAI error body shape. */
final class JsonSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonSupport() {}

    static String errorBody(String message, String type, String code) {
        var error = MAPPER.createObjectNode();
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        var root = MAPPER.createObjectNode();
        root.set("error", error);
        return root.toString();
    }
}
