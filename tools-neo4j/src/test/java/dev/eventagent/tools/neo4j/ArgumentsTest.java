package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.query;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments are refused before anything reaches Neo4j: by the JSON Schemas (what the engine
 * checks), and again by the tools themselves when called directly.
 */
class ArgumentsTest {

    private static final String TEN_KB = "x".repeat(10_240);
    private static Neo4jToolsFixture tools;

    @BeforeAll
    static void open() throws Exception {
        tools = Neo4jToolsFixture.open();
    }

    @AfterAll
    static void close() {
        tools.close();
    }

    static Stream<Arguments> refusedBySchema() {
        String email = "ok@example.com";
        Map<String, Object> metrics = args("commits", 1);
        return Stream.of(
                Arguments.of("create_developer_node", args("email", email, "name", "A")),
                Arguments.of("create_developer_node", args("email", "not-an-email", "name", "A", "team_id", "t")),
                Arguments.of("create_developer_node", args("email", email, "name", "   ", "team_id", "t")),
                Arguments.of("create_developer_node", args("email", email, "name", "A", "team_id", "t", "x", 1)),
                Arguments.of("create_developer_node", args("email", TEN_KB + "@example.com", "name", "A",
                        "team_id", "t")),
                Arguments.of("create_team_node", args("team_id", TEN_KB, "name", "T")),
                Arguments.of("create_team_node", args("team_id", "t", "name", "x".repeat(16_385))),
                Arguments.of("create_team_node", args("team_id", "t", "name", "T", "parent_team_id", "")),
                Arguments.of("create_project_node", args("project_id", 42, "name", "P")),
                Arguments.of("add_skill_relationship", args("developer_email", email, "skill_name", "Go",
                        "proficiency", "guru")),
                Arguments.of("add_skill_relationship", args("developer_email", email, "skill_name", "x".repeat(101),
                        "proficiency", "expert")),
                Arguments.of("add_contribution_relationship", args("developer_email", email, "project_id", "p")),
                Arguments.of("add_contribution_relationship", args("developer_email", email, "project_id", "p",
                        "metrics", args())),
                Arguments.of("add_contribution_relationship", args("developer_email", email, "project_id", "p",
                        "metrics", args("commits", -1))),
                Arguments.of("add_contribution_relationship", args("developer_email", email, "project_id", "p",
                        "metrics", args("commits", 1.5))),
                Arguments.of("add_contribution_relationship", args("developer_email", email, "project_id", "p",
                        "metrics", args("lines", 10))),
                Arguments.of("create_project_dependency", args("project_id", "a", "depends_on_id", "b",
                        "dependency_type", "soft")),
                Arguments.of("set_developer_availability", args("developer_email", email, "availability", 1.5)),
                Arguments.of("set_developer_availability", args("developer_email", email, "availability", "high")),
                Arguments.of("find_available_developers", args("skill", "Go", "min_availability", -0.1)),
                Arguments.of("find_available_developers", args("metrics", metrics)),
                Arguments.of("find_collaborators", args("developer_email", email, "limit", 51)),
                Arguments.of("find_collaborators", args("developer_email", email, "limit", 0)),
                Arguments.of("get_developer_graph", args("developer_email", "@example.com")),
                Arguments.of("get_team_structure", args()),
                Arguments.of("find_project_dependencies", args("project_id", "p", "depth", 11)),
                Arguments.of("find_project_dependencies", args("project_id", "p", "depth", 0)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusedBySchema")
    void theSchemaRefuses(String tool, Map<String, Object> arguments) {
        assertThat(tools.schemaProblems(tool, arguments)).isNotEmpty();
    }

    static Stream<Arguments> refusedByTheTool() {
        String email = unique("direct") + "@example.com";
        return Stream.of(
                Arguments.of("create_developer_node", args("email", email, "name", "A", "team_id", TEN_KB)),
                Arguments.of("create_developer_node", args("email", "x".repeat(300) + "@example.com", "name", "A",
                        "team_id", "t")),
                Arguments.of("create_team_node", args("team_id", " \t ", "name", "T")),
                Arguments.of("add_skill_relationship", args("developer_email", email, "skill_name", "Go",
                        "proficiency", "guru")),
                Arguments.of("add_contribution_relationship", args("developer_email", email, "project_id", "p",
                        "metrics", args("commits", -3))),
                Arguments.of("add_contribution_relationship", args("developer_email", email, "project_id", "p",
                        "metrics", "many")),
                Arguments.of("set_developer_availability", args("developer_email", email, "availability", 2)),
                Arguments.of("create_project_dependency", args("project_id", "a", "depends_on_id", "b",
                        "dependency_type", "DROP")),
                Arguments.of("find_collaborators", args("developer_email", email, "limit", 1_000_000)),
                Arguments.of("find_project_dependencies", args("project_id", "p", "depth", 1000)),
                Arguments.of("find_project_dependencies", args("project_id", "p", "depth", 2.5)),
                Arguments.of("get_developer_graph", args("developer_email", 7)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusedByTheTool")
    void theToolRefusesWhatTheSchemaWouldHave(String tool, Map<String, Object> arguments) {
        assertThat(tools.schemaProblems(tool, arguments)).isNotEmpty();
        assertThatThrownBy(() -> tools.invoke(tool, arguments, unique("event") + ":s:c"))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining(tool);
    }

    @Test
    void aRefusedCallWritesNothing() {
        String email = unique("refused") + "@example.com";

        assertThatThrownBy(() -> tools.invoke("set_developer_availability",
                args("developer_email", email, "availability", -1), "e:s:c"))
                .isInstanceOf(InvalidArgumentsException.class);

        assertThat(query("MATCH (d:Developer {email: $email}) RETURN count(d) AS n", "email", email))
                .containsExactly(Map.of("n", 0L));
    }
}
