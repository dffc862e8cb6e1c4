package dev.eventagent.tools.pinecone;

import static dev.eventagent.tools.pinecone.PineconeFixture.ISSUES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolResult;
import dev.eventagent.testing.TestingEmbedder;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The issue tools through the real client against the testing server. */
class IssueToolsTest {

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
    @SuppressWarnings("unchecked")
    void upsertStoresTheIssueWithItsMetadata() {
        ToolResult result = fixture.call("upsert_issue_embedding", Map.of("issue_key", "pay-142",
                "text", "Checkout times out when the card issuer is slow",
                "metadata", Map.of("resolver", "ana@example.com", "status", "Done", "story_points", 3,
                        "labels", List.of("checkout", "timeouts"))), "evt-issue");

        assertThat(result.value()).containsEntry("issue_key", "PAY-142").containsEntry("namespace", ISSUES);
        assertThat((List<Object>) result.value().get("metadata_keys"))
                .containsExactlyInAnyOrder("resolver", "status", "story_points", "labels");
        assertThat(fixture.server.vector(INDEX, ISSUES, "PAY-142").orElseThrow().metadata())
                .containsEntry("issue_key", "PAY-142")
                .containsEntry("resolver", "ana@example.com")
                .containsEntry("story_points", 3.0)
                .containsEntry("labels", List.of("checkout", "timeouts"))
                .containsEntry("text", "Checkout times out when the card issuer is slow")
                .containsEntry("source_event", "evt-issue");
    }

    @Test
    void aRedeliveredUpsertLeavesOneVector() {
        Map<String, Object> args = Map.of("issue_key", "OPS-7", "text", "Disk full on the build agents");
        fixture.call("upsert_issue_embedding", args, "evt-7");
        fixture.call("upsert_issue_embedding", args, "evt-7");

        assertThat(fixture.server.vectorCount(INDEX, ISSUES)).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchFindsSimilarPastIssuesWithWhoSolvedThem() {
        fixture.call("upsert_issue_embedding", Map.of("issue_key", "PAY-1", "text",
                "Checkout payment times out with slow card issuer", "metadata", Map.of("resolver", "ana@example.com")));
        fixture.call("upsert_issue_embedding", Map.of("issue_key", "WEB-2", "text",
                "Dark mode colours wrong in settings page", "metadata", Map.of("resolver", "bo@example.com")));

        ToolResult result = fixture.call("search_similar_issues",
                Map.of("query", "payment checkout times out", "top_k", 1));

        List<Map<String, Object>> matches = (List<Map<String, Object>>) result.value().get("matches");
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0)).containsEntry("issue_key", "PAY-1").containsEntry("resolver", "ana@example.com")
                .containsEntry("text_excerpt", "Checkout payment times out with slow card issuer")
                .doesNotContainKeys("text", "source_event");
    }

    @Test
    void reservedAndOperatorLikeMetadataKeysAreRefused() {
        assertThatThrownBy(() -> fixture.call("upsert_issue_embedding", Map.of("issue_key", "A-1", "text", "t",
                "metadata", Map.of("text", "override"))))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("'text'");
        assertThatThrownBy(() -> fixture.call("upsert_issue_embedding", Map.of("issue_key", "A-1", "text", "t",
                "metadata", Map.of("$set", "x"))))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("no leading '$'");
        assertThatThrownBy(() -> fixture.call("upsert_issue_embedding", Map.of("issue_key", "A-1", "text", "t",
                "metadata", Map.of("nested", Map.of("a", 1)))))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("metadata.nested");
        assertThatThrownBy(() -> fixture.call("upsert_issue_embedding", Map.of("issue_key", "not a key", "text", "t")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("issue_key");
        assertThat(fixture.server.requests()).isEmpty();
    }

    @Test
    void metadataThatLeavesNoRoomForTheTextIsRefused() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            metadata.put("field_" + i, "x".repeat(1_990)); // ~50 KB in all
        }
        assertThatThrownBy(() -> fixture.call("upsert_issue_embedding",
                Map.of("issue_key", "BIG-1", "text", "t", "metadata", metadata)))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("40 KB");
    }
}
