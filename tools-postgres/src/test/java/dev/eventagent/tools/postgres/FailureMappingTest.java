package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backend failures reach the engine in the right category, from a real server and by SQLSTATE. */
class FailureMappingTest {

    @Test
    void aServerThatGoesAwayIsTransientAndUnhealthy() {
        TestingPostgresServer own = TestingPostgresServer.start();
        PostgresPluginFixture postgres;
        try {
            postgres = PostgresPluginFixture.on(own, "postgres", Map.of("connection-timeout", "1s"), null);
            postgres.call("create_team", Map.of("team_id", "t", "name", "T"));
            assertThat(postgres.instance().health().up()).isTrue();
        } finally {
            own.close();
        }
        try (postgres) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> postgres.call("get_team_members", Map.of("team_id", "t")))
                        .isInstanceOf(TransientToolException.class).hasMessageContaining("get_team_members");
            }
            assertThat(postgres.instance().health().up()).isFalse();
            assertThat(postgres.instance().health().detail()).startsWith("jdbc:postgresql://127.0.0.1:");
        }
    }

    @Test
    void constraintViolationsArePermanentAndBadValuesAreInvalidArguments() {
        try (PostgresPluginFixture postgres = PostgresPluginFixture.create("constraints")) {
            postgres.execute("ALTER TABLE teams ADD CONSTRAINT teams_name_allowed CHECK (name <> 'forbidden')");
            assertThatThrownBy(() -> postgres.call("create_team", Map.of("team_id", "t", "name", "forbidden")))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("23514")
                    .hasMessageContaining("teams_name_allowed");
            postgres.execute("ALTER TABLE teams ALTER COLUMN name TYPE varchar(5)");
            assertThatThrownBy(() -> postgres.call("create_team", Map.of("team_id", "t", "name", "too long")))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("22001");
            assertThat(postgres.query("SELECT count(*) AS n FROM tool_call_receipts")).containsExactly(Map.of("n", 0L));
        }
    }

    @Test
    void aCallThatOutlivesItsDeadlineIsCancelledAsTransient() throws Exception {
        try (PostgresPluginFixture postgres = PostgresPluginFixture.create("deadline");
                Connection blocker = postgres.server().connect(postgres.database())) {
            postgres.call("create_user_profile", Map.of("email", "a@example.com", "name", "A", "team_id", "t",
                    "skills", List.of()));
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("SELECT * FROM user_profiles WHERE email = 'a@example.com' FOR UPDATE");
            }
            long started = System.nanoTime();
            ToolCall call = new ToolCall("update_user_availability", Map.of("email", "a@example.com",
                    "availability", 0.5), "event-deadline", "event-deadline/0", Instant.now().plusMillis(800));
            assertThatThrownBy(() -> postgres.tool("update_user_availability").invoke(call))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("57014");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
            blocker.rollback();

            ToolCall late = new ToolCall("get_user_by_email", Map.of("email", "a@example.com"), "e", "e/0",
                    Instant.now().minusSeconds(1));
            assertThatThrownBy(() -> postgres.tool("get_user_by_email").invoke(late))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("deadline");
        }
    }

    @Test
    void mapsSqlStates() {
        assertThat(category(new SQLException("refused", "08001"))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLException("terminating", "57P01"))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLException("canceled", "57014"))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLException("serialization", "40001"))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLException("deadlock", "40P01"))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLException("too many connections", "53300"))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLException("lock not available", "55P03"))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLTransientConnectionException("pool timeout"))).isEqualTo(ErrorCategory.TRANSIENT);
        // a pool timeout is as lasting as the reason the pool could not connect
        assertThat(category(new SQLTransientConnectionException("pool timeout", "08001",
                new SQLException("Connection refused", "08001")))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLTransientConnectionException("pool timeout", "57P03",
                new SQLException("the database system is starting up", "57P03")))).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLTransientConnectionException("pool timeout", "3D000",
                new SQLException("database \"x\" does not exist", "3D000")))).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(category(new SQLTransientConnectionException("pool timeout", "28P01",
                new SQLException("password authentication failed", "28P01")))).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(category(new SQLException("io", null, new ConnectException("refused"))))
                .isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(category(new SQLException("duplicate", "23505"))).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(category(new SQLException("no table", "42P01"))).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(category(new SQLException("bad password", "28P01"))).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(category(new SQLException("in use", "55006"))).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(category(new SQLException("odd", (String) null))).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(category(new SQLException("too long", "22001"))).isEqualTo(ErrorCategory.INVALID_ARGUMENTS);

        ToolException auth = PostgresFailures.toToolException("get_user_by_email", "jdbc:postgresql://db/x",
                new SQLException("password authentication failed for user \"agent\"\n  detail", "28P01"));
        assertThat(auth).isInstanceOf(PermanentToolException.class)
                .hasMessage("get_user_by_email failed at jdbc:postgresql://db/x: password authentication failed for"
                        + " user \"agent\" (SQLSTATE 28P01); check agent.plugins.postgres.username and password"
                        + " (POSTGRES_USER, POSTGRES_PASSWORD)");
    }

    private static ErrorCategory category(SQLException e) {
        ErrorCategory category = PostgresFailures.category(e);
        assertThat(PostgresFailures.toToolException("tool", "url", e).category()).isEqualTo(category);
        return category;
    }
}
