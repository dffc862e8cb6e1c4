package dev.eventagent.tools.pinecone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.testing.TestingEmbedder;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first call's start-up: bootstrap of the index and the dimension check. */
class StartUpTest {

    private TestingPineconeServer server;

    @BeforeEach
    void start() {
        server = new TestingPineconeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDimensionMismatchIsPermanentAndNamesBothNumbers() {
        server.createIndex(TestingPineconeServer.INDEX, 1024);
        PluginInstance instance = PineconeFixture.create(server, new TestingEmbedder(384), Map.of());
        try {
            assertThatThrownBy(() -> PineconeFixture.call(instance, "upsert_developer_embedding",
                    Map.of("developer_email", "a@example.com", "profile_text", "x"), "e"))
                    .isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("dimension 1024").hasMessageContaining("dimension 384")
                    .hasMessageContaining("testing-bag-of-words");
            assertThat(instance.health().up()).isFalse();
            assertThat(instance.health().detail()).contains("1024", "384");
            assertThat(server.count("Upsert")).isZero();
        } finally {
            instance.close();
        }
    }

    @Test
    void bootstrapCreatesAMissingIndexOfTheEmbeddersDimensionOnce() {
        PluginInstance instance = PineconeFixture.create(server, new TestingEmbedder(96), Map.of());
        try {
            assertThat(instance.health().up()).isTrue();
            assertThat(instance.health().detail()).contains("does not exist yet");

            PineconeFixture.call(instance, "upsert_issue_embedding", Map.of("issue_key", "A-1", "text", "t"), "e1");
            PineconeFixture.call(instance, "upsert_issue_embedding", Map.of("issue_key", "A-2", "text", "t"), "e2");

            assertThat(server.count("create_index")).isEqualTo(1);
            assertThat(server.vector(TestingPineconeServer.INDEX, "issues", "A-1").orElseThrow().dimension())
                    .isEqualTo(96);
        } finally {
            instance.close();
        }
    }

    @Test
    void withoutBootstrapAMissingIndexIsPermanent() {
        PluginInstance instance = PineconeFixture.create(server, new TestingEmbedder(96), Map.of("bootstrap", false));
        try {
            assertThatThrownBy(() -> PineconeFixture.call(instance, "search_similar_issues", Map.of("query", "q"), "e"))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("does not exist")
                    .hasMessageContaining("dimension 96");
            assertThat(instance.health().up()).isFalse();
            assertThat(server.count("create_index")).isZero();
        } finally {
            instance.close();
        }
    }

    @Test
    void withoutAKeyItStartsAndSaysWhatIsMissing() {
        PluginInstance instance = PineconeFixture.create(server, new TestingEmbedder(96), Map.of("api-key", ""));
        try {
            assertThat(instance.tools()).hasSize(5);
            assertThat(instance.health().detail()).contains("api-key", "PINECONE_API_KEY");
            assertThatThrownBy(() -> PineconeFixture.call(instance, "search_similar_issues", Map.of("query", "q"), "e"))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("PINECONE_API_KEY");
        } finally {
            instance.close();
        }
    }

    @Test
    void invalidSettingsFailCreateNamingTheKey() {
        assertThatThrownBy(() -> PineconeFixture.create(server, new TestingEmbedder(8), Map.of("index", "Bad Name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent.plugins.pinecone.index");
        assertThatThrownBy(() -> PineconeFixture.create(server, new TestingEmbedder(8),
                Map.of("metadata-max-bytes", 50_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata-max-bytes");
    }
}
