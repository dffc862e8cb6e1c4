package dev.eventagent.tools.postgres;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Map;
import java.util.Set;

/** The SPI contract for the postgres plugin, against the testing server. */
class PostgresToolPluginContractTest extends ToolPluginContract {

    private static final String DATABASE = TestingPostgresServer.shared().createDatabase("contract");

    @Override
    protected ToolPlugin plugin() {
        return new PostgresToolPlugin();
    }

    @Override
    protected Map<String, ?> settings() {
        return Map.of(
                "jdbc-url", TestingPostgresServer.shared().jdbcUrl(DATABASE),
                "username", TestingPostgresServer.USER);
    }

    /** A closed port on 127.0.0.1: the reference's localhost:5432 might run a real server. */
    @Override
    protected Map<String, ?> unreachableSettings() {
        return Map.of(
                "jdbc-url", "jdbc:postgresql://127.0.0.1:" + TcpRelay.freePort() + "/eventagent",
                "connection-timeout", "500ms");
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of(
                "create_user_profile",
                "update_user_skills",
                "get_user_by_email",
                "create_team",
                "get_team_members",
                "update_user_availability",
                "upsert_profile_embedding",
                "find_similar_developers",
                "record_task_assignment",
                "get_assignment_history");
    }
}
