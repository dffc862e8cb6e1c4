package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.eventagent.api.Tool;
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
 * good arguments pass, bad ones are rejected before anything reaches PostgreSQL.
 */
class ArgumentSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private static PostgresPluginFixture postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresPluginFixture.create("schemas");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void acceptsWellFormedArguments() {
        assertValid("create_user_profile", Map.of("email", "ada@example.com", "name", "Ada", "team_id", "platform",
                "skills", List.of("go", "kubernetes")));
        assertValid("update_user_skills", Map.of("email", "ada@example.com", "skills", List.of()));
        assertValid("get_user_by_email", Map.of("email", "ada@example.com"));
        assertValid("create_team", Map.of("team_id", "platform", "name", "Platform"));
        assertValid("create_team", Map.of("team_id", "platform", "name", "Platform", "lead_email", "l@example.com"));
        assertValid("get_team_members", Map.of("team_id", "platform"));
        assertValid("update_user_availability", Map.of("email", "ada@example.com", "availability", 0));
        assertValid("update_user_availability", Map.of("email", "ada@example.com", "availability", 1.0));
        assertValid("upsert_profile_embedding", Map.of("email", "ada@example.com", "profile_text", "Go"));
        assertValid("find_similar_developers", Map.of("skill_description", "Kubernetes operator in Go"));
        assertValid("find_similar_developers", Map.of("skill_description", "Go", "top_k", 50));
        assertValid("record_task_assignment", Map.of("issue_key", "PLAT-1", "assignee_email", "ada@example.com",
                "reason", "closest profile"));
        assertValid("get_assignment_history", Map.of());
        assertValid("get_assignment_history", Map.of("email", "ada@example.com", "issue_key", "PLAT-1", "limit", 100));
    }

    @Test
    void rejectsBadArguments() {
        assertInvalid("create_user_profile", Map.of("email", "ada@example.com", "name", "Ada", "team_id", "p"),
                "skills");
        assertInvalid("create_user_profile", Map.of("email", "not-an-email", "name", "Ada", "team_id", "p",
                "skills", List.of()), "email");
        assertInvalid("create_user_profile", Map.of("email", "ada@example.com", "name", "", "team_id", "p",
                "skills", List.of()), "name");
        assertInvalid("create_user_profile", Map.of("email", "ada@example.com", "name", "x".repeat(201),
                "team_id", "p", "skills", List.of()), "name");
        assertInvalid("update_user_skills", Map.of("email", "ada@example.com", "skills", List.of("")), "skills");
        assertInvalid("update_user_skills", Map.of("email", "ada@example.com", "skills", "go"), "skills");
        assertInvalid("get_user_by_email", Map.of("email", "ada@example.com", "extra", true), "extra");
        assertInvalid("create_team", Map.of("team_id", "", "name", "Platform"), "team_id");
        assertInvalid("create_team", Map.of("team_id", "p", "name", "P", "lead_email", "nobody"), "lead_email");
        assertInvalid("get_team_members", Map.of(), "team_id");
        assertInvalid("update_user_availability", Map.of("email", "ada@example.com", "availability", 1.5),
                "availability");
        assertInvalid("update_user_availability", Map.of("email", "ada@example.com", "availability", -0.1),
                "availability");
        assertInvalid("update_user_availability", Map.of("email", "ada@example.com", "availability", "high"),
                "availability");
        assertInvalid("upsert_profile_embedding", Map.of("email", "ada@example.com",
                "profile_text", "x".repeat(SimilarityTools.MAX_PROFILE_TEXT + 1)), "profile_text");
        assertInvalid("find_similar_developers", Map.of("skill_description", "Go", "top_k", 0), "top_k");
        assertInvalid("find_similar_developers", Map.of("skill_description", "Go", "top_k", 51), "top_k");
        assertInvalid("find_similar_developers", Map.of("skill_description", "Go", "top_k", 2.5), "top_k");
        assertInvalid("find_similar_developers", Map.of("top_k", 5), "skill_description");
        assertInvalid("record_task_assignment", Map.of("issue_key", "PLAT-1", "assignee_email", "ada@example.com",
                "reason", "x".repeat(AssignmentTools.MAX_REASON + 1)), "reason");
        assertInvalid("record_task_assignment", Map.of("issue_key", "PLAT-1", "assignee_email", "ada",
                "reason", "r"), "assignee_email");
        assertInvalid("get_assignment_history", Map.of("limit", 101), "limit");
        assertInvalid("get_assignment_history", Map.of("since", "yesterday"), "since");
    }

    @Test
    void everyPropertyIsDescribedAndNoToolTakesUnknownArguments() throws Exception {
        for (Tool tool : postgres.instance().tools()) {
            var schema = MAPPER.readTree(tool.descriptor().argumentsSchema());
            assertThat(schema.path("additionalProperties").asBoolean(true))
                    .as(tool.descriptor().name() + " additionalProperties").isFalse();
            Set<String> required = new java.util.HashSet<>();
            schema.path("required").forEach(name -> required.add(name.asText()));
            Set<String> properties = new java.util.HashSet<>();
            schema.path("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(properties).as(tool.descriptor().name() + " required ⊆ properties").containsAll(required);
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
                    postgres.tool(tool).descriptor().argumentsSchema()), CONFIG);
            Set<ValidationMessage> messages = schema.validate(MAPPER.valueToTree(new HashMap<>(arguments)));
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
