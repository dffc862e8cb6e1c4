package dev.eventagent.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a distribution home of its own: no plugins but those a test installs (the echo
 * plugin, whose reference.conf contributes a route as the tools modules' do).
 */
class MainTest {

    /** The echo plugin's share of a github-push route, as a tools module's reference.conf gives it. */
    private static final String ECHO_ROUTES = """
            agent.plugins.echo.routes.github-push {
              when { source = github, type = push }
              steps.store { order = 10, calls.commit { tool = echo, for-each = "$.event.attributes.commits",
                args.text = "{{$.item.author_email}} {{$.item.sha}}" } }
              steps.tell { order = 20, calls.loud { tool = shout, args.text = "$.steps.store.commit[0].text" } }
            }
            agent.plugins.echo.routes.jira-issue-created {
              when { source = jira, type = issue_created }
              steps.store { order = 10, calls.event { tool = insert_issue_somewhere, args.key = "$.event.key" } }
            }
            """;

    private static final String PUSH = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":\"api-gateway\","
            + "\"commits\":[{\"sha\":\"abc123\",\"author\":{\"email\":\"alice@company.com\",\"name\":\"Alice\"},"
            + "\"message\":\"Add OAuth2\",\"files\":[\"a.py\"]}]}";

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setHome() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        System.setProperty(ConfigLoader.HOME_PROPERTY, home.toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(ConfigLoader.HOME_PROPERTY);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void installEcho() {
        dev.eventagent.engine.testing.PluginJarBuilder.named("echo.jar")
                .withPlugin(dev.eventagent.engine.testing.fixtures.EchoPlugin.class).withReferenceConf(ECHO_ROUTES)
                .writeTo(home.resolve("plugins/echo"));
    }

    @Test
    void replayDryRunPrintsPlannedCallsAndOneLinePerBadRecord() throws Exception {
        installEcho();
        Path events = home.resolve("events.jsonl");
        Files.writeString(events, PUSH + "\n{\"source\": \"github\", oops}\n" + PUSH.replace("alice", "bob") + "\n");

        int status = run("replay", "--dry-run", events.toString());

        assertThat(status).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("#1 ") && l.contains("github.push") && l.contains("route=github-push"));
        assertThat(lines).anyMatch(l -> l.contains("store/commit[0] echo") && l.contains("alice@company.com abc123"));
        assertThat(lines).filteredOn(l -> l.startsWith("#2 ")).singleElement()
                .satisfies(l -> assertThat(l).contains("events.jsonl:2").contains("MALFORMED_JSON"));
        assertThat(lines).anyMatch(l -> l.startsWith("#3 ") && l.contains("github.push"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("3 record(s), 1 error(s), dry run: nothing was executed");
        assertThat(home.resolve("logs/audit.jsonl")).doesNotExist();
    }

    @Test
    void failOnErrorTurnsErrorsIntoAnExitStatus() throws Exception {
        Path events = home.resolve("bad.json");
        Files.write(events, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

        assertThat(run("replay", "--dry-run", events.toString())).isZero();
        assertThat(run("replay", "--dry-run", "--fail-on-error", events.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("INVALID_ENCODING");
    }

    @Test
    void replayGoesOnPastAnEventWhoseModelStaysUnreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(home.resolve("conf/application.conf"), "agent.graph.plan = llm\n"
                + "agent.llm { base-url = \"http://127.0.0.1:" + closedPort + "/v1\", api-key = sk-replay-secret-1234, "
                + "timeout = 2s, retry.max-attempts = 1 }\n"
                + "agent.policy.classes { \"github.push\" = [echo] }\n");
        dev.eventagent.engine.testing.PluginJarBuilder.named("echo.jar")
                .withPlugin(dev.eventagent.engine.testing.fixtures.EchoPlugin.class).writeTo(home.resolve("plugins/echo"));
        Path events = home.resolve("events.jsonl");
        Files.writeString(events, PUSH + "\n" + PUSH.replace("alice", "bob") + "\n");

        int status = run("replay", "--dry-run", "--fail-on-error", events.toString());

        assertThat(status).as(out + "\n" + err).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("#1 ") || l.startsWith("#2 ")).hasSize(2)
                .allMatch(l -> l.contains("github.push") && l.contains("not processed"));
        assertThat(lines).contains("2 record(s), 2 error(s), dry run: nothing was executed");
        assertThat(out.toString() + err).doesNotContain("sk-replay-secret-1234");
    }

    @Test
    void runExitsNonZeroWhenTheKafkaRuntimeStopsOnAnError() throws Exception {
        Files.writeString(home.resolve("conf/application.conf"), "agent.kafka.topic-pattern = \"[unclosed\"\n"
                + "agent.kafka.bootstrap-servers = \"127.0.0.1:1\"\nagent.admin.port = -1\n");

        int status = run("run");

        assertThat(status).as(out + "\n" + err).isEqualTo(1);
        assertThat(err.toString()).contains("the Kafka runtime stopped on an error");
    }

    @Test
    void replayJsonPrintsOneObjectPerEventAndHeadersReachTheDecoder() throws Exception {
        installEcho();
        Path body = home.resolve("push-webhook.json");
        Files.writeString(body, "{\"ref\":\"refs/heads/main\",\"repository\":{\"name\":\"api\",\"full_name\":\"acme/api\"},"
                + "\"pusher\":{\"name\":\"alice\",\"email\":\"alice@acme.io\"},\"commits\":[{\"id\":\"0123abc\","
                + "\"message\":\"Fix\",\"timestamp\":\"2026-11-01T10:00:00Z\",\"author\":{\"name\":\"Alice\","
                + "\"email\":\"alice@acme.io\"},\"added\":[],\"removed\":[],\"modified\":[\"a.java\"]}]}",
                StandardCharsets.UTF_8);

        int status = run("replay", "--dry-run", "--json", "--header", "X-GitHub-Event=push", body.toString());

        assertThat(status).isZero();
        JsonNode report = Json.MAPPER.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(report.path("class").asText()).isEqualTo("github.push");
        assertThat(report.path("planner").asText()).isEqualTo("rules");
        assertThat(report.path("route").asText()).isEqualTo("github-push");
        assertThat(report.path("calls").get(0).path("tool").asText()).isEqualTo("echo");
        assertThat(report.path("calls").get(0).path("arguments").path("text").asText())
                .as("the webhook's headers chose the GitHub push decoding").isEqualTo("alice@acme.io 0123abc");
    }

    @Test
    void configPrintsOriginsAndNeverASecret() throws Exception {
        Files.writeString(home.resolve("conf/application.conf"),
                "agent.graph.max-rounds = 4\nagent.tools.overrides.x.api-key = \"sk-very-secret-value\"\n"
                        + "agent.kafka.consumer.\"sasl.jaas.config\" = \"org.apache.kafka.common.security.plain."
                        + "PlainLoginModule required username=\\\"svc\\\" password=\\\"jaas-pass-42\\\";\"\n");

        assertThat(run("config")).isZero();

        assertThat(out.toString()).contains("agent.graph.max-rounds = 4  # ")
                .contains("application.conf: 1")
                .contains("[hidden]")
                .doesNotContain("sk-very-secret-value")
                .doesNotContain("jaas-pass-42");
    }

    @Test
    void configErrorsNameTheKeyAndItsOrigin() throws Exception {
        Files.writeString(home.resolve("conf/application.conf"), "agent.graph.max-rounds = lots\nagent.grpah = 1\n");

        int status = run("config");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("agent.graph.max-rounds").contains("application.conf: 1")
                .contains("unknown key agent.grpah").contains("application.conf: 2");
    }

    @Test
    void theOldListOfRoutesIsRefusedNamingTheFileAndWhatToWriteInstead() throws Exception {
        Files.writeString(home.resolve("conf/application.conf"), "agent.graph.max-rounds = 4\n"
                + "agent.rules.routes = [ { name = r, steps = [] } ]\n");

        assertThat(run("config")).isEqualTo(2);

        assertThat(err.toString()).contains("application.conf: 2: agent.rules.routes must be an object of routes by name")
                .contains("see docs/rules.md");
    }

    @Test
    void toolsJsonIsAnEmptyArrayWithoutPlugins() throws Exception {
        assertThat(run("tools", "--json")).isZero();
        assertThat(Json.MAPPER.readTree(out.toString()).isArray()).isTrue();
    }

    @Test
    void checkListsEveryRouteWithItsActiveAndLeftOutCalls() throws Exception {
        installEcho();
        Files.writeString(home.resolve("conf/application.conf"), """
                agent.rules.routes.github-push.steps.tell.calls.loud.enabled = false
                agent.rules.routes.mine { when { source = alertmanager }, steps.s { order = 1, calls.x.tool = echo } }
                agent.rules.routes.gone.enabled = false
                """);

        assertThat(run("check")).as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("config: ok")
                .containsPattern("route  github-push +ON +1 of 2 call\\(s\\)")
                .contains("       + store/commit echo")
                .contains("       - tell/loud shout: left out: switched off at ")
                .containsPattern("route  jira-issue-created +INACTIVE +every call is left out")
                .contains("       - store/event insert_issue_somewhere: left out: no installed plugin provides it")
                .containsPattern("route  mine +ON +1 of 1 call\\(s\\)")
                .containsPattern("route  gone +OFF +switched off at .*application.conf: 3");
    }

    @Test
    void aDryRunPlansOnlyWhatTheInstalledPluginsCanRun() throws Exception {
        installEcho();
        Path events = home.resolve("events.jsonl");
        Files.writeString(events, "{\"source\":\"jira\",\"event_type\":\"issue_created\",\"issue\":{\"key\":\"P-1\","
                + "\"summary\":\"s\",\"project\":\"p\"},\"user\":{\"email\":\"pm@x.io\"}}\n");

        assertThat(run("replay", "--dry-run", "--json", events.toString())).isZero();

        JsonNode report = Json.MAPPER.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(report.path("outcome").asText()).as("a live run would skip it: its only call is left out")
                .isEqualTo("skipped");
        assertThat(report.path("calls")).isEmpty();
    }
}
