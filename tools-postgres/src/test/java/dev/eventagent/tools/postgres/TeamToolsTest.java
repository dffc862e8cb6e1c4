package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** create_team and get_team_members against PostgreSQL. */
class TeamToolsTest {

    private static PostgresPluginFixture postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresPluginFixture.create("teams");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void createsATeamAndListsItsMembersByName() {
        assertThat(postgres.call("create_team", Map.of("team_id", "platform", "name", "Platform",
                "lead_email", "Lead@Example.com"))).containsEntry("created", true).containsEntry("replayed", false);
        postgres.call("create_user_profile", Map.of("email", "zed@example.com", "name", "Zed", "team_id", "platform",
                "skills", List.of("go")));
        postgres.call("create_user_profile", Map.of("email", "amy@example.com", "name", "Amy", "team_id", "platform",
                "skills", List.of("kubernetes", "helm")));
        postgres.call("create_user_profile", Map.of("email", "bob@example.com", "name", "Bob", "team_id", "web",
                "skills", List.of("css")));
        postgres.call("update_user_availability", Map.of("email", "zed@example.com", "availability", 0.0));

        Map<String, Object> team = postgres.call("get_team_members", Map.of("team_id", "platform"));
        assertThat(team).containsEntry("found", true).containsEntry("team_id", "platform")
                .containsEntry("name", "Platform").containsEntry("lead_email", "lead@example.com")
                .containsEntry("truncated", false);
        assertThat(team.get("members")).isEqualTo(List.of(
                Map.of("email", "amy@example.com", "name", "Amy", "skills", List.of("kubernetes", "helm"),
                        "availability", 1.0),
                Map.of("email", "zed@example.com", "name", "Zed", "skills", List.of("go"), "availability", 0.0)));
    }

    @Test
    void renamingKeepsTheLeadWhenNoneIsGivenAndAReplayChangesNothing() {
        postgres.call("create_team", Map.of("team_id", "data", "name", "Data", "lead_email", "first@example.com"));
        Map<String, Object> rename = Map.of("team_id", "data", "name", "Data Platform");
        assertThat(postgres.call("create_team", "rename-data", rename)).containsEntry("created", false);
        postgres.call("create_team", Map.of("team_id", "data", "name", "Data & ML"));
        assertThat(postgres.call("create_team", "rename-data", rename)).containsEntry("replayed", true);

        Map<String, Object> team = postgres.call("get_team_members", Map.of("team_id", "data"));
        assertThat(team).containsEntry("name", "Data & ML").containsEntry("lead_email", "first@example.com")
                .containsEntry("members", List.of());
        assertThat(postgres.query("SELECT count(*) AS n FROM teams WHERE team_id = 'data'"))
                .extracting(row -> row.get("n")).containsExactly(1L);
    }

    @Test
    void anUnknownTeamIsNotFoundButItsMembersAreStillListed() {
        postgres.call("create_user_profile", Map.of("email", "early@example.com", "name", "Early",
                "team_id", "not-yet-created", "skills", List.of()));
        Map<String, Object> team = postgres.call("get_team_members", Map.of("team_id", "not-yet-created"));
        assertThat(team).containsEntry("found", false).containsEntry("name", null);
        assertThat((List<?>) team.get("members")).hasSize(1);
    }

    @Test
    void listsAtMostAHundredMembers() {
        for (int i = 0; i < TeamTools.MAX_MEMBERS + 5; i++) {
            postgres.execute("INSERT INTO user_profiles (email, name, team_id) VALUES (?, ?, 'big')",
                    "dev" + i + "@example.com", String.format("Dev %03d", i));
        }
        Map<String, Object> team = postgres.call("get_team_members", Map.of("team_id", "big"));
        assertThat((List<?>) team.get("members")).hasSize(TeamTools.MAX_MEMBERS);
        assertThat(team).containsEntry("truncated", true);
    }
}
