package dev.eventagent.tools.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.testkit.TestingPluginContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tools' argument schemas, validated as the engine does (draft 2020-12, formats asserted):
 * good arguments pass, bad ones (including filter and metadata keys that look like operators)
 * are rejected before anything reaches Pinecone.
 */
class ArgumentSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private static PluginInstance instance;

    @BeforeAll
    static void create() {
        PineconeToolPlugin plugin = new PineconeToolPlugin();
        instance = plugin.create(TestingPluginContext.of(plugin, Map.of()));
    }

    @AfterAll
    static void close() {
        instance.close();
    }

    @Test
    void acceptsWellFormedArguments() {
        assertValid("upsert_developer_embedding", Map.of("developer_email", "ada@example.com", "profile_text", "Go"));
        assertValid("search_similar_developers_vector", Map.of("query", "React and Node.js frontend expert"));
        assertValid("search_similar_developers_vector", Map.of("query", "q", "top_k", 50, "filter",
                Map.of("team", "web", "level", List.of("senior", "staff"), "years", Map.of("$gte", 3),
                        "active", true)));
        assertValid("delete_developer_embedding", Map.of("developer_email", "ada@example.com"));
        assertValid("upsert_issue_embedding", Map.of("issue_key", "PAY-142", "text", "Checkout times out"));
        assertValid("upsert_issue_embedding", Map.of("issue_key", "PAY-142", "text", "t", "metadata",
                Map.of("resolver", "ada@example.com", "points", 3, "done", true, "labels", List.of("a", "b"))));
        assertValid("search_similar_issues", Map.of("query", "q", "top_k", 1));
    }

    @Test
    void rejectsBadArguments() {
        assertInvalid("upsert_developer_embedding", Map.of("developer_email", "nobody", "profile_text", "x"),
                "developer_email");
        assertInvalid("upsert_developer_embedding", Map.of("developer_email", "a@example.com"), "profile_text");
        assertInvalid("upsert_developer_embedding", Map.of("developer_email", "a@example.com", "profile_text",
                "x".repeat(ToolArguments.MAX_TEXT + 1)), "profile_text");
        assertInvalid("upsert_developer_embedding", Map.of("developer_email", "a@example.com", "profile_text", "x",
                "team", "web"), "team");
        assertInvalid("search_similar_developers_vector", Map.of("query", "q", "top_k", 0), "top_k");
        assertInvalid("search_similar_developers_vector", Map.of("query", "q", "top_k", 51), "top_k");
        assertInvalid("search_similar_developers_vector", Map.of("query", "q", "top_k", 2.5), "top_k");
        assertInvalid("search_similar_developers_vector", Map.of("query", ""), "query");
        assertInvalid("search_similar_developers_vector", Map.of("query", "q", "filter",
                Map.of("$or", List.of(Map.of("team", "a")))), "filter");
        assertInvalid("search_similar_developers_vector", Map.of("query", "q", "filter",
                Map.of("team", Map.of("$where", "1"))), "filter");
        assertInvalid("search_similar_developers_vector", Map.of("query", "q", "filter", "team = web"), "filter");
        assertInvalid("delete_developer_embedding", Map.of(), "developer_email");
        assertInvalid("upsert_issue_embedding", Map.of("issue_key", "PAY 142", "text", "t"), "issue_key");
        assertInvalid("upsert_issue_embedding", Map.of("issue_key", "PAY-1", "text", "t",
                "metadata", Map.of("$set", "x")), "metadata");
        assertInvalid("upsert_issue_embedding", Map.of("issue_key", "PAY-1", "text", "t",
                "metadata", Map.of("text", "x")), "metadata");
        assertInvalid("upsert_issue_embedding", Map.of("issue_key", "PAY-1", "text", "t",
                "metadata", Map.of("nested", Map.of("a", 1))), "metadata");
        assertInvalid("search_similar_issues", Map.of("top_k", 5), "query");
    }

    @Test
    void noToolTakesUnknownArguments() throws Exception {
        for (Tool tool : instance.tools()) {
            var schema = MAPPER.readTree(tool.descriptor().argumentsSchema());
            assertThat(schema.path("additionalProperties").asBoolean(true))
                    .as(tool.descriptor().name() + " additionalProperties").isFalse();
        }
    }

    private static void assertValid(String tool, Map<String, ?> arguments) {
        assertThat(validate(tool, arguments)).as(tool + " " + arguments).isEmpty();
    }

    private static void assertInvalid(String tool, Map<String, ?> arguments, String argument) {
        List<String> problems = validate(tool, arguments);
        assertThat(problems).as(tool + " rejects " + arguments).isNotEmpty();
        assertThat(String.join("; ", problems)).as(tool + " names " + argument).contains(argument);
    }

    private static List<String> validate(String tool, Map<String, ?> arguments) {
        try {
            JsonSchema schema = FACTORY.getSchema(MAPPER.readTree(
                    PineconeFixture.tool(instance, tool).descriptor().argumentsSchema()), CONFIG);
            Set<ValidationMessage> messages = schema.validate(MAPPER.valueToTree(new HashMap<>(arguments)));
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
