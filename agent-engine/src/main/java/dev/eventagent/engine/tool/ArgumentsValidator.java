package dev.eventagent.engine.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.eventagent.engine.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a call's arguments against its tool's JSON Schema (draft 2020-12, formats asserted). */
public final class ArgumentsValidator {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final JsonSchema schema;

    private ArgumentsValidator(JsonSchema schema) {
        this.schema = schema;
    }

    /**
     * Compiles a schema.
     *
     * @param toolName the tool, for messages
     * @param schemaJson the schema as JSON text
     * @return the validator
     * @throws IllegalArgumentException when the schema is not valid JSON or not a schema
     */
    public static ArgumentsValidator compile(String toolName, String schemaJson) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(schemaJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("tool " + toolName + " has an arguments schema that is not JSON: "
                    + e.getMessage(), e);
        }
        if (!node.isObject() || !"object".equals(node.path("type").asText())) {
            throw new IllegalArgumentException("tool " + toolName
                    + " has an arguments schema whose type is not \"object\"");
        }
        try {
            return new ArgumentsValidator(FACTORY.getSchema(node, CONFIG));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tool " + toolName + " has an invalid arguments schema: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Validates arguments.
     *
     * @param arguments the arguments object
     * @return one message per problem, each naming the argument; empty when valid
     */
    public List<String> validate(Map<String, Object> arguments) {
        JsonNode node = Json.MAPPER.valueToTree(arguments);
        Set<ValidationMessage> messages = schema.validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
