package dev.eventagent.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code event-agent eval} offline, with the rules planner. */
class EvalCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();

    @BeforeEach
    void setHome() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        System.setProperty(ConfigLoader.HOME_PROPERTY, home.toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(ConfigLoader.HOME_PROPERTY);
    }

    private JsonNode eval(Path dataset) throws Exception {
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "eval", "--json",
                dataset.toString());
        assertThat(status).isZero();
        List<String> lines = out.toString().lines().toList();
        return Json.MAPPER.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void scoresToolSelectionAndKeyArguments() throws Exception {
        dev.eventagent.engine.testing.PluginJarBuilder.named("echo.jar")
                .withPlugin(dev.eventagent.engine.testing.fixtures.EchoPlugin.class).withReferenceConf("""
                        agent.plugins.echo.routes.github-push {
                          when { source = github, type = push }
                          steps.store { order = 10, calls.commit { tool = echo, for-each = "$.event.attributes.commits",
                            args.text = "$.event.project" } }
                          steps.tell { order = 20, calls.loud { tool = shout, args.text = "$.steps.store.commit[0].text" } }
                        }
                        """).writeTo(home.resolve("plugins/echo"));
        String push = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":\"api-gateway\",\"commits\":[{\"sha\":\"abc\","
                + "\"author\":{\"email\":\"alice@company.com\",\"name\":\"Alice\"},\"message\":\"m\",\"files\":[]}]}";
        Path dataset = home.resolve("dataset.jsonl");
        Files.writeString(dataset, String.join("\n",
                "{\"name\":\"all-right\",\"event\":" + push + ",\"expected\":["
                        + "{\"tool\":\"echo\",\"args\":{\"text\":\"api-gateway\"}},{\"tool\":\"shout\"}]}",
                "{\"name\":\"wrong-arg-and-missing-tool\",\"event\":" + push + ",\"expected\":["
                        + "{\"tool\":\"echo\",\"args\":{\"text\":\"web-app\"}},"
                        + "{\"tool\":\"send_slack_notification\"}]}",
                "{\"name\":\"undecodable\",\"event\":{\"nothing\":true},\"expected\":[]}"));

        JsonNode figures = eval(dataset);

        assertThat(figures.path("events").asInt()).isEqualTo(3);
        assertThat(figures.path("undecodable").asInt()).isEqualTo(1);
        // predicted tools: 2 + 2; expected tools: 2 + 2; hits: 2 + 1
        assertThat(figures.path("tool_precision").asDouble()).isEqualTo(0.75);
        assertThat(figures.path("tool_recall").asDouble()).isEqualTo(0.75);
        // expected calls 4, matched 2 (the second event's echo has another text, and no Slack call)
        assertThat(figures.path("key_argument_accuracy").asDouble()).isEqualTo(0.5);
        assertThat(figures.path("model_calls_per_event").asDouble()).isZero();
        assertThat(out.toString()).contains("wrong-arg-and-missing-tool").contains("missing [send_slack_notification]");
    }
}
