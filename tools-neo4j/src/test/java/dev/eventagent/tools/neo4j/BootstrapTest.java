package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.query;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Health;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema bootstrap: idempotent, and switched off by {@code bootstrap = false}. */
class BootstrapTest {

    private static final List<String> CONSTRAINTS = List.of("event_agent_developer_email", "event_agent_team_id",
            "event_agent_project_id", "event_agent_skill_key", "event_agent_applied_effect_key");
    private static final List<String> INDEXES = List.of("event_agent_developer_availability",
            "event_agent_applied_effect_applied_at");

    @Test
    void createsTheConstraintsAndIndexesOnlyWhenAskedAndAnyNumberOfTimes() throws Exception {
        try {
            dropSchema();
            try (Neo4jToolsFixture leastPrivilege = Neo4jToolsFixture.open(Map.of("bootstrap", false))) {
                assertThat(constraints()).doesNotContainAnyElementsOf(CONSTRAINTS);
                assertThat(indexes()).doesNotContainAnyElementsOf(INDEXES);
                String email = unique("dev") + "@example.com";
                leastPrivilege.call("set_developer_availability", args("developer_email", email, "availability", 1));
                assertThat(query("MATCH (d:Developer {email: $e}) RETURN d.availability AS a", "e", email))
                        .containsExactly(Map.of("a", 1.0));
            }
            try (Neo4jToolsFixture first = Neo4jToolsFixture.open();
                    Neo4jToolsFixture second = Neo4jToolsFixture.open()) {
                assertThat(constraints()).containsAll(CONSTRAINTS);
                assertThat(indexes()).containsAll(INDEXES);
                assertThat(first.instance().tools()).hasSize(12);
                assertThat(second.instance().health().up()).isTrue();
            }
        } finally {
            Neo4jToolsFixture.open().close();
        }
        assertThat(query("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
                + "WHERE name = 'event_agent_developer_email' RETURN type, labelsOrTypes, properties"))
                .containsExactly(Map.of("type", "UNIQUENESS", "labelsOrTypes", List.of("Developer"),
                        "properties", List.of("email")));
    }

    @Test
    void healthNamesTheServerAndItsVersion() throws Exception {
        try (Neo4jToolsFixture tools = Neo4jToolsFixture.open()) {
            Health health = tools.instance().health();

            assertThat(health.up()).isTrue();
            assertThat(health.detail()).contains(Neo4jToolsFixture.server().boltUri().toString())
                    .contains("database neo4j").contains(Neo4jToolsFixture.server().version());
        }
    }

    private static void dropSchema() {
        for (String name : CONSTRAINTS) {
            query("DROP CONSTRAINT " + name + " IF EXISTS");
        }
        for (String name : INDEXES) {
            query("DROP INDEX " + name + " IF EXISTS");
        }
    }

    private static List<Object> constraints() {
        return names("SHOW CONSTRAINTS YIELD name RETURN name");
    }

    private static List<Object> indexes() {
        return names("SHOW INDEXES YIELD name RETURN name");
    }

    private static List<Object> names(String cypher) {
        return query(cypher).stream().map(row -> row.get("name")).toList();
    }
}
