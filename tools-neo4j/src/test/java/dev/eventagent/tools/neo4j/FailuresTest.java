package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.Health;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testkit.TestingPluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.FatalDiscoveryException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;

/** Backend failures reach the engine in the SPI's categories, with messages that say what to do. */
class FailuresTest {

    @Test
    void anUnreachableServerDefersTheBootstrapAndFailsCallsAsTransientWithinTheRetryBound() throws Exception {
        String uri = "bolt://127.0.0.1:" + freePort();
        try (Neo4jToolsFixture tools = open(Map.of("uri", uri, "connection-timeout", "1s",
                "max-transaction-retry-time", "1s"))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> tools.call("set_developer_availability",
                    args("developer_email", "a@example.com", "availability", 0.5)))
                    .isInstanceOf(TransientToolException.class)
                    .hasMessageContaining("set_developer_availability").hasMessageContaining(uri);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).as("driver retry bounded by max-transaction-retry-time").isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(() -> tools.call("get_team_structure", args("team_id", "t")))
                    .isInstanceOf(TransientToolException.class);

            Health health = tools.instance().health();
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).contains(uri);
        }
        try (Neo4jToolsFixture tools = open(Map.of("uri", uri, "max-transaction-retry-time", "0s"))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> tools.call("get_developer_graph", args("developer_email", "a@example.com")))
                    .isInstanceOf(TransientToolException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no driver retry at 0s")
                    .isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void startsWhileTheServerIsDownAndBootstrapsOnTheFirstCallOnceItIsUp() throws Exception {
        try (LateTcpForwarder server = new LateTcpForwarder(Neo4jToolsFixture.server().boltUri().getPort())) {
            long started = System.nanoTime();
            try (Neo4jToolsFixture tools = open(Map.of("uri", "bolt://127.0.0.1:" + server.port()))) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("create() without its server")
                        .isLessThan(Duration.ofSeconds(2));
                assertThat(tools.instance().health().up()).isFalse();
                String email = Neo4jToolsFixture.unique("late") + "@example.com";
                Map<String, Object> arguments = args("developer_email", email, "availability", 0.5);
                assertThatThrownBy(() -> tools.call("set_developer_availability", arguments))
                        .isInstanceOf(TransientToolException.class);

                server.start();

                assertThat(tools.call("set_developer_availability", arguments)).containsEntry("availability", 0.5);
                Health health = tools.instance().health();
                assertThat(health.up()).isTrue();
                assertThat(health.detail()).doesNotContain("bootstrap pending");
            }
        }
    }

    @Test
    void anUnknownDatabaseStopsThePluginFromStartingWithTheKeyToFix() {
        assertThatThrownBy(() -> open(Map.of("database", "nosuchdb")))
                .isInstanceOf(PermanentToolException.class)
                .hasMessageContaining("agent.plugins.neo4j.database").hasMessageContaining("nosuchdb");
    }

    @Test
    void aPassedDeadlineIsTransient() throws Exception {
        try (Neo4jToolsFixture tools = Neo4jToolsFixture.open()) {
            ToolCall late = new ToolCall("get_team_structure", args("team_id", "t"), "e", "e:s:c",
                    Instant.now().minusSeconds(1));

            assertThatThrownBy(() -> tools.tool("get_team_structure").invoke(late))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("deadline");
        }
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> open(Map.of("uri", "http://localhost:7474")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent.plugins.neo4j.uri");
        assertThatThrownBy(() -> open(Map.of("max-connection-pool-size", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent.plugins.neo4j.max-connection-pool-size");
        assertThatThrownBy(() -> open(Map.of("transaction-timeout", "0s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent.plugins.neo4j.transaction-timeout");
    }

    @Test
    void thePasswordNeverShowsInTheSettings() {
        Neo4jToolPlugin plugin = new Neo4jToolPlugin();
        Neo4jSettings settings = Neo4jSettings.from(TestingPluginContext.of(plugin, Map.of("password", "s3cr3t!")));

        assertThat(settings.password()).isEqualTo("s3cr3t!");
        assertThat(settings.toString()).doesNotContain("s3cr3t!").contains("[hidden]");
        assertThat(plugin.secretKeys()).containsExactly("password");
    }

    @Test
    void driverFailuresAreTranslatedByKind() {
        Neo4jSettings settings = Neo4jSettings.from(TestingPluginContext.of(new Neo4jToolPlugin(), Map.of()));

        assertThat(translate(settings, new AuthenticationException("Neo.ClientError.Security.Unauthorized",
                "The client is unauthorized due to authentication failure.")))
                .satisfies(e -> assertThat(e.category()).isEqualTo(ErrorCategory.PERMANENT))
                .satisfies(e -> assertThat(e.getMessage()).contains("NEO4J_PASSWORD").contains("'neo4j'"));
        assertThat(translate(settings, new TransientException("Neo.TransientError.Transaction.DeadlockDetected",
                "deadlock")).category()).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(translate(settings, new ServiceUnavailableException("connection refused")).category())
                .isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(translate(settings, new ClientException(
                "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "timed out")).category())
                .isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(translate(settings, new ClientException("Neo.ClientError.Schema.ConstraintValidationFailed",
                "already exists")).category()).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(translate(settings, new ClientException("Neo.ClientError.Security.Forbidden", "no")).category())
                .isEqualTo(ErrorCategory.PERMANENT);
        assertThat(translate(settings, new FatalDiscoveryException("no db")).getMessage())
                .contains("agent.plugins.neo4j.database");
        assertThat(translate(settings, new IllegalStateException("driver closed")).category())
                .isEqualTo(ErrorCategory.PERMANENT);
    }

    private static dev.eventagent.api.ToolException translate(Neo4jSettings settings, RuntimeException failure) {
        return Neo4jFailures.translate("some_tool", settings, failure);
    }

    private static Neo4jToolsFixture open(Map<String, ?> overrides) throws Exception {
        return Neo4jToolsFixture.open(overrides);
    }

    /**
     * A port on 127.0.0.1 where nothing listens (it was free a moment ago).
     *
     * @return the port
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
