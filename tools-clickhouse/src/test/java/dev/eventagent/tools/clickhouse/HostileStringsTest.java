package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values that try to break out of a literal or a JSON row (quotes, SQL fragments, escapes,
 * control characters, emoji, 10 kB) are stored and read back unchanged, and used as query
 * arguments they match only themselves.
 */
class HostileStringsTest {

    static final List<String> HOSTILE = List.of(
            "' OR 1=1 --",
            "'); DROP TABLE `it_hostile`.`commit_events`; --",
            "\\'; SELECT 1; --",
            "back\\slash \\\\ \\n \\x41 \\0 end\\",
            "\" ` {project:String} $1 ? %s ${x}",
            "x' FORMAT TabSeparated",
            "x'\nSETTINGS readonly = 1",
            "😀 emoji 👩‍👩‍👧 ünïcödé 漢字 \u202Eevil",
            "controls \u0000 \u0001 \t \n \r \u001f \u007f end",
            "/* comment */ UNION ALL SELECT * FROM system.users");

    private static ClickHouseTestPlugin plugin;

    @BeforeAll
    static void start() {
        plugin = ClickHouseTestPlugin.start("it_hostile");
    }

    @AfterAll
    static void stop() {
        if (plugin != null) {
            plugin.close();
        }
    }

    @Test
    void hostileValuesRoundTripThroughTheWriteTools() {
        for (int i = 0; i < HOSTILE.size(); i++) {
            String value = HOSTILE.get(i);
            String key = "hostile-" + i;
            plugin.call("insert_commit_event", key, key, EventWriteToolsTest.commit(value, "o'brien@company.com",
                    "abcd00" + i, value));
            plugin.call("insert_jira_event", key, key, Map.of("project_id", value, "developer_email",
                    "o'brien@company.com", "issue_data", Map.of("issue_key", "HOST-" + i, "event_type", "issue_updated",
                            "status_from", value, "status_to", value)));
            plugin.call("insert_incident_event", key, key, Map.of("project_id", value, "incident_data",
                    Map.of("incident_id", value, "status", "firing", "severity", value.length() <= 64 ? value : "x",
                            "started_at", "2026-05-10T09:00:00Z")));

            JsonNode commit = row("SELECT project_id, message, developer_email FROM `it_hostile`.`commit_events` FINAL "
                    + "WHERE row_id = '" + key + "'");
            assertThat(commit.path("project_id").asText()).isEqualTo(value);
            assertThat(commit.path("message").asText()).isEqualTo(value);
            assertThat(commit.path("developer_email").asText()).isEqualTo("o'brien@company.com");
            JsonNode jira = row("SELECT status_from, status_to FROM `it_hostile`.`jira_events` FINAL WHERE row_id = '" + key + "'");
            assertThat(jira.path("status_to").asText()).isEqualTo(value);
            JsonNode incident = row("SELECT incident_id FROM `it_hostile`.`incident_events` FINAL WHERE row_id = '" + key + "'");
            assertThat(incident.path("incident_id").asText()).isEqualTo(value);
        }
        assertThat(plugin.raw.rows("EXISTS TABLE `it_hostile`.`commit_events`").get(0).path("result").asInt()).isEqualTo(1);
    }

    @Test
    void aTenKilobyteMessageRoundTrips() {
        StringBuilder big = new StringBuilder();
        while (big.length() < 10 * 1024) {
            big.append("it's \"quoted\" \\ 😀 ').append(' ");
        }
        String message = big.toString();
        plugin.call("insert_commit_event", "big", "big", EventWriteToolsTest.commit("big", "a@company.com", "beef", message));

        assertThat(row("SELECT message FROM `it_hostile`.`commit_events` FINAL WHERE row_id = 'big'")
                .path("message").asText()).isEqualTo(message);
    }

    @Test
    void aLoneSurrogateBecomesAReplacementCharacter() {
        plugin.call("insert_commit_event", "surrogate", "surrogate",
                EventWriteToolsTest.commit("s", "a@company.com", "beef", "half \uD83D of an emoji"));

        assertThat(row("SELECT message FROM `it_hostile`.`commit_events` FINAL WHERE row_id = 'surrogate'")
                .path("message").asText()).isEqualTo("half \uFFFD of an emoji");
    }

    @Test
    void hostileReadArgumentsMatchOnlyThemselves() {
        String project = "acme' OR '1'='1";
        plugin.call("insert_deployment_event", Map.of("project_id", project, "deployment_data", Map.of(
                "deployment_id", "d1", "environment", "production", "status", "success", "sha", "abcdef",
                "timestamp", "2026-05-10T10:00:00Z")));
        plugin.call("insert_deployment_event", Map.of("project_id", "victim", "deployment_data", Map.of(
                "deployment_id", "d2", "environment", "production", "status", "failure", "sha", "abcdef",
                "timestamp", "2026-05-10T10:00:00Z")));

        Map<String, Object> own = plugin.call("get_project_dora_metrics", Map.of("project_id", project, "days", 1)).value();
        assertThat(own).containsEntry("project_id", project);
        assertThat(counts(own)).containsEntry("deployments", 1L).containsEntry("successful_deployments", 1L);
        for (String value : HOSTILE) {
            if (value.length() <= 256) {
                Map<String, Object> none = plugin.call("get_project_dora_metrics", Map.of("project_id", "x" + value)).value();
                assertThat(counts(none)).as(value).containsEntry("deployments", 0L).containsEntry("incidents_open", 0L);
            }
        }
        Map<String, Object> activity = plugin.call("get_developer_activity_summary",
                Map.of("developer_email", "O'Brien@company.com", "days", 30)).value();
        assertThat(activity).containsEntry("developer_email", "o'brien@company.com");
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) activity.get("totals");
        assertThat(totals).containsEntry("commits", (long) HOSTILE.size());
    }

    @Test
    void everyLiteralReadsBackAsItsValue() {
        List<String> values = hostileValues();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(SqlLiterals.string(values.get(i))).append(" AS v").append(i);
        }
        JsonNode row = row(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            assertThat(row.path("v" + i).asText()).as("literal %d of %s", i, values.get(i)).isEqualTo(values.get(i));
        }
    }

    /**
     * The same values through the gateway, the way the tools send them: as server-side query
     * parameters on servers that have them (19.11 and later), as literals on 18.16.
     */
    @Test
    void everyBoundValueReadsBackAsItsValueInTheServersOwnWay() {
        List<String> values = hostileValues();
        SqlStatement statement = SqlStatement.of("SELECT ");
        for (int i = 0; i < values.size(); i++) {
            statement.sql(i == 0 ? "" : ", ").string(values.get(i)).sql(" AS v" + i);
        }
        statement.sql(", ").integer(Long.MIN_VALUE).sql(" AS smallest, ").strings(List.of("a'", "b\\")).sql(" AS tuple");
        try (ClickHouseGateway gateway = BatchedWriterTest.gatewayTo(plugin.server.httpUrl(), "it_hostile")) {
            boolean parameters = gateway.dialect().queryParameters();
            assertThat(parameters).as("query parameters on ClickHouse " + plugin.server.version())
                    .isEqualTo(!plugin.server.version().startsWith("18."));
            SqlStatement.Rendered rendered = statement.render(parameters);
            if (parameters) {
                assertThat(rendered.sql()).as("no value is in the text").doesNotContain("OR 1=1").doesNotContain("emoji");
                assertThat(rendered.parameters()).hasSize(values.size() + 3);
            }
            JsonNode row = gateway.select("read hostile values back", statement).get(0);
            for (int i = 0; i < values.size(); i++) {
                assertThat(row.path("v" + i).asText()).as("value %d of %s", i, values.get(i)).isEqualTo(values.get(i));
            }
            assertThat(JsonEachRow.longValue(row, "smallest")).isEqualTo(Long.MIN_VALUE);
            assertThat(row.path("tuple").toString()).isEqualTo("[\"a'\",\"b\\\\\"]");
        }
    }

    private static List<String> hostileValues() {
        List<String> values = new ArrayList<>(HOSTILE);
        for (char c = 0; c < 128; c++) {
            values.add("a" + c + "b");
        }
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                int codePoint = random.nextInt(4) == 0 ? random.nextInt(128) : random.nextInt(0x1F600);
                if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
                    codePoint = '?';
                }
                text.appendCodePoint(codePoint);
            }
            values.add(text.toString());
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> dora) {
        return (Map<String, Object>) dora.get("counts");
    }

    private static JsonNode row(String sql) {
        List<JsonNode> rows = plugin.raw.rows(sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }
}
