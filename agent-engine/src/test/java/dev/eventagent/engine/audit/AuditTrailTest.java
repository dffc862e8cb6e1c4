package dev.eventagent.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.SeedToolsPlugin;
import dev.eventagent.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    @TempDir
    Path temp;

    @Test
    void everyDecisionIsAuditedWithSecretsRedacted() throws Exception {
        Path file = temp.resolve("audit/audit.jsonl");
        String settings = "agent.audit.jsonl.path = \"" + file + "\"\n"
                + "agent.ledger.file = \"" + temp.resolve("ledger") + "\"\n"
                + "agent.tools.overrides.x.token = \"tok-9f8e7d6c\"\n";
        String push = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":\"api\",\"commits\":[{\"sha\":\"s1\","
                + "\"author\":{\"email\":\"alice@company.com\",\"name\":\"Alice\"},"
                + "\"message\":\"leaked tok-9f8e7d6c in a commit\",\"files\":[]}]}";
        SeedToolsPlugin fakes = new SeedToolsPlugin();
        try (Engine engine = Engine.start(Installation.of(ConfigFactory.parseString(settings)
                .withFallback(dev.eventagent.engine.graph.ShippedRoutes.layer()), List.of(fakes)),
                Engine.Options.defaults())) {
            engine.process(engine.decoder().decode(RawRecord.of(push, Map.of())));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("tok-9f8e7d6c").contains("[hidden]");
        JsonNode record = Json.MAPPER.readTree(lines.get(0));
        assertThat(record.path("planner").asText()).isEqualTo("rules");
        assertThat(record.path("route").asText()).isEqualTo("github-push");
        assertThat(record.path("outcome").asText()).isEqualTo("ok");
        assertThat(record.path("calls")).hasSize(3);
        assertThat(record.path("calls").get(0).path("status").asText()).isEqualTo("ok");
        assertThat(record.path("calls").get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("calls").get(0).has("duration_ms")).isTrue();
        assertThat(record.path("response").asText()).contains("via github-push");
    }
}
