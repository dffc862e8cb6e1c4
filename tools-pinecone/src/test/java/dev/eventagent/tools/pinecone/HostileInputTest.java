package dev.eventagent.tools.pinecone;

import static dev.eventagent.tools.pinecone.PineconeFixture.DEVELOPERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.ToolResult;
import dev.eventagent.testing.TestingEmbedder;
import dev.eventagent.testing.pinecone.StoredVector;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile strings round-trip intact or are refused; nothing in an argument becomes part of a
 * Pinecone filter's structure; long texts are cut to Pinecone's 40 KB metadata limit.
 */
class HostileInputTest {

    private static final String INDEX = TestingPineconeServer.INDEX;
    private static PineconeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = PineconeFixture.start(new TestingEmbedder(32), Map.of());
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
    void quotesEmojiAndControlCharactersRoundTrip() {
        String hostile = "Robert'); DROP TABLE x;-- \"quoted\" \\ back {\"$or\":[{}]} \u0000 \t\n 🚀👩🏽‍💻 ünïcödé 中文";
        fixture.call("upsert_developer_embedding", Map.of("developer_email", "o'brien+tag@example.com",
                "profile_text", hostile));

        StoredVector stored = fixture.server.vector(INDEX, DEVELOPERS, "o'brien+tag@example.com").orElseThrow();
        assertThat(stored.metadata()).containsEntry("profile_text", hostile);
    }

    @Test
    void aTenKilobyteTextRoundTripsIntact() {
        String text = ("ten kB of text with emoji 🚀 and \"quotes\" ").repeat(250).substring(0, 10_000);
        ToolResult result = fixture.call("upsert_developer_embedding",
                Map.of("developer_email", "long@example.com", "profile_text", text));

        assertThat(result.value()).containsEntry("text_truncated", false);
        assertThat(fixture.server.vector(INDEX, DEVELOPERS, "long@example.com").orElseThrow().metadata())
                .containsEntry("profile_text", text);
    }

    @Test
    void aTextBeyondTheMetadataLimitIsCutAtACodePointAndSaysSo() {
        String text = "🚀".repeat(15_000); // 60 kB of UTF-8, within the 20000-character argument bound
        ToolResult result = fixture.call("upsert_developer_embedding",
                Map.of("developer_email", "huge@example.com", "profile_text", text));

        assertThat(result.value()).containsEntry("text_truncated", true);
        String stored = (String) fixture.server.vector(INDEX, DEVELOPERS, "huge@example.com").orElseThrow()
                .metadata().get("profile_text");
        assertThat(text).startsWith(stored);
        assertThat(stored.getBytes(StandardCharsets.UTF_8).length).isBetween(38_000, 40_000);
        assertThat(stored.codePoints().allMatch(c -> c == "🚀".codePointAt(0))).isTrue();
        assertThat(result.value().get("stored_text_chars")).isEqualTo(stored.codePointCount(0, stored.length()));
    }

    @Test
    void filterKeysCannotBeOperators() {
        for (Map<String, Object> filter : List.<Map<String, Object>>of(
                Map.of("$or", List.of(Map.of("team", "a"))),
                Map.of("team", Map.of("$where", "1 == 1")),
                Map.of("team", Map.of("$eq", Map.of("$ne", "x"))),
                Map.of("team", List.of(Map.of("$gt", 1))),
                Map.of("has space", "x"))) {
            assertThatThrownBy(() -> fixture.call("search_similar_developers_vector",
                    Map.of("query", "q", "filter", filter)))
                    .as(filter.toString()).isInstanceOf(InvalidArgumentsException.class)
                    .hasMessageContaining("filter");
        }
        assertThat(fixture.server.requests()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void hostileFilterValuesAreOnlyValues() {
        fixture.server.seed(INDEX, DEVELOPERS, List.of(new StoredVector("a@example.com",
                new TestingEmbedder(32).embed(List.of("x"), null).get(0), Map.of("team", "{\"$ne\": null}"))));

        List<Object> exact = (List<Object>) fixture.call("search_similar_developers_vector",
                Map.of("query", "q", "filter", Map.of("team", "{\"$ne\": null}"))).value().get("matches");
        List<Object> none = (List<Object>) fixture.call("search_similar_developers_vector",
                Map.of("query", "q", "filter", Map.of("team", "' OR 1=1 --"))).value().get("matches");

        assertThat(exact).hasSize(1);
        assertThat(none).isEmpty();
        assertThat(fixture.server.requests()).filteredOn(r -> r.operation().equals("Query"))
                .extracting(r -> r.detail())
                .containsExactly("{\"team\":{\"$eq\":\"{\\\"$ne\\\": null}\"}}", "{\"team\":{\"$eq\":\"' OR 1=1 --\"}}");
    }

    @Test
    void anEmailWithSpacesOrQuotesIsRefused() {
        for (String email : List.of("a b@example.com", "\"x\"@example.com", "a@b", "<a@example.com>")) {
            assertThatThrownBy(() -> fixture.call("delete_developer_embedding", Map.of("developer_email", email)))
                    .as(email).isInstanceOf(InvalidArgumentsException.class);
        }
    }
}
