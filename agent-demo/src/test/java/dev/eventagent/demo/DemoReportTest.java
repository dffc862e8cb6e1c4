package dev.eventagent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures {@code demo --json} prints, from the audit records and the backends' counts. */
class DemoReportTest {

    private static JsonNode decision(String eventClass, String outcome) throws Exception {
        return Json.MAPPER.readTree("{\"class\":\"" + eventClass + "\",\"outcome\":\"" + outcome + "\"}");
    }

    @Test
    void countsEveryOutcomeOfEveryClassAndCarriesTheStores() throws Exception {
        DemoReport report = new DemoReport(4, 4, false, List.of(decision("github.push", "ok"),
                decision("github.push", "ok"), decision("github.push", "partial"), decision("jira.issue_created", "skipped"),
                decision("jira.issue_created", "planned")), List.of("t-0@1 decode/MALFORMED_JSON: …"), List.of(),
                Map.of("neo4j", Map.of("nodes", 9L), "clickhouse", Map.of("left_out", "no server")));

        Map<String, Object> summary = report.summary();

        assertThat(summary).containsOnlyKeys("events", "dead_lettered", "stores");
        assertThat(Json.MAPPER.writeValueAsString(summary)).isEqualTo("{\"events\":{"
                + "\"github.push\":{\"ok\":2,\"partial\":1,\"skipped\":0,\"failed\":0,\"denied\":0},"
                + "\"jira.issue_created\":{\"ok\":0,\"partial\":0,\"skipped\":1,\"failed\":0,\"denied\":0}},"
                + "\"dead_lettered\":1,"
                + "\"stores\":{\"clickhouse\":{\"left_out\":\"no server\"},\"neo4j\":{\"nodes\":9}}}");
    }
}
