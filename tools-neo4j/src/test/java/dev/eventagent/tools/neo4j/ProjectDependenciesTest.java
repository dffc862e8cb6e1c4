package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.query;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** find_project_dependencies: transitive, typed, bounded, and ending on cycles. */
class ProjectDependenciesTest {

    private static final String TOOL = "find_project_dependencies";
    private static Neo4jToolsFixture tools;

    @BeforeAll
    static void open() throws Exception {
        tools = Neo4jToolsFixture.open();
    }

    @AfterAll
    static void close() {
        tools.close();
    }

    @Test
    void followsDependenciesUpToTheDepthEachAtItsShortestDistance() {
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        String d = unique("d");
        String e = unique("e");
        depend(a, b, "blocking");
        depend(b, c, "required");
        depend(c, d, "optional");
        depend(d, e, "required");
        depend(a, c, "optional");
        tools.call("create_project_node", args("project_id", c, "name", "Project C"));

        Map<String, Object> result = tools.call(TOOL, args("project_id", a));

        assertThat(result).containsEntry("found", true).containsEntry("depth", 3).containsEntry("cyclic", false)
                .containsEntry("truncated", false);
        assertThat(dependencies(result)).containsExactlyInAnyOrder(
                List.of(b, 1L), List.of(c, 1L), List.of(d, 2L), List.of(e, 3L));
        assertThat(((List<?>) result.get("dependencies")).stream().map(row -> (Map<?, ?>) row)
                .filter(row -> row.get("project_id").equals(c)).map(row -> (Object) row.get("name")).toList())
                .containsExactly("Project C");
        assertThat(edges(result)).containsExactlyInAnyOrder(
                List.of(a, b, "blocking"), List.of(a, c, "optional"), List.of(b, c, "required"),
                List.of(c, d, "optional"), List.of(d, e, "required"));

        Map<String, Object> direct = tools.call(TOOL, args("project_id", a, "depth", 1));
        assertThat(dependencies(direct)).containsExactlyInAnyOrder(List.of(b, 1L), List.of(c, 1L));
        assertThat(edges(direct)).as("only the edges walked within the depth")
                .containsExactlyInAnyOrder(List.of(a, b, "blocking"), List.of(a, c, "optional"));
    }

    @Test
    void endsOnACycleAndReportsIt() {
        String x = unique("x");
        String y = unique("y");
        String z = unique("z");
        depend(x, y, "required");
        depend(y, z, "required");
        depend(z, x, "blocking");

        Map<String, Object> result = tools.call(TOOL, args("project_id", x, "depth", 10));

        assertThat(dependencies(result)).containsExactlyInAnyOrder(List.of(y, 1L), List.of(z, 2L));
        assertThat(edges(result)).containsExactlyInAnyOrder(
                List.of(x, y, "required"), List.of(y, z, "required"), List.of(z, x, "blocking"));
        assertThat(result).containsEntry("cyclic", true);
    }

    @Test
    void endsQuicklyOnADenselyCyclicGraphAtTheMaximumDepth() {
        String prefix = unique("mesh");
        query("""
                UNWIND range(0, 11) AS i
                UNWIND range(0, 11) AS j
                WITH i, j WHERE i <> j
                MERGE (a:Project {project_id: $prefix + '-' + i})
                MERGE (b:Project {project_id: $prefix + '-' + j})
                MERGE (a)-[:DEPENDS_ON {dependency_type: 'required'}]->(b)
                """, "prefix", prefix);

        long started = System.nanoTime();
        Map<String, Object> result = tools.call(TOOL, args("project_id", prefix + "-0", "depth", 10));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(dependencies(result)).hasSize(11).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(1L));
        assertThat(edges(result)).hasSize(132);
        assertThat(result).containsEntry("cyclic", true);
        assertThat(took).as("time on a complete graph of 12 projects (10^10 paths if walked path by path)")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void saysWhenTheProjectIsUnknown() {
        String ghost = unique("ghost");

        assertThat(tools.call(TOOL, args("project_id", ghost)))
                .isEqualTo(args("project_id", ghost, "found", false, "depth", 3));
    }

    @Test
    void findsCyclesInEdgeLists() {
        assertThat(FindProjectDependencies.hasCycle(List.of(edge("a", "b"), edge("b", "c"), edge("a", "c"))))
                .isFalse();
        assertThat(FindProjectDependencies.hasCycle(List.of(edge("a", "b"), edge("b", "c"), edge("c", "b"))))
                .isTrue();
        assertThat(FindProjectDependencies.hasCycle(List.of())).isFalse();
    }

    private static Map<String, Object> edge(String from, String to) {
        return args("from", from, "to", to);
    }

    private static void depend(String project, String dependsOn, String type) {
        tools.call("create_project_dependency", args("project_id", project, "depends_on_id", dependsOn,
                "dependency_type", type));
    }

    private static List<List<Object>> dependencies(Map<String, Object> result) {
        return ((List<?>) result.get("dependencies")).stream().map(row -> (Map<?, ?>) row)
                .map(row -> List.<Object>of(row.get("project_id"), row.get("depth"))).toList();
    }

    private static List<List<Object>> edges(Map<String, Object> result) {
        return ((List<?>) result.get("edges")).stream().map(row -> (Map<?, ?>) row)
                .map(row -> List.<Object>of(row.get("from"), row.get("to"), row.get("dependency_type"))).toList();
    }
}
