package dev.eventagent.tools.pinecone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.TestingEmbedder;
import dev.eventagent.testing.pinecone.RecordedRequest;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pinecone-inference embedder over the Inference /embed endpoint, alone and behind the tools. */
class InferenceEmbedderTest {

    private static TestingPineconeServer server;
    private static PluginInstance provider;
    private static Embedder inference;

    @BeforeAll
    static void start() {
        server = new TestingPineconeServer();
        server.createIndex(TestingPineconeServer.INDEX, 1024);
        provider = PineconeFixture.create(server, new TestingEmbedder(1024), Map.of());
        inference = provider.embedders().get(0);
    }

    @AfterAll
    static void stop() {
        provider.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void isNamedAndSizedForMultilingualE5Large() {
        assertThat(provider.embedders()).hasSize(1);
        assertThat(inference.name()).isEqualTo("pinecone-inference");
        assertThat(inference.dimension()).isEqualTo(1024);
    }

    @Test
    void embedsInBatchesOf96WithTheInputType() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add("text " + i);
        }
        List<float[]> vectors = inference.embed(texts, Embedder.InputType.PASSAGE);

        assertThat(vectors).hasSize(200).allSatisfy(v -> assertThat(v).hasSize(1024));
        assertThat(vectors.get(7)).isEqualTo(new TestingEmbedder(1024).embed(List.of("text 7"), null).get(0));
        assertThat(server.requests()).extracting(RecordedRequest::items).containsExactly(96, 96, 8);
        assertThat(server.requests()).extracting(RecordedRequest::detail).containsOnly("passage");
    }

    @Test
    void throttlingIsTransientWithRetryAfterAndRefusalsArePermanent() {
        server.failNextHttpRequests(1, 429, Duration.ofSeconds(4));
        assertThatThrownBy(() -> inference.embed(List.of("x"), Embedder.InputType.QUERY))
                .asInstanceOf(throwable(TransientToolException.class))
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(4)));
        server.failNextHttpRequests(1, 400, null);
        assertThatThrownBy(() -> inference.embed(List.of("x"), Embedder.InputType.QUERY))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("400");
        assertThat(inference.embed(List.of("x"), Embedder.InputType.QUERY)).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theToolsUsePassagesToStoreAndQueriesToSearch() {
        PluginInstance tools = PineconeFixture.create(server, inference, Map.of());
        try {
            PineconeFixture.call(tools, "upsert_developer_embedding", Map.of("developer_email", "ana@example.com",
                    "profile_text", "payments Kafka Kotlin"), "e1");
            List<Map<String, Object>> matches = (List<Map<String, Object>>) PineconeFixture.call(tools,
                    "search_similar_developers_vector", Map.of("query", "Kafka payments"), "e2").value().get("matches");

            assertThat(matches).extracting(m -> m.get("email")).containsExactly("ana@example.com");
            assertThat(server.requests()).filteredOn(r -> r.operation().equals("embed"))
                    .extracting(RecordedRequest::detail).containsExactly("passage", "query");
        } finally {
            tools.close();
        }
    }
}
