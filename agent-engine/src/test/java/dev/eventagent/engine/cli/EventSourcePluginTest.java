package dev.eventagent.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.testing.PluginJarBuilder;
import dev.eventagent.engine.testing.fixtures.EchoPlugin;
import dev.eventagent.engine.testing.fixtures.PagerDutyPlugin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin adds an event source (PagerDuty) from its own folder, with its own reference.conf and
 * its share of a route: its events are decoded in every wire form and routed like the built-in
 * sources' events.
 */
class EventSourcePluginTest {

    private static final String REFERENCE = """
            agent.plugins.pagerduty {
              enabled = true
              # The service an incident counts for when its payload names none.
              default-service = "unknown-service"
              routes.pagerduty-incident {
                when { source = pagerduty, type = incident.triggered }
                steps.tell { order = 10, calls.page { tool = echo, args.text = "{{$.event.project}}: {{$.event.attributes.title}}" } }
              }
            }
            """;

    private static final String WEBHOOK = "{\"event\":{\"id\":\"01DEN1HNLBC1VITUUC9XZ8RY24\",\"event_type\":"
            + "\"incident.triggered\",\"occurred_at\":\"2026-11-30T10:00:00Z\",\"data\":{\"id\":\"Q3WB2I2F\","
            + "\"title\":\"Checkout latency\",\"service\":{\"summary\":\"checkout\"}}}}";

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void install() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        System.setProperty(ConfigLoader.HOME_PROPERTY, home.toString());
        PluginJarBuilder.named("pagerduty.jar").withPlugin(PagerDutyPlugin.class).withReferenceConf(REFERENCE)
                .writeTo(home.resolve("plugins/pagerduty"));
        PluginJarBuilder.named("echo.jar").withPlugin(EchoPlugin.class).writeTo(home.resolve("plugins/echo"));
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(ConfigLoader.HOME_PROPERTY);
    }

    private List<JsonNode> replay(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("replay", "--dry-run", "--json"));
        command.addAll(List.of(args));
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), command.toArray(String[]::new));
        assertThat(status).as(out + "\n" + err).isZero();
        List<JsonNode> reports = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            reports.add(Json.MAPPER.readTree(line));
        }
        return reports;
    }

    @Test
    void itsRawWebhooksAreRecognisedByTheirHeaderNormalisedAndRouted() throws Exception {
        Path file = home.resolve("incident.json");
        Files.writeString(file, WEBHOOK);

        JsonNode report = replay("--header", "X-PagerDuty-Signature=v1=abc", file.toString()).get(0);

        assertThat(report.path("class").asText()).isEqualTo("pagerduty.incident.triggered");
        assertThat(report.path("event_id").asText()).isEqualTo("pagerduty:01DEN1HNLBC1VITUUC9XZ8RY24");
        assertThat(report.path("key").asText()).isEqualTo("incident:Q3WB2I2F");
        assertThat(report.path("route").asText()).isEqualTo("pagerduty-incident");
        assertThat(report.path("calls").get(0).path("arguments").path("text").asText())
                .isEqualTo("checkout: Checkout latency");
    }

    @Test
    void theEnvelopeAndCloudEventsReachItToo() throws Exception {
        Path envelope = home.resolve("envelope.json");
        Files.writeString(envelope, "{\"source\":\"pagerduty\",\"event_type\":\"incident.triggered\",\"id\":\"e-1\","
                + "\"data\":{\"id\":\"P1\",\"title\":\"Disk full\"}}");
        Path cloudEvent = home.resolve("cloudevent.json");
        Files.writeString(cloudEvent, "{\"specversion\":\"1.0\",\"type\":\"com.pagerduty.incident.triggered\","
                + "\"source\":\"https://acme.pagerduty.com\",\"id\":\"ce-7\",\"data\":{\"event\":{\"data\":{\"id\":\"P2\","
                + "\"title\":\"Queue backlog\"}}}}");

        List<JsonNode> reports = replay(envelope.toString(), cloudEvent.toString());

        assertThat(reports).extracting(r -> r.path("class").asText())
                .containsExactly("pagerduty.incident.triggered", "pagerduty.incident.triggered");
        assertThat(reports.get(0).path("calls").get(0).path("arguments").path("text").asText())
                .as("the plugin's own setting fills in the service").isEqualTo("unknown-service: Disk full");
        assertThat(reports.get(1).path("event_id").asText()).isEqualTo("pagerduty:ce-7");
        assertThat(reports.get(1).path("calls").get(0).path("arguments").path("text").asText())
                .isEqualTo("unknown-service: Queue backlog");
    }

    @Test
    void aMalformedPayloadIsOneLineNamingThePath() throws Exception {
        Path file = home.resolve("bad.json");
        Files.writeString(file, "{\"event\":{\"id\":\"x\",\"event_type\":\"incident.triggered\",\"data\":\"oops\"}}");

        JsonNode report = replay("--header", "X-PagerDuty-Signature=v1=abc", file.toString()).get(0);

        assertThat(report.path("error_reason").asText()).isEqualTo("WRONG_SHAPE");
        assertThat(report.path("error").asText()).contains("wrong shape at $.event.data: expected an object");
    }
}
