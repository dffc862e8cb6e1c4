package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.query;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The READ tools on one small organisation, built through the WRITE tools:
 * <pre>
 * org ── platform (lead alice: alice, bob, erin) ── infra (carol)
 *                                                └─ sre (dave)
 * alice: p1 p2   bob: p1 p2   carol: p2   dave: p3
 * </pre>
 */
class ReadToolsTest {

    private static Neo4jToolsFixture tools;
    private static String org;
    private static String platform;
    private static String infra;
    private static String sre;
    private static String java;
    private static String alice;
    private static String bob;
    private static String carol;
    private static String dave;
    private static String erin;
    private static String p1;
    private static String p2;

    @BeforeAll
    static void buildTheOrganisation() throws Exception {
        tools = Neo4jToolsFixture.open();
        org = unique("org");
        platform = unique("platform");
        infra = unique("infra");
        sre = unique("sre");
        java = unique("Java");
        String run = unique("run");
        alice = "alice." + run + "@example.com";
        bob = "bob." + run + "@example.com";
        carol = "carol." + run + "@example.com";
        dave = "dave." + run + "@example.com";
        erin = "erin." + run + "@example.com";
        p1 = unique("p1");
        p2 = unique("p2");
        String p3 = unique("p3");

        tools.call("create_team_node", args("team_id", org, "name", "Org"));
        tools.call("create_team_node", args("team_id", platform, "name", "Platform", "parent_team_id", org));
        tools.call("create_team_node", args("team_id", infra, "name", "Infra", "parent_team_id", platform));
        tools.call("create_team_node", args("team_id", sre, "name", "SRE", "parent_team_id", platform));
        developer(alice, "Alice", platform, "expert", 0.8);
        developer(bob, "Bob", platform, "beginner", 0.5);
        developer(carol, "Carol", infra, "intermediate", 0.2);
        developer(dave, "Dave", sre, "expert", null);
        tools.call("create_developer_node", args("email", erin, "name", "Erin", "team_id", platform));
        contribute(alice, p1, 5);
        contribute(alice, p2, 1);
        contribute(bob, p1, 2);
        contribute(bob, p2, 2);
        contribute(carol, p2, 1);
        contribute(dave, p3, 1);
        tools.call("create_project_node", args("project_id", p1, "name", "Project One", "team_id", platform));
        query("MATCH (t:Team {team_id: $t}), (d:Developer {email: $e}) MERGE (t)-[:LED_BY]->(d)",
                "t", platform, "e", alice);
    }

    @AfterAll
    static void close() {
        tools.close();
    }

    @Test
    void findsAvailableDevelopersWithTheSkillMostAvailableFirst() {
        Map<String, Object> result = tools.call("find_available_developers", args("skill", java.toLowerCase()));

        assertThat(result).containsEntry("skill", java.toLowerCase()).containsEntry("truncated", false);
        assertThat(result.get("developers")).isEqualTo(List.of(
                Map.of("email", alice, "name", "Alice", "availability", 0.8, "proficiency", "expert"),
                Map.of("email", bob, "name", "Bob", "availability", 0.5, "proficiency", "beginner")));
        assertThat(emails(tools.call("find_available_developers", args("skill", java, "min_availability", 0.1)),
                "developers")).containsExactly(alice, bob, carol);
        assertThat(emails(tools.call("find_available_developers", args("skill", unique("Cobol"))), "developers"))
                .isEmpty();
    }

    @Test
    void listsAtMostTwentyFiveAvailableDevelopersAndSaysSo() {
        String skill = unique("Rust");
        query("""
                UNWIND range(1, 30) AS i
                MERGE (d:Developer {email: 'rustacean' + i + '.' + $skill + '@example.com'})
                SET d.availability = 0.9
                MERGE (s:Skill {key: toLower($skill)}) ON CREATE SET s.name = $skill
                MERGE (d)-[:HAS_SKILL {proficiency: 'expert'}]->(s)
                """, "skill", skill);

        Map<String, Object> result = tools.call("find_available_developers", args("skill", skill));

        assertThat(result).containsEntry("truncated", true);
        assertThat((List<?>) result.get("developers")).hasSize(FindAvailableDevelopers.LIMIT);
    }

    @Test
    void findsCollaboratorsBySharedProjects() {
        Map<String, Object> result = tools.call("find_collaborators", args("developer_email", alice));

        assertThat(result).containsEntry("found", true);
        assertThat(result.get("collaborators")).isEqualTo(List.of(
                Map.of("email", bob, "name", "Bob", "shared_projects", 2L, "projects", List.of(p1, p2).stream()
                        .sorted().toList()),
                Map.of("email", carol, "name", "Carol", "shared_projects", 1L, "projects", List.of(p2))));
        assertThat(emails(tools.call("find_collaborators", args("developer_email", alice, "limit", 1)),
                "collaborators")).containsExactly(bob);
        assertThat(tools.call("find_collaborators", args("developer_email", unique("nobody") + "@example.com")))
                .containsEntry("found", false).containsEntry("collaborators", List.of());
    }

    @Test
    void describesADevelopersNeighbourhood() {
        Map<String, Object> result = tools.call("get_developer_graph", args("developer_email", alice));

        assertThat(result).containsEntry("found", true)
                .containsEntry("developer", Map.of("email", alice, "name", "Alice", "availability", 0.8))
                .containsEntry("team", Map.of("team_id", platform, "name", "Platform"))
                .containsEntry("skills", List.of(Map.of("name", java, "proficiency", "expert")));
        assertThat(result.get("projects")).isEqualTo(List.of(
                Map.of("project_id", p1, "name", "Project One", "commits", 5L, "prs", 0L, "reviews", 0L),
                mapWithNullName(p2, 1L)));
        assertThat(emails(result, "collaborators")).containsExactly(bob, carol);
        assertThat(tools.call("get_developer_graph", args("developer_email", unique("nobody") + "@example.com")))
                .containsEntry("found", false);
    }

    @Test
    void describesATeamWithItsLeadMembersAndSubTeams() {
        Map<String, Object> result = tools.call("get_team_structure", args("team_id", platform));

        assertThat(result).containsEntry("found", true)
                .containsEntry("team", Map.of("team_id", platform, "name", "Platform"))
                .containsEntry("parent", Map.of("team_id", org, "name", "Org"))
                .containsEntry("lead", Map.of("email", alice, "name", "Alice"))
                .containsEntry("member_count", 3L);
        assertThat(emails(result, "members")).containsExactly(alice, bob, erin);
        assertThat(result.get("sub_teams")).isEqualTo(List.of(
                subTeam(infra, "Infra", 1, platform, 1),
                subTeam(sre, "SRE", 1, platform, 1)).stream()
                .sorted((a, b) -> ((String) a.get("team_id")).compareTo((String) b.get("team_id"))).toList());

        Map<String, Object> top = tools.call("get_team_structure", args("team_id", org));
        assertThat(top).containsEntry("parent", null).containsEntry("lead", null).containsEntry("member_count", 0L);
        assertThat(((List<?>) top.get("sub_teams")).stream()
                .map(team -> (Object) ((Map<?, ?>) team).get("depth")).toList())
                .containsExactly(1L, 2L, 2L);
        assertThat(tools.call("get_team_structure", args("team_id", unique("ghost")))).containsEntry("found", false);
    }

    private static void developer(String email, String name, String team, String proficiency, Double availability) {
        tools.call("create_developer_node", args("email", email, "name", name, "team_id", team));
        tools.call("add_skill_relationship", args("developer_email", email, "skill_name", java,
                "proficiency", proficiency));
        if (availability != null) {
            tools.call("set_developer_availability", args("developer_email", email, "availability", availability));
        }
    }

    private static void contribute(String email, String project, int commits) {
        tools.call("add_contribution_relationship", args("developer_email", email, "project_id", project,
                "metrics", args("commits", commits)));
    }

    private static List<Object> emails(Map<String, Object> result, String list) {
        return ((List<?>) result.get(list)).stream().map(row -> ((Map<?, ?>) row).get("email")).map(Object.class::cast)
                .toList();
    }

    private static Map<String, Object> mapWithNullName(String project, long commits) {
        return args("project_id", project, "name", null, "commits", commits, "prs", 0L, "reviews", 0L);
    }

    private static Map<String, Object> subTeam(String id, String name, long depth, String parent, long members) {
        return args("team_id", id, "name", name, "depth", depth, "parent_team_id", parent, "member_count", members);
    }
}
