package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.query;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each WRITE tool leaves in the graph. */
class WriteToolsTest {

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
    void aDeveloperBelongsToExactlyOneTeam() {
        String email = unique("ada") + "@example.com";
        String first = unique("team");
        String second = unique("team");

        Map<String, Object> result = tools.call("create_developer_node",
                args("email", email, "name", "Ada Lovelace", "team_id", first));
        tools.call("create_developer_node", args("email", email, "name", "Ada King", "team_id", second));

        assertThat(result).isEqualTo(Map.of("email", email, "team_id", first));
        assertThat(query("MATCH (d:Developer {email: $email})-[:MEMBER_OF]->(t:Team) "
                + "RETURN d.name AS name, collect(t.team_id) AS teams", "email", email))
                .containsExactly(Map.of("name", "Ada King", "teams", List.of(second)));
        assertThat(query("MATCH (t:Team {team_id: $team}) RETURN count(t) AS teams", "team", first))
                .as("the old team stays").containsExactly(Map.of("teams", 1L));
    }

    @Test
    void teamsFormATree() {
        String root = unique("org");
        String platform = unique("platform");
        String infra = unique("infra");

        tools.call("create_team_node", args("team_id", platform, "name", "Platform", "parent_team_id", root));
        tools.call("create_team_node", args("team_id", infra, "name", "Infra", "parent_team_id", platform));
        tools.call("create_team_node", args("team_id", platform, "name", "Platform Engineering"));

        assertThat(parents(platform)).as("a call without parent keeps the parent").containsExactly(root);
        assertThatThrownBy(() -> tools.call("create_team_node",
                args("team_id", platform, "name", "Platform", "parent_team_id", infra)))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("sub-team");
        assertThatThrownBy(() -> tools.call("create_team_node",
                args("team_id", platform, "name", "Platform", "parent_team_id", platform)))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("own parent");
        assertThat(parents(platform)).as("refused calls change nothing").containsExactly(root);

        String other = unique("org");
        Map<String, Object> moved = tools.call("create_team_node",
                args("team_id", infra, "name", "Infra", "parent_team_id", other));
        assertThat(moved).containsEntry("parent_team_id", other);
        assertThat(parents(infra)).containsExactly(other);
        assertThat(query("MATCH (t:Team {team_id: $t}) RETURN t.name AS name", "t", platform))
                .containsExactly(Map.of("name", "Platform Engineering"));
    }

    @Test
    void aProjectHasAtMostOneOwningTeam() {
        String project = unique("acme/payments");
        String first = unique("team");
        String second = unique("team");

        tools.call("create_project_node", args("project_id", project, "name", "Payments", "team_id", first));
        tools.call("create_project_node", args("project_id", project, "name", "Payments", "team_id", second));
        Map<String, Object> renamed = tools.call("create_project_node", args("project_id", project, "name", "Pay"));

        assertThat(renamed).containsEntry("project_id", project).containsEntry("team_id", null);
        assertThat(query("MATCH (p:Project {project_id: $p})-[:OWNED_BY]->(t:Team) "
                + "RETURN p.name AS name, collect(t.team_id) AS owners", "p", project))
                .containsExactly(Map.of("name", "Pay", "owners", List.of(second)));
    }

    @Test
    void skillsAreOnePerNameWhateverTheCaseAndKeepTheLatestProficiency() {
        String email = unique("grace") + "@example.com";
        String skill = unique("Kotlin");

        Map<String, Object> first = tools.call("add_skill_relationship",
                args("developer_email", email, "skill_name", skill, "proficiency", "beginner"));
        Map<String, Object> second = tools.call("add_skill_relationship",
                args("developer_email", email, "skill_name", "  " + skill.toUpperCase() + " ",
                        "proficiency", "expert"));

        assertThat(first).isEqualTo(Map.of("developer_email", email, "skill", skill, "proficiency", "beginner"));
        assertThat(second).containsEntry("skill", skill);
        assertThat(query("MATCH (d:Developer {email: $email})-[r:HAS_SKILL]->(s:Skill) "
                + "RETURN s.name AS skill, r.proficiency AS proficiency", "email", email))
                .containsExactly(Map.of("skill", skill, "proficiency", "expert"));
    }

    @Test
    void availabilityIsSetOnTheDeveloper() {
        String email = unique("linus") + "@example.com";

        tools.call("set_developer_availability", args("developer_email", email, "availability", 0.2));
        Map<String, Object> result = tools.call("set_developer_availability",
                args("developer_email", email, "availability", 1));

        assertThat(result).isEqualTo(Map.of("developer_email", email, "availability", 1.0));
        assertThat(query("MATCH (d:Developer {email: $email}) RETURN d.availability AS availability", "email", email))
                .containsExactly(Map.of("availability", 1.0));
    }

    @Test
    void aDependencyIsOneTypedEdgeBetweenTwoProjects() {
        String api = unique("api");
        String db = unique("db");

        tools.call("create_project_dependency", args("project_id", api, "depends_on_id", db,
                "dependency_type", "optional"));
        tools.call("create_project_dependency", args("project_id", api, "depends_on_id", db,
                "dependency_type", "blocking"));

        assertThat(query("MATCH (:Project {project_id: $a})-[r:DEPENDS_ON]->(:Project {project_id: $b}) "
                + "RETURN collect(r.dependency_type) AS types", "a", api, "b", db))
                .containsExactly(Map.of("types", List.of("blocking")));
        assertThatThrownBy(() -> tools.call("create_project_dependency", args("project_id", api,
                "depends_on_id", api, "dependency_type", "required")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("itself");
    }

    private static List<Object> parents(String team) {
        return query("MATCH (:Team {team_id: $t})-[:SUBTEAM_OF]->(p:Team) RETURN p.team_id AS parent", "t", team)
                .stream().map(row -> row.get("parent")).toList();
    }
}
