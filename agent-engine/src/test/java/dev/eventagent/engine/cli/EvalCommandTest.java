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
        String push = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":\"api-gateway\",\"commits\":[{\"sha\":\"abc\","
                + "\"author\":{\"email\":\"alice@company.com\",\"name\":\"Alice\"},\"message\":\"m\",\"files\":[]}]}";
        Path dataset = home.resolve("dataset.jsonl");
        Files.writeString(dataset, String.join("\n",
                "{\"name\":\"all-right\",\"event\":" + push + ",\"expected\":["
                        + "{\"tool\":\"insert_commit_event\",\"args\":{\"project_id\":\"api-gateway\",\"commit_data\":{\"sha\":\"abc\"}}},"
                        + "{\"tool\":\"add_contribution_relationship\",\"args\":{\"developer_email\":\"alice@company.com\"}},"
                        + "{\"tool\":\"upsert_developer_embedding\",\"args\":{\"developer_email\":\"alice@company.com\"}}]}",
                "{\"name\":\"wrong-arg-and-missing-tool\",\"event\":" + push + ",\"expected\":["
                        + "{\"tool\":\"insert_commit_event\",\"args\":{\"project_id\":\"web-app\"}},"
                        + "{\"tool\":\"send_slack_notification\"}]}",
                "{\"name\":\"undecodable\",\"event\":{\"nothing\":true},\"expected\":[]}"));

        JsonNode figures = eval(dataset);

        assertThat(figures.path("events").asInt()).isEqualTo(3);
        assertThat(figures.path("undecodable").asInt()).isEqualTo(1);
        // predicted tools: 3 + 3; expected tools: 3 + 2; hits: 3 + 1
        assertThat(figures.path("tool_precision").asDouble()).isEqualTo(0.667);
        assertThat(figures.path("tool_recall").asDouble()).isEqualTo(0.8);
        // expected calls 5, matched 3 (the second event's commit has the wrong project)
        assertThat(figures.path("key_argument_accuracy").asDouble()).isEqualTo(0.6);
        assertThat(figures.path("model_calls_per_event").asDouble()).isZero();
        assertThat(out.toString()).contains("wrong-arg-and-missing-tool").contains("missing [send_slack_notification]");
    }

    @Test
    void runsOfflineOnTheShippedDataset() throws Exception {
        Path dataset = Path.of("..", "examples", "eval", "dataset.jsonl").toAbsolutePath().normalize();
        assertThat(dataset).exists();
        long lines = Files.readAllLines(dataset).stream().filter(l -> !l.isBlank()).count();
        assertThat(lines).isGreaterThanOrEqualTo(30);

        JsonNode figures = eval(dataset);

        assertThat(figures.path("events").asLong()).isEqualTo(lines);
        assertThat(figures.path("tool_precision").asDouble()).isBetween(0.0, 1.0);
        assertThat(figures.path("tool_recall").asDouble()).isGreaterThan(0.0);
        assertThat(figures.path("model_calls_per_event").asDouble()).isZero();
    }
}
