package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.Health;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The plugin starts while PostgreSQL is unreachable, fails its calls as transient until the server
 * answers, and then runs its start-up on the same instance. The server "comes up" behind a
 * {@link TcpRelay} on a port the plugin was pointed at before anything listened there.
 */
class StartsWithoutItsServerTest {

    /** Valid arguments for every tool: the calls fail for want of a server, not of arguments. */
    private static final Map<String, Map<String, Object>> CALLS = calls();

    private final TestingPostgresServer server = TestingPostgresServer.shared();

    @Test
    void startsAtOnceFailsCallsAsTransientAndStartsUpOnTheSameInstanceOnceTheServerAnswers() {
        String database = server.createDatabase("late");
        try (TcpRelay relay = TcpRelay.to(server.port())) {
            String url = "jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + database;
            long started = System.nanoTime();
            try (PostgresPluginFixture postgres = PostgresPluginFixture.created(server, database,
                    Map.of("jdbc-url", url, "connection-timeout", "250ms"), null)) {
                assertThat(millisSince(started)).as("create() without a server").isLessThan(3_000);
                assertThat(postgres.instance().tools()).hasSize(10);

                long probed = System.nanoTime();
                Health down = postgres.instance().health();
                assertThat(millisSince(probed)).as("health() without a server").isLessThan(5_000);
                assertThat(down.up()).isFalse();
                assertThat(down.detail()).startsWith(url + ": ").contains("refused");

                for (Map.Entry<String, Map<String, Object>> call : CALLS.entrySet()) {
                    assertThatThrownBy(() -> postgres.call(call.getKey(), call.getValue()))
                            .isInstanceOf(TransientToolException.class)
                            .hasMessageContaining(call.getKey()).hasMessageContaining(url)
                            .hasMessageContaining("start-up")
                            .satisfies(e -> assertThat(((ToolException) e).category())
                                    .isEqualTo(ErrorCategory.TRANSIENT));
                }
                assertThat(tableCount(database)).as("nothing reached the database").isZero();

                relay.open();
                Health pending = postgres.instance().health();
                assertThat(pending.up()).isTrue();
                assertThat(pending.detail()).contains("runs on the first call");

                assertThat(postgres.call("create_team", Map.of("team_id", "t", "name", "T")))
                        .containsEntry("created", true);
                assertThat(postgres.call("get_team_members", Map.of("team_id", "t"))).containsEntry("found", true);
                assertThat(tableCount(database)).isEqualTo(6);
                assertThat(server.query(database, "SELECT embedder, dimension FROM embedding_space"))
                        .containsExactly(Map.of("embedder", "testing-bag-of-words", "dimension", 64));
                postgres.call("upsert_profile_embedding", Map.of("email", "a@example.com", "profile_text", "Go"));
                assertThat(postgres.call("find_similar_developers", Map.of("skill_description", "Go")))
                        .extractingByKey("matches", InstanceOfAssertFactories.LIST).hasSize(1);
                assertThat(postgres.instance().health().detail()).contains("vector search exact-cosine");
            }
        }
    }

    @Test
    void createsTheSchemaOnTheFirstCallNotAtCreation() {
        String database = server.createDatabase("firstcall");
        try (PostgresPluginFixture postgres = PostgresPluginFixture.created(server, database, Map.of(), null)) {
            assertThat(tableCount(database)).isZero();
            assertThat(postgres.instance().health().up()).isTrue();
            assertThat(postgres.call("get_user_by_email", Map.of("email", "a@example.com")))
                    .containsEntry("found", false);
            assertThat(tableCount(database)).isEqualTo(6);
        }
    }

    @Test
    void aCallWhoseDeadlinePassedDoesNotStartUp() {
        String database = server.createDatabase("latecall");
        try (PostgresPluginFixture postgres = PostgresPluginFixture.created(server, database, Map.of(), null)) {
            ToolCall late = new ToolCall("get_user_by_email", Map.of("email", "a@example.com"), "e", "e/0",
                    Instant.now().minusSeconds(1));
            assertThatThrownBy(() -> postgres.tool("get_user_by_email").invoke(late))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("deadline");
            assertThat(tableCount(database)).isZero();
        }
    }

    private long tableCount(String database) {
        return (Long) server.query(database, "SELECT count(*) AS n FROM information_schema.tables"
                + " WHERE table_schema = 'public'").get(0).get("n");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static Map<String, Map<String, Object>> calls() {
        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        calls.put("create_user_profile", Map.of("email", "a@example.com", "name", "A", "team_id", "t",
                "skills", List.of("go")));
        calls.put("update_user_skills", Map.of("email", "a@example.com", "skills", List.of("go")));
        calls.put("get_user_by_email", Map.of("email", "a@example.com"));
        calls.put("create_team", Map.of("team_id", "t", "name", "T"));
        calls.put("get_team_members", Map.of("team_id", "t"));
        calls.put("update_user_availability", Map.of("email", "a@example.com", "availability", 0.5));
        calls.put("upsert_profile_embedding", Map.of("email", "a@example.com", "profile_text", "Go"));
        calls.put("find_similar_developers", Map.of("skill_description", "Go"));
        calls.put("record_task_assignment", Map.of("issue_key", "A-1", "assignee_email", "a@example.com",
                "reason", "r"));
        calls.put("get_assignment_history", Map.of("email", "a@example.com"));
        return calls;
    }
}
