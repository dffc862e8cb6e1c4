package dev.eventagent.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.engine.json.Json;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Tool descriptors as langchain4j tool specifications: each argument's JSON Schema passed as it is. */
final class ToolSpecs {

    private ToolSpecs() {
    }

    static ToolSpecification of(ToolDescriptor descriptor) {
        JsonNode schema;
        try {
            schema = Json.MAPPER.readTree(descriptor.argumentsSchema());
        } catch (IOException e) {
            throw new UncheckedIOException("tool " + descriptor.name() + " has a schema that is not JSON", e);
        }
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        schema.path("properties").properties().forEach(property ->
                parameters.addProperty(property.getKey(), JsonRawSchema.from(property.getValue().toString())));
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        parameters.required(required);
        if (schema.has("additionalProperties")) {
            parameters.additionalProperties(schema.path("additionalProperties").asBoolean(true));
        }
        return ToolSpecification.builder()
                .name(descriptor.name())
                .description(descriptor.description())
                .parameters(parameters.build())
                .build();
    }
}
