package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.testing.clickhouse.ClickHouseEngine;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/event-agent check} and {@code call} from the packaged distribution against a real
 * ClickHouse, in a database other than {@code default} (which current servers refuse until it
 * exists): on Debian's clickhouse-server 18.16 and on the ClickHouse 26.7 engine (chdb) behind the
 * testkit's HTTP front. The other tools plugins are switched off, so that nothing is probed but
 * ClickHouse (and nothing beyond 127.0.0.1).
 */
@DisabledOnOs(OS.WINDOWS)
class CallCommandIT {

    @TempDir
    static Path temp;

    private static DistributionHome distribution;

    @BeforeAll
    static void copyDistribution() {
        distribution = DistributionHome.copyOfBuilt(temp);
    }

    static Stream<Named<ClickHouseEngine>> engines() {
        return Arrays.stream(ClickHouseEngine.values()).map(engine -> Named.of(engine.kind(), engine));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void checkShowsClickHouseUpAndCallsStoreADeploymentWhoseLeadTimeTheMetricsShow(ClickHouseEngine engine) {
        try (TestingClickHouseServer clickhouse = TestingClickHouseServer.start(engine)) {
            String database = "acceptance_" + engine.key();
            distribution.applicationConf(conf(clickhouse.httpUrl(), database));
            DistributionHome.deleteTree(distribution.home().resolve("logs").resolve("audit.jsonl"));

            LauncherRun check = distribution.run("check");
            assertThat(check.exitCode()).as(check.toString()).isZero();
            assertThat(check.stdout()).as(check.toString()).containsPattern("plugin clickhouse +UP +"
                    + java.util.regex.Pattern.quote(clickhouse.httpUrl() + ": ClickHouse " + clickhouse.version()
                            + ", database " + database));

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String sha = "ace0f" + engine.key().length() + "1234";
            LauncherRun commit = call("insert_commit_event", "{\"project_id\": \"acceptance\", "
                    + "\"developer_email\": \"alice@company.com\", \"commit_data\": {\"sha\": \"" + sha + "\", "
                    + "\"message\": \"Add OAuth2 authentication\", \"files_changed\": 2, \"lines_added\": 150, "
                    + "\"lines_deleted\": 20, \"timestamp\": \"" + now.minus(Duration.ofHours(3)) + "\"}}");
            assertThat(commit.jsonLines().get(0)).containsEntry("stored", true).containsEntry("sha", sha);
            LauncherRun deployment = call("insert_deployment_event", "{\"project_id\": \"acceptance\", "
                    + "\"deployment_data\": {\"deployment_id\": 1042, \"environment\": \"production\", "
                    + "\"status\": \"success\", \"sha\": \"" + sha + "\", \"timestamp\": \""
                    + now.minus(Duration.ofHours(1)) + "\"}}");
            assertThat(deployment.jsonLines().get(0)).containsEntry("stored", true).containsEntry("status", "success");

            LauncherRun dora = call("get_project_dora_metrics", "{\"project_id\": \"acceptance\", \"days\": 7}");
            Map<String, Object> metrics = dora.jsonLines().get(0);
            assertThat(metrics).as(dora.toString()).containsEntry("project_id", "acceptance")
                    .containsEntry("lead_time_for_changes_hours", 2.0)
                    .containsEntry("change_failure_rate", 0.0);
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) metrics.get("counts");
            assertThat(counts).containsEntry("lead_time_samples", 1).containsEntry("successful_deployments", 1);

            assertThat(count(clickhouse, "SELECT count() FROM `" + database + "`.audit_records FINAL "
                    + "WHERE source = 'operator' AND planner = 'operator' AND outcome = 'ok'"))
                    .as("the three calls in the ClickHouse audit sink").isEqualTo(3);
            assertThat(auditLines()).as("the three calls in the JSON lines audit").hasSize(3)
                    .allSatisfy(line -> assertThat(line).contains("\"caller\":{\"kind\":\"operator\""));
        }
    }

    @Test
    void aCallThatFailsIsOneLineOnStderrWithExitStatus1() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        distribution.applicationConf(conf("http://127.0.0.1:" + closedPort, "acceptance_down")
                + "agent.tools.defaults.retry { initial-backoff = 10ms, jitter = 0 }\n");

        LauncherRun invalid = distribution.run("call", "get_project_dora_metrics", "{\"days\": 7}");
        LauncherRun down = distribution.run("call", "insert_commit_event", "{\"project_id\": \"p\", "
                + "\"developer_email\": \"a@company.com\", \"commit_data\": {\"sha\": \"abcd\", \"message\": \"m\", "
                + "\"files_changed\": 1, \"timestamp\": \"2026-05-10T10:00:00Z\"}}");

        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.stdout()).isEmpty();
        assertThat(invalid.stderr().lines().toList()).as(invalid.toString()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("event-agent call: ").contains("project_id"));
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(down.stderr().lines().toList()).as(down.toString()).singleElement()
                .satisfies(line -> assertThat(line).contains("insert_commit_event failed (TRANSIENT, 3 attempts)")
                        .contains("127.0.0.1:" + closedPort).contains("Connection refused"));
    }

    private static LauncherRun call(String tool, String arguments) {
        LauncherRun run = distribution.run("call", tool, arguments);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).as(run.toString()).isEmpty();
        assertThat(run.stdout().lines().toList()).as(run.toString()).hasSize(1);
        return run;
    }

    /** ClickHouse at a URL, in a database; every other tools plugin of the build switched off. */
    private static String conf(String url, String database) {
        StringBuilder conf = new StringBuilder("agent.plugins {\n");
        for (String plugin : BuildOutput.selectedPlugins()) {
            if (!List.of("clickhouse", "local-minilm").contains(plugin)) {
                conf.append("  ").append(plugin).append(".enabled = false\n");
            }
        }
        conf.append("  clickhouse { url = \"").append(url).append("\", database = ").append(database)
                .append(", batch.max-delay = 20ms }\n}\n")
                .append("agent.audit.sinks = [jsonl, clickhouse]\n");
        return conf.toString();
    }

    private static List<String> auditLines() {
        try {
            return Files.readAllLines(distribution.home().resolve("logs").resolve("audit.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(TestingClickHouseServer clickhouse, String sql) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clickhouse.httpUrl() + "/?query="
                + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Long.parseLong(response.body().strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
