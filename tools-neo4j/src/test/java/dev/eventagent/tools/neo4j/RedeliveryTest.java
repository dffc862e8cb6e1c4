package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.query;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every WRITE tool called twice with the same idempotency key (a redelivered event) leaves the
 * graph exactly as one call did: the same nodes, relationships and property values, timestamps
 * included.
 */
class RedeliveryTest {

    private static Neo4jToolsFixture tools;

    @BeforeAll
    static void open() throws Exception {
        tools = Neo4jToolsFixture.open();
    }

    @AfterAll
    static void close() {
        tools.close();
    }

    static Stream<Arguments> writes() {
        String email = unique("dev") + "@example.com";
        String team = unique("team");
        String parent = unique("parent");
        String project = unique("project");
        String other = unique("project");
        String skill = unique("Skill");
        return Stream.of(
                Arguments.of("create_developer_node", args("email", email, "name", "Ada", "team_id", team),
                        List.of(email, team)),
                Arguments.of("create_team_node", args("team_id", team, "name", "Core", "parent_team_id", parent),
                        List.of(team, parent)),
                Arguments.of("create_project_node", args("project_id", project, "name", "Pay", "team_id", team),
                        List.of(project, team)),
                Arguments.of("add_skill_relationship", args("developer_email", email, "skill_name", skill,
                        "proficiency", "expert"), List.of(email, AddSkillRelationship.skillKey(skill))),
                Arguments.of("add_contribution_relationship", args("developer_email", email, "project_id", project,
                        "metrics", args("commits", 3, "prs", 1, "reviews", 2)), List.of(email, project)),
                Arguments.of("create_project_dependency", args("project_id", project, "depends_on_id", other,
                        "dependency_type", "blocking"), List.of(project, other)),
                Arguments.of("set_developer_availability", args("developer_email", email, "availability", 0.75),
                        List.of(email)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aRedeliveredCallLeavesTheGraphAsOneCallDid(String tool, Map<String, Object> arguments, List<String> ids) {
        String key = unique("event") + ":store:" + tool;
        Map<String, Object> first = tools.call(tool, arguments, key);
        List<String> afterOne = snapshot(ids, key);
        long nodesAfterOne = count("MATCH (n) RETURN count(n) AS n");
        long relationshipsAfterOne = count("MATCH ()-[r]->() RETURN count(r) AS n");

        Map<String, Object> second = tools.call(tool, arguments, key);

        assertThat(snapshot(ids, key)).isEqualTo(afterOne);
        assertThat(count("MATCH (n) RETURN count(n) AS n")).isEqualTo(nodesAfterOne);
        assertThat(count("MATCH ()-[r]->() RETURN count(r) AS n")).isEqualTo(relationshipsAfterOne);
        if (!tool.equals("add_contribution_relationship")) {
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void everyWriteToolIsCovered() {
        List<String> covered = writes().map(arguments -> (String) arguments.get()[0]).toList();
        List<String> writeTools = tools.instance().tools().stream()
                .filter(tool -> tool.descriptor().effect() == EffectKind.WRITE)
                .map(Tool::descriptor).map(descriptor -> descriptor.name()).toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(writeTools);
    }

    /** The nodes holding the ids (or the key) with their properties and outgoing relationships, as text. */
    private static List<String> snapshot(List<String> ids, String key) {
        List<String> keys = new ArrayList<>(ids);
        keys.add(key);
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> row : query("""
                MATCH (n)
                WHERE n.email IN $ids OR n.team_id IN $ids OR n.project_id IN $ids OR n.key IN $ids
                OPTIONAL MATCH (n)-[r]->(m)
                RETURN labels(n) AS labels, properties(n) AS node, type(r) AS type, properties(r) AS relationship,
                       properties(m) AS target
                """, "ids", keys)) {
            lines.add(String.valueOf(row));
        }
        lines.sort(null);
        return lines;
    }

    private static long count(String cypher) {
        return ((Number) query(cypher).get(0).get("n")).longValue();
    }
}
