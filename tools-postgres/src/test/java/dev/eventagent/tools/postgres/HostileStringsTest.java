package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile values go through every tool as data: nothing breaks out, everything round-trips intact. */
class HostileStringsTest {

    private static PostgresPluginFixture postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresPluginFixture.create("hostile");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    static Stream<String> hostile() {
        return Stream.of(
                "Robert'); DROP TABLE user_profiles;--",
                "\" OR 1=1 --",
                "x' OR '1'='1",
                "$$; DELETE FROM teams; $$",
                "' || pg_sleep(5) || '",
                "E'\\\\x41' \\ backslash \\\\ double",
                "{a,b}, {\"c\"}, NULL, ARRAY['d']",
                "%_ LIKE wildcards _%",
                "🙂🚀 emoji, ünïcödé, 中文, עברית",
                "line one\nline two\r\n\ttabbed",
                "MATCH (n) DETACH DELETE n; // cypher",
                "{\"json\": [1, 2, {\"nested\": null}]}");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void roundTripsThroughProfilesAndTeams(String value) {
        String teamId = "team " + value;
        String email = "o'brien+" + Integer.toHexString(value.hashCode()) + "@example.com";
        postgres.call("create_team", Map.of("team_id", teamId, "name", value, "lead_email", email));
        postgres.call("create_user_profile", Map.of("email", email, "name", value, "team_id", teamId,
                "skills", List.of(value, "plain")));

        assertThat(postgres.call("get_user_by_email", Map.of("email", email)))
                .containsEntry("name", value).containsEntry("team_id", teamId)
                .containsEntry("skills", List.of(value, "plain"));
        Map<String, Object> team = postgres.call("get_team_members", Map.of("team_id", teamId));
        assertThat(team).containsEntry("found", true).containsEntry("name", value).containsEntry("lead_email", email);
        assertThat((List<?>) team.get("members")).singleElement()
                .satisfies(member -> assertThat(((Map<?, ?>) member).get("name")).isEqualTo(value));
        assertTablesIntact();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void roundTripsThroughAssignmentsAndVectors(String value) {
        String issueKey = "KEY " + value;
        postgres.call("record_task_assignment", Map.of("issue_key", issueKey, "assignee_email", "amy@example.com",
                "reason", value));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) postgres.call("get_assignment_history",
                Map.of("issue_key", issueKey)).get("assignments");
        assertThat(history).singleElement().satisfies(assignment -> assertThat(assignment)
                .containsEntry("issue_key", issueKey).containsEntry("reason", value));

        String email = "vec" + Integer.toHexString(value.hashCode()) + "@example.com";
        postgres.call("upsert_profile_embedding", Map.of("email", email, "profile_text", value));
        assertThat(postgres.query("SELECT profile_text FROM profile_embeddings WHERE email = ?", email))
                .containsExactly(Map.of("profile_text", value));
        postgres.call("find_similar_developers", Map.of("skill_description", value, "top_k", 3));
        assertTablesIntact();
    }

    @Test
    void storesTenKilobyteValuesWhole() {
        String big = ("🙂 ' \" ; -- " + "x".repeat(90)).repeat(98);
        assertThat(big.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(10_000);
        postgres.call("upsert_profile_embedding", Map.of("email", "big@example.com", "profile_text", big));
        postgres.call("record_task_assignment", Map.of("issue_key", "BIG-1", "assignee_email", "big@example.com",
                "reason", big));
        assertThat(postgres.query("SELECT profile_text FROM profile_embeddings WHERE email = 'big@example.com'"))
                .containsExactly(Map.of("profile_text", big));
        assertThat(postgres.query("SELECT reason FROM task_assignments WHERE issue_key = 'BIG-1'"))
                .containsExactly(Map.of("reason", big));
        assertThat(postgres.call("find_similar_developers", Map.of("skill_description", big.substring(0, 4000))))
                .containsKey("matches");
    }

    @Test
    void refusesNulCharactersAsInvalidArguments() {
        assertThatThrownBy(() -> postgres.call("create_team", Map.of("team_id", "nul\u0000team", "name", "x")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> postgres.call("record_task_assignment", Map.of("issue_key", "A-1",
                "assignee_email", "a@example.com", "reason", "before\u0000after")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("NUL");
    }

    private static void assertTablesIntact() {
        assertThat(postgres.query("SELECT count(*) AS n FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_name IN ('teams', 'user_profiles', 'task_assignments',"
                + " 'profile_embeddings', 'embedding_space', 'tool_call_receipts')"))
                .containsExactly(Map.of("n", 6L));
    }
}
