package dev.eventagent.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.testing.PluginJarBuilder;
import dev.eventagent.engine.testing.fixtures.DeskPlugin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code event-agent call} on a distribution home with the {@code desk} fixture plugin: the
 * result as one JSON object, every failure as one line with exit 1, one audit record per call
 * naming the operator.
 */
class CallCommandTest {

    /** Quick retries, so that the transient failure of flaky_lookup costs milliseconds. */
    private static final String QUICK_RETRIES = "agent.tools.defaults.retry { initial-backoff = 10ms, jitter = 0 }\n";

    @TempDir
    Path home;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void setHome() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        System.setProperty(ConfigLoader.HOME_PROPERTY, home.toString());
        PluginJarBuilder.named("desk.jar").withPlugin(DeskPlugin.class).writeTo(home.resolve("plugins/desk"));
        conf("");
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(ConfigLoader.HOME_PROPERTY);
    }

    @Test
    void printsTheToolsResultAsOneJsonObjectAndAuditsTheCallAsAnOperators() throws Exception {
        int status = run("call", "note_down", "{\"text\": \"hello from the desk\"}");

        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString().lines().toList()).hasSize(1);
        JsonNode result = Json.MAPPER.readTree(out.toString());
        assertThat(result.path("noted").asText()).isEqualTo("hello from the desk");
        String eventId = result.path("event_id").asText();
        assertThat(eventId).startsWith("operator-");
        assertThat(result.path("idempotency_key").asText()).isEqualTo(eventId + "/operator/call/note_down");

        JsonNode record = singleAuditRecord();
        assertThat(record.path("event_id").asText()).isEqualTo(eventId);
        assertThat(record.path("source").asText()).isEqualTo("operator");
        assertThat(record.path("class").asText()).isEqualTo("operator.call");
        assertThat(record.path("planner").asText()).isEqualTo("operator");
        assertThat(record.path("outcome").asText()).isEqualTo("ok");
        assertThat(record.path("caller").path("kind").asText()).isEqualTo("operator");
        assertThat(record.path("caller").path("user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(home.resolve("data/ledger.mv.db")).as("the effect ledger is left alone: a call is never "
                + "redelivered, and a running service may hold its H2 file").doesNotExist();
        JsonNode call = record.path("calls").get(0);
        assertThat(call.path("tool").asText()).isEqualTo("note_down");
        assertThat(call.path("arguments").path("text").asText()).isEqualTo("hello from the desk");
        assertThat(call.path("status").asText()).isEqualTo("ok");
        assertThat(call.path("result").path("noted").asText()).isEqualTo("hello from the desk");
    }

    @Test
    void runsBehindTheToolsResiliencePolicies() throws Exception {
        conf(QUICK_RETRIES);

        int status = run("call", "flaky_lookup");

        assertThat(status).as(err.toString()).isZero();
        assertThat(Json.MAPPER.readTree(out.toString()).path("attempt").asInt()).as("retried once").isEqualTo(2);
        assertThat(singleAuditRecord().path("calls").get(0).path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void eventClassAllowlistsDoNotApplyButArgumentConstraintsDo() throws Exception {
        conf("agent.policy.classes { \"*\" = [] }\n"
                + "agent.policy.arguments { note_down { text { pattern = \"^[a-z ]+$\" } } }\n");

        assertThat(run("call", "note_down", "{\"text\": \"allowed by hand\"}")).as(err.toString()).isZero();
        reset();
        assertThat(run("call", "note_down", "{\"text\": \"Not Lower Case!\"}")).isEqualTo(1);
        assertOneLine().contains("note_down").contains("text");
    }

    @Test
    void aToolHeldForApprovalRunsOnlyWhenTheOperatorApprovesIt() throws Exception {
        conf("agent.policy.require-approval-at = HIGH\n");

        assertThat(run("call", "wipe_cache", "{}")).isEqualTo(1);
        assertOneLine().contains("risk HIGH").contains("--approved");
        assertThat(out.toString()).isEmpty();
        reset();

        assertThat(run("call", "--approved", "wipe_cache", "{}")).as(err.toString()).isZero();
        assertThat(Json.MAPPER.readTree(out.toString()).path("wiped").asBoolean()).isTrue();
        assertThat(auditRecords()).extracting(r -> r.path("outcome").asText()).containsExactly("denied", "ok");
    }

    @Test
    void everyFailureIsOneLineOnStderrWithExitStatus1AndIsAudited() throws Exception {
        conf(QUICK_RETRIES);
        List<String[]> calls = List.of(
                new String[] {"no_such_tool", "{}"},
                new String[] {"note_down", "{\"text\": }"},
                new String[] {"note_down", "[\"text\"]"},
                new String[] {"note_down", "{\"text\": 5}"},
                new String[] {"note_down", "{\"text\": \"a\"} {\"text\": \"b\"}"},
                new String[] {"refuse", "{}"});
        List<String> expected = List.of("unknown tool no_such_tool: no installed plugin provides it",
                "the arguments are not one JSON object", "must be one JSON object", "do not match its schema",
                "the arguments are not one JSON object", DeskPlugin.REFUSAL);

        for (int i = 0; i < calls.size(); i++) {
            reset();
            int status = run("call", calls.get(i)[0], calls.get(i)[1]);

            assertThat(status).as(String.join(" ", calls.get(i))).isEqualTo(1);
            assertThat(out.toString()).as("stdout of " + calls.get(i)[0]).isEmpty();
            assertOneLine().contains(expected.get(i)).doesNotContain("\tat ").doesNotContain("Exception:");
        }
        assertThat(auditRecords()).hasSize(calls.size()).allSatisfy(record -> {
            assertThat(record.path("source").asText()).isEqualTo("operator");
            assertThat(record.path("outcome").asText()).isIn("denied", "failed");
        });
        assertThat(auditRecords().get(5).path("calls").get(0).path("error_category").asText()).isEqualTo("PERMANENT");
    }

    @Test
    void aConfigThatCannotStartIsOneLineToo() throws Exception {
        conf("agent.graph.max-rounds = lots\n");

        assertThat(run("call", "note_down", "{\"text\": \"x\"}")).isEqualTo(1);
        assertOneLine().startsWith("event-agent call: cannot start: ").contains("agent.graph.max-rounds");
    }

    private AbstractStringAssert<?> assertOneLine() {
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).as("stderr").hasSize(1);
        return assertThat(lines.get(0)).startsWith("event-agent call: ");
    }

    private JsonNode singleAuditRecord() throws IOException {
        List<JsonNode> records = auditRecords();
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private List<JsonNode> auditRecords() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("logs/audit.jsonl"))) {
            records.add(Json.MAPPER.readTree(line));
        }
        return records;
    }

    private void conf(String extra) throws IOException {
        Files.writeString(home.resolve("conf/application.conf"), "agent.admin.port = -1\n" + extra);
    }

    private void reset() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
