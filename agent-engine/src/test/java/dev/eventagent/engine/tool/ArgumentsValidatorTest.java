package dev.eventagent.engine.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Arguments checked against a tool's JSON Schema (draft 2020-12, formats asserted). */
class ArgumentsValidatorTest {

    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "issue_key": {"type": "string"},
                "assignee_email": {"type": "string", "format": "email"},
                "story_points": {"type": "integer", "minimum": 0},
                "priority": {"enum": ["low", "medium", "high"]},
                "labels": {"type": "array", "items": {"type": "string"}},
                "notify": {"type": "boolean"}
              },
              "required": ["issue_key", "assignee_email"],
              "additionalProperties": false
            }
            """;

    private final ArgumentsValidator validator = ArgumentsValidator.compile("assign_jira_issue", SCHEMA);

    @Test
    void validArgumentsHaveNoProblems() {
        Map<String, Object> arguments = valid();
        arguments.put("story_points", 3);
        arguments.put("priority", "high");
        arguments.put("labels", List.of("backend", "db"));
        arguments.put("notify", true);

        assertThat(validator.validate(arguments)).isEmpty();
    }

    @Test
    void eachMissingRequiredArgumentIsNamed() {
        List<String> problems = validator.validate(Map.of());

        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("issue_key").contains("required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("assignee_email").contains("required"));
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithTheExpectedType() {
        Map<String, Object> arguments = valid();
        arguments.put("story_points", "three");

        assertThat(validator.validate(arguments)).singleElement().satisfies(p -> assertThat(p)
                .contains("story_points").contains("string").contains("integer"));
    }

    @Test
    void aFractionWhereAnIntegerIsExpectedIsRejected() {
        Map<String, Object> arguments = valid();
        arguments.put("story_points", 2.5);

        assertThat(validator.validate(arguments)).singleElement().satisfies(p -> assertThat(p)
                .contains("story_points").contains("integer"));
    }

    @Test
    void aWrongItemInAnArrayIsNamedByItsIndex() {
        Map<String, Object> arguments = valid();
        arguments.put("labels", List.of("backend", 7));

        assertThat(validator.validate(arguments)).singleElement().satisfies(p -> assertThat(p)
                .contains("labels").contains("1").contains("string"));
    }

    @Test
    void aValueOutsideTheEnumIsNamedWithTheAllowedValues() {
        Map<String, Object> arguments = valid();
        arguments.put("priority", "urgent");

        assertThat(validator.validate(arguments)).singleElement().satisfies(p -> assertThat(p)
                .contains("priority").contains("enumeration").contains("low").contains("medium").contains("high"));
    }

    @Test
    void theEmailFormatIsAsserted() {
        Map<String, Object> arguments = valid();
        arguments.put("assignee_email", "not-an-email");

        assertThat(validator.validate(arguments)).singleElement().satisfies(p -> assertThat(p)
                .contains("assignee_email").contains("email"));
    }

    @Test
    void anArgumentTheSchemaDoesNotDefineIsNamedWhenAdditionalPropertiesAreFalse() {
        Map<String, Object> arguments = valid();
        arguments.put("asignee", "typo@example.com");

        assertThat(validator.validate(arguments)).singleElement().satisfies(p -> assertThat(p)
                .contains("asignee").contains("not defined in the schema"));
    }

    @Test
    void everyProblemIsReportedAtOnceInAStableOrder() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("story_points", -1);
        arguments.put("priority", "urgent");
        arguments.put("extra", 1);

        List<String> problems = validator.validate(arguments);

        assertThat(problems).hasSize(5).isSorted();
        assertThat(String.join("\n", problems))
                .contains("issue_key").contains("assignee_email").contains("story_points")
                .contains("priority").contains("extra");
    }

    @Test
    void aSchemaThatIsNotJsonIsRejectedNamingTheTool() {
        assertThatThrownBy(() -> ArgumentsValidator.compile("insert_commit_event", "{\"type\": \"object\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("insert_commit_event")
                .hasMessageContaining("not JSON");
    }

    @Test
    void aSchemaWhoseTypeIsNotObjectIsRejectedNamingTheTool() {
        assertThatThrownBy(() -> ArgumentsValidator.compile("insert_commit_event", "{\"type\": \"array\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("insert_commit_event")
                .hasMessageContaining("\"object\"");
    }

    @Test
    void aSchemaWithoutATypeIsRejectedNamingTheTool() {
        assertThatThrownBy(() -> ArgumentsValidator.compile("insert_commit_event", "{\"properties\": {}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("insert_commit_event");
    }

    @Test
    void aSchemaThatIsAJsonArrayIsRejectedNamingTheTool() {
        assertThatThrownBy(() -> ArgumentsValidator.compile("insert_commit_event", "[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("insert_commit_event");
    }

    @Test
    void theDefaultSchemaOfTheDescriptorBuilderAcceptsOnlyAnEmptyObject() {
        ArgumentsValidator empty = ArgumentsValidator.compile("ping",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}");

        assertThat(empty.validate(Map.of())).isEmpty();
        assertThat(empty.validate(Map.of("x", 1))).singleElement().satisfies(p -> assertThat(p).contains("'x'"));
    }

    private static Map<String, Object> valid() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("issue_key", "PROJ-42");
        arguments.put("assignee_email", "dev@example.com");
        return arguments;
    }
}
