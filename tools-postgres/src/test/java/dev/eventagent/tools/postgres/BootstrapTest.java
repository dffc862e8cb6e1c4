package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Health;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Schema bootstrap, the choice of vector search and their failures, all in the plugin's start-up
 * (run on the first call; the fixture runs it as that call would).
 */
class BootstrapTest {

    private final TestingPostgresServer server = TestingPostgresServer.shared();

    @Test
    void bootstrapIsIdempotentAndSafeWhenInstancesStartTogether() throws Exception {
        String database = server.createDatabase("bootstrap");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<PostgresPluginFixture>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starts.add(pool.submit(() -> PostgresPluginFixture.on(server, database, Map.of(), null)));
            }
            for (Future<PostgresPluginFixture> start : starts) {
                start.get().close();
            }
        } finally {
            pool.shutdown();
        }
        try (PostgresPluginFixture again = PostgresPluginFixture.on(server, database, Map.of(), null)) {
            assertThat(again.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " ORDER BY table_name")).extracting(row -> row.get("table_name")).containsExactly(
                    "embedding_space", "profile_embeddings", "task_assignments", "teams", "tool_call_receipts",
                    "user_profiles");
            assertThat(again.query("SELECT count(*) AS n FROM embedding_space")).containsExactly(Map.of("n", 1L));
        }
    }

    @Test
    void withoutBootstrapTheToolsSayTheSchemaIsMissing() {
        String database = server.createDatabase("nobootstrap");
        try (PostgresPluginFixture bare = PostgresPluginFixture.on(server, database, Map.of("bootstrap", false), null)) {
            assertThat(bare.vectorSearch()).isInstanceOf(ExactCosineSearch.class);
            assertThat(bare.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'"))
                    .containsExactly(Map.of("n", 0L));
            assertThatThrownBy(() -> bare.call("get_user_by_email", Map.of("email", "a@example.com")))
                    .isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("42P01").hasMessageContaining("bootstrap = true");
        }
        try (PostgresPluginFixture creator = PostgresPluginFixture.on(server, database, Map.of(), null);
                PostgresPluginFixture leastPrivilege = PostgresPluginFixture.on(server, database,
                        Map.of("bootstrap", false), null)) {
            leastPrivilege.call("create_team", Map.of("team_id", "t", "name", "T"));
            assertThat(creator.call("get_team_members", Map.of("team_id", "t"))).containsEntry("found", true);
        }
    }

    @Test
    void choosesTheFallbackWhenPgvectorCannotBeCreatedAndFailsWhenPgvectorIsRequired() {
        String database = server.createDatabase("vectormode");
        try (PostgresPluginFixture auto = PostgresPluginFixture.on(server, database, Map.of(), null);
                PostgresPluginFixture fallback = PostgresPluginFixture.on(server, database,
                        Map.of("vector.mode", "fallback"), null)) {
            assertThat(auto.vectorSearch()).isInstanceOf(ExactCosineSearch.class);
            assertThat(fallback.vectorSearch()).isInstanceOf(ExactCosineSearch.class);
        }
        try (PostgresPluginFixture required = PostgresPluginFixture.created(server, database,
                Map.of("vector.mode", "pgvector"), null)) {
            for (int attempt = 0; attempt < 2; attempt++) { // not memoised: tried again on the next call
                assertThatThrownBy(() -> required.call("find_similar_developers", Map.of("skill_description", "Go")))
                        .isInstanceOf(PermanentToolException.class)
                        .hasMessageContaining("vector.mode = pgvector")
                        .hasMessageContaining("the server has no pgvector")
                        .hasMessageContaining("set vector.mode = auto or fallback");
            }
            Health health = required.instance().health();
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).contains(server.jdbcUrl(database)).contains("the server has no pgvector");
        }
    }

    @Test
    void healthNamesTheServerAndNeverTheCredentials() {
        String database = server.createDatabase("health");
        String url = server.jdbcUrl(database) + "?password=hunter2&ApplicationName=probe";
        try (PostgresPluginFixture probed = PostgresPluginFixture.on(server, database,
                Map.of("jdbc-url", url, "password", "s3cret"), null)) {
            Health health = probed.instance().health();
            assertThat(health.up()).isTrue();
            assertThat(health.detail()).startsWith(server.jdbcUrl(database) + ": PostgreSQL 15.")
                    .contains("database " + database).doesNotContain("hunter2").doesNotContain("s3cret");
        }
        assertThat(new PostgresToolPlugin().secretKeys()).containsExactly("password");
    }

    @Test
    void settingsTheUserMustFixFailCreateNamingTheKey() {
        assertThatThrownBy(() -> PostgresPluginFixture.created(server, "x", Map.of("jdbc-url", "jdbc:mysql://db/x"),
                null))
                .hasMessageContaining("agent.plugins.postgres.jdbc-url").hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> PostgresPluginFixture.created(server, "x", Map.of("vector.mode", "magic"), null))
                .hasMessageContaining("agent.plugins.postgres.vector.mode = 'magic'")
                .hasMessageContaining("auto, pgvector, fallback");
        assertThatThrownBy(() -> PostgresPluginFixture.created(server, "x", Map.of("pool-size", 0), null))
                .hasMessageContaining("agent.plugins.postgres.pool-size");
    }

    @Test
    void aMissingDatabaseIsReportedOnTheFirstCallAsPermanent() {
        try (PostgresPluginFixture missing = PostgresPluginFixture.created(server, "no_such_database",
                Map.of("connection-timeout", "1s"), null)) {
            assertThatThrownBy(() -> missing.call("get_user_by_email", Map.of("email", "a@example.com")))
                    .isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("get_user_by_email failed at " + server.jdbcUrl("no_such_database"))
                    .hasMessageContaining("\"no_such_database\" does not exist")
                    .hasMessageContaining("3D000").hasMessageContaining("does not exist: create it");
            Health health = missing.instance().health();
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).startsWith(server.jdbcUrl("no_such_database") + ": ").contains("3D000");
        }
    }
}
