package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.query;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile values in every string argument of every tool (quotes, backticks, Cypher fragments
 * that would delete everything, parameter and format markers, control characters, emoji, a
 * right-to-left override, 10 000-character names): they pass the schemas where the schemas allow
 * them, are stored as values, come back intact through the READ tools, and nothing breaks out
 * (a sentinel node survives, and no unknown label or relationship type appears).
 */
class HostileStringsTest {

    private static final String FRAGMENT = "O'Brien \"Bobby\" `Tables`; }) MATCH (n) DETACH DELETE n // "
            + "' OR 1=1 -- $email {x} %s %d \\ \\u0041 \u0000\n\t\r 👩‍💻🚀 \u202Eevil ";

    private static Neo4jToolsFixture tools;
    private static String sentinel;

    @BeforeAll
    static void open() throws Exception {
        tools = Neo4jToolsFixture.open();
        sentinel = unique("sentinel");
        query("CREATE (:Sentinel {id: $id})", "id", sentinel);
    }

    @AfterAll
    static void nothingBrokeOut() {
        try {
            assertThat(query("MATCH (s:Sentinel {id: $id}) RETURN count(s) AS n", "id", sentinel))
                    .containsExactly(Map.of("n", 1L));
            assertThat(query("CALL db.labels() YIELD label RETURN collect(label) AS labels").get(0).get("labels"))
                    .asInstanceOf(LIST)
                    .isSubsetOf("Developer", "Team", "Project", "Skill", "AppliedEffect", "Sentinel");
            assertThat(query("MATCH ()-[r]->() RETURN collect(DISTINCT type(r)) AS types").get(0).get("types"))
                    .asInstanceOf(LIST)
                    .isSubsetOf("MEMBER_OF", "SUBTEAM_OF", "LED_BY", "OWNED_BY", "HAS_SKILL", "CONTRIBUTES_TO",
                            "DEPENDS_ON");
        } finally {
            tools.close();
        }
    }

    /** A value of exactly {@code length} characters (code points) built from the fragment. */
    static String hostile(int length, String distinct) {
        StringBuilder text = new StringBuilder(distinct).append(' ');
        while (text.codePointCount(0, text.length()) < length) {
            text.appendCodePoint(FRAGMENT.codePointAt(text.length() % (FRAGMENT.length() - 1)));
        }
        while (text.codePointCount(0, text.length()) > length) {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    /** A hostile e-mail address that is still valid: the quoted local part allows almost anything. */
    static String hostileEmail() {
        return "\"o'hara\\\"}) DETACH DELETE n // $x {y} 🚀 " + unique("q") + "\"@example.com";
    }

    static String hostileId() {
        return hostile(200, "id'\"`}) DETACH DELETE n//" + unique("x"));
    }

    @Test
    void developerTeamAndProjectValuesRoundTrip() {
        String email = hostileEmail();
        String name = hostile(10_000, "name");
        String team = hostileId();
        String parent = hostileId();
        String project = hostileId();
        String teamName = hostile(10_000, "team");
        String projectName = hostile(10_000, "project");

        tools.call("create_developer_node", args("email", email, "name", name, "team_id", team));
        tools.call("create_team_node", args("team_id", team, "name", teamName, "parent_team_id", parent));
        tools.call("create_project_node", args("project_id", project, "name", projectName, "team_id", team));
        tools.call("set_developer_availability", args("developer_email", email, "availability", 0.9));

        Map<String, Object> developer = tools.call("get_developer_graph", args("developer_email", email));
        assertThat(developer.get("developer")).isEqualTo(Map.of("email", email, "name", name, "availability", 0.9));
        assertThat(developer.get("team")).isEqualTo(Map.of("team_id", team, "name", teamName));
        Map<String, Object> structure = tools.call("get_team_structure", args("team_id", team));
        assertThat(structure.get("team")).isEqualTo(Map.of("team_id", team, "name", teamName));
        assertThat(structure.get("parent")).isEqualTo(args("team_id", parent, "name", null));
        assertThat(query("MATCH (p:Project {project_id: $p})-[:OWNED_BY]->(t:Team) RETURN p.name AS name, "
                + "t.team_id AS team", "p", project)).containsExactly(Map.of("name", projectName, "team", team));
        assertThat(name.codePointCount(0, name.length())).isEqualTo(10_000);
    }

    @Test
    void skillContributionAndDependencyValuesRoundTrip() {
        String email = hostileEmail();
        String other = hostileEmail();
        String skill = hostile(100, "skill'\"`" + unique("s"));
        String project = hostileId();
        String dependency = hostileId();
        String key = "evt'\"}) DETACH DELETE n // 🚀 " + unique("e") + ":store:contribution";

        tools.call("add_skill_relationship", args("developer_email", email, "skill_name", skill,
                "proficiency", "expert"));
        tools.call("set_developer_availability", args("developer_email", email, "availability", 0.5));
        tools.call("add_contribution_relationship", args("developer_email", email, "project_id", project,
                "metrics", args("commits", 2)), key);
        Map<String, Object> again = tools.call("add_contribution_relationship", args("developer_email", email,
                "project_id", project, "metrics", args("commits", 2)), key);
        tools.call("add_contribution_relationship", args("developer_email", other, "project_id", project,
                "metrics", args("prs", 1)));
        tools.call("create_project_dependency", args("project_id", project, "depends_on_id", dependency,
                "dependency_type", "blocking"));

        assertThat(again).containsEntry("applied", false).containsEntry("commits", 2L)
                .containsEntry("developer_email", email).containsEntry("project_id", project);
        assertThat(tools.call("find_available_developers", args("skill", skill)).get("developers"))
                .isEqualTo(List.of(args("email", email, "name", null, "availability", 0.5, "proficiency", "expert")));
        assertThat(tools.call("get_developer_graph", args("developer_email", email)).get("skills"))
                .isEqualTo(List.of(Map.of("name", skill, "proficiency", "expert")));
        Map<String, Object> collaborators = tools.call("find_collaborators", args("developer_email", email));
        assertThat(collaborators.get("collaborators")).isEqualTo(List.of(
                args("email", other, "name", null, "shared_projects", 1L, "projects", List.of(project))));
        Map<String, Object> dependencies = tools.call("find_project_dependencies", args("project_id", project));
        assertThat(dependencies.get("edges")).isEqualTo(List.of(
                Map.of("from", project, "to", dependency, "dependency_type", "blocking")));
        assertThat(query("MATCH (e:AppliedEffect {key: $key}) RETURN e.event_id AS event", "key", key))
                .containsExactly(Map.of("event", key.split(":")[0]));
    }
}
