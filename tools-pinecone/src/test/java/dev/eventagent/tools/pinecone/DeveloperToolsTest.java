package dev.eventagent.tools.pinecone;

import static dev.eventagent.tools.pinecone.PineconeFixture.DEVELOPERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolResult;
import dev.eventagent.testing.TestingEmbedder;
import dev.eventagent.testing.pinecone.StoredVector;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The developer tools through the real client against the testing server. */
class DeveloperToolsTest {

    private static final String INDEX = TestingPineconeServer.INDEX;
    private static PineconeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = PineconeFixture.start(new TestingEmbedder(128), Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.server.reset();
    }

    @Test
    void upsertStoresOneVectorPerLowerCasedEmail() {
        ToolResult result = fixture.call("upsert_developer_embedding",
                Map.of("developer_email", " Ana.Lima@Example.COM ", "profile_text", "Kotlin, Kafka streams, payments"),
                "evt-1");

        assertThat(result.value()).containsEntry("email", "ana.lima@example.com")
                .containsEntry("namespace", DEVELOPERS)
                .containsEntry("embedder", "testing-bag-of-words")
                .containsEntry("dimension", 128)
                .containsEntry("text_truncated", false);
        StoredVector stored = fixture.server.vector(INDEX, DEVELOPERS, "ana.lima@example.com").orElseThrow();
        assertThat(stored.metadata()).containsEntry("email", "ana.lima@example.com")
                .containsEntry("profile_text", "Kotlin, Kafka streams, payments")
                .containsEntry("source_event", "evt-1");
        assertThat(stored.dimension()).isEqualTo(128);
    }

    @Test
    void aRedeliveredUpsertLeavesOneVector() {
        Map<String, Object> args = Map.of("developer_email", "bo@example.com", "profile_text", "Go and Kubernetes");
        fixture.call("upsert_developer_embedding", args, "evt-redelivered");
        fixture.call("upsert_developer_embedding", args, "evt-redelivered");

        assertThat(fixture.server.vectorCount(INDEX, DEVELOPERS)).isEqualTo(1);
        assertThat(fixture.server.count("Upsert")).isEqualTo(2);
        assertThat(fixture.server.vector(INDEX, DEVELOPERS, "bo@example.com").orElseThrow().metadata())
                .containsEntry("profile_text", "Go and Kubernetes");
    }

    @Test
    void aNewTextReplacesTheOld() {
        fixture.call("upsert_developer_embedding", Map.of("developer_email", "cy@example.com", "profile_text", "Java"));
        fixture.call("upsert_developer_embedding", Map.of("developer_email", "CY@example.com", "profile_text", "Rust"));

        assertThat(fixture.server.vectorCount(INDEX, DEVELOPERS)).isEqualTo(1);
        assertThat(fixture.server.vector(INDEX, DEVELOPERS, "cy@example.com").orElseThrow().metadata())
                .containsEntry("profile_text", "Rust");
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchReturnsMatchesWithEmailFirstForTheJiraRoute() {
        fixture.call("upsert_developer_embedding", Map.of("developer_email", "web@example.com",
                "profile_text", "React TypeScript frontend components and CSS"));
        fixture.call("upsert_developer_embedding", Map.of("developer_email", "db@example.com",
                "profile_text", "PostgreSQL tuning, replication and backups"));

        ToolResult result = fixture.call("search_similar_developers_vector",
                Map.of("query", "frontend React components", "top_k", 3));

        List<Map<String, Object>> matches = (List<Map<String, Object>>) result.value().get("matches");
        assertThat(matches).hasSize(2);
        assertThat(matches.get(0)).containsEntry("email", "web@example.com")
                .containsEntry("profile_excerpt", "React TypeScript frontend components and CSS")
                .doesNotContainKey("profile_text");
        assertThat(matches.get(0).keySet()).startsWith("email", "score");
        assertThat((double) matches.get(0).get("score")).isGreaterThan((double) matches.get(1).get("score"));
        // the engine's jira-issue-created route reads $.steps.find.search.matches[0].email
        assertThat(result.value()).containsKey("matches");
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchFiltersOnMetadata() {
        fixture.server.seed(INDEX, DEVELOPERS, List.of(
                seeded("a@example.com", "payments", 5), seeded("b@example.com", "web", 2),
                seeded("c@example.com", "payments", 1)));

        List<Map<String, Object>> payments = (List<Map<String, Object>>) fixture.call(
                "search_similar_developers_vector",
                Map.of("query", "anything", "filter", Map.of("team", "payments"))).value().get("matches");
        List<Map<String, Object>> senior = (List<Map<String, Object>>) fixture.call(
                "search_similar_developers_vector",
                Map.of("query", "anything", "filter", Map.of("team", List.of("payments", "web"),
                        "years", Map.of("$gte", 2)))).value().get("matches");

        assertThat(payments).extracting(m -> m.get("email")).containsExactlyInAnyOrder("a@example.com", "c@example.com");
        assertThat(payments.get(0)).containsEntry("team", "payments");
        assertThat(senior).extracting(m -> m.get("email")).containsExactlyInAnyOrder("a@example.com", "b@example.com");
        assertThat(senior).allSatisfy(m -> assertThat(m.get("years")).isInstanceOf(Long.class));
    }

    private static StoredVector seeded(String email, String team, int years) {
        float[] values = new TestingEmbedder(128).embed(List.of(team + " developer"), null).get(0);
        return new StoredVector(email, values, Map.of("email", email, "team", team, "years", years));
    }

    @Test
    void deleteRemovesTheVectorAndIsIdempotent() {
        fixture.call("upsert_developer_embedding", Map.of("developer_email", "gone@example.com", "profile_text", "x"));

        ToolResult first = fixture.call("delete_developer_embedding", Map.of("developer_email", "GONE@example.com"),
                "evt-delete");
        ToolResult again = fixture.call("delete_developer_embedding", Map.of("developer_email", "gone@example.com"),
                "evt-delete");

        assertThat(first.value()).containsEntry("email", "gone@example.com").containsEntry("deleted", true);
        assertThat(again.value()).containsEntry("deleted", false);
        assertThat(fixture.server.vectorCount(INDEX, DEVELOPERS)).isZero();
    }

    @Test
    void badArgumentsNeverReachTheServer() {
        assertThatThrownBy(() -> fixture.call("upsert_developer_embedding",
                Map.of("developer_email", "not-an-email", "profile_text", "x")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("developer_email");
        assertThatThrownBy(() -> fixture.call("upsert_developer_embedding",
                Map.of("developer_email", "a@example.com", "profile_text", "   ")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> fixture.call("search_similar_developers_vector", Map.of("query", "x", "top_k", 0)))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("top_k");
        assertThatThrownBy(() -> fixture.call("search_similar_developers_vector", Map.of("query", "x", "top_k", 51)))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("top_k");
        assertThatThrownBy(() -> fixture.call("delete_developer_embedding", Map.of()))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("required");

        assertThat(fixture.server.requests()).isEmpty();
    }
}
