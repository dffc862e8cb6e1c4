package dev.eventagent.tools.pinecone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.TestingEmbedder;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures from Pinecone are mapped to the SPI's categories: throttling and unavailability are
 * transient (the engine retries; here a second call succeeds), refusals are permanent.
 */
class FailureMappingTest {

    private static final Map<String, Object> UPSERT = Map.of("developer_email", "ana@example.com",
            "profile_text", "Kafka and Kotlin");
    private static PineconeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = PineconeFixture.start(new TestingEmbedder(64), Map.of());
        fixture.call("search_similar_issues", Map.of("query", "warm up: start-up done"));
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
    void throttledUpsertIsTransientWithTheServersDelayAndTheRetrySucceeds() {
        fixture.server.failNextGrpcCalls(1, Status.Code.RESOURCE_EXHAUSTED, Duration.ofSeconds(2));

        assertThatThrownBy(() -> fixture.call("upsert_developer_embedding", UPSERT, "evt-429"))
                .asInstanceOf(throwable(TransientToolException.class))
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)))
                .hasMessageContaining("RESOURCE_EXHAUSTED");
        fixture.call("upsert_developer_embedding", UPSERT, "evt-429");

        assertThat(fixture.server.vectorCount(TestingPineconeServer.INDEX, PineconeFixture.DEVELOPERS)).isEqualTo(1);
    }

    @Test
    void unavailableAndInternalAreTransient() {
        fixture.server.failNextGrpcCalls(1, Status.Code.UNAVAILABLE, null);
        assertThatThrownBy(() -> fixture.call("search_similar_developers_vector", Map.of("query", "kafka")))
                .asInstanceOf(throwable(TransientToolException.class))
                .satisfies(e -> assertThat(e.retryAfter()).isEmpty());
        fixture.server.failNextGrpcCalls(1, Status.Code.INTERNAL, null);
        assertThatThrownBy(() -> fixture.call("delete_developer_embedding", Map.of("developer_email", "a@example.com")))
                .isInstanceOf(TransientToolException.class);

        assertThat(fixture.call("search_similar_developers_vector", Map.of("query", "kafka")).value())
                .containsKey("matches");
    }

    @Test
    void refusedRequestsArePermanent() {
        fixture.server.failNextGrpcCalls(1, Status.Code.INVALID_ARGUMENT, null);
        assertThatThrownBy(() -> fixture.call("upsert_issue_embedding", Map.of("issue_key", "A-1", "text", "t")))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("INVALID_ARGUMENT");
    }

    @Test
    void aWrongKeyIsPermanentAndNamesTheSetting() {
        PluginInstance wrongKey = PineconeFixture.create(fixture.server, fixture.embedder, Map.of("api-key", "wrong"));
        try {
            assertThatThrownBy(() -> PineconeFixture.call(wrongKey, "search_similar_issues", Map.of("query", "q"), "e"))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("401")
                    .hasMessageContaining("api-key");
            assertThat(wrongKey.health().up()).isFalse();
        } finally {
            wrongKey.close();
        }
    }

    @Test
    void throttledStartUpIsTransientAndTheNextCallStarts() {
        PluginInstance fresh = PineconeFixture.create(fixture.server, fixture.embedder, Map.of());
        try {
            fixture.server.failNextHttpRequests(1, 429, Duration.ofSeconds(3));
            assertThatThrownBy(() -> PineconeFixture.call(fresh, "search_similar_issues", Map.of("query", "q"), "e"))
                    .asInstanceOf(throwable(TransientToolException.class))
                    .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
            fixture.server.failNextHttpRequests(1, 503, null);
            assertThatThrownBy(() -> PineconeFixture.call(fresh, "search_similar_issues", Map.of("query", "q"), "e"))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("503");

            assertThat(PineconeFixture.call(fresh, "search_similar_issues", Map.of("query", "q"), "e").value())
                    .containsKey("matches");
        } finally {
            fresh.close();
        }
    }

    @Test
    void anUnreachablePineconeIsTransientAndHealthSaysDown() {
        PluginInstance offline = PineconeFixture.create(fixture.server, fixture.embedder,
                Map.of("api-url", "http://127.0.0.1:9"));
        try {
            assertThatThrownBy(() -> PineconeFixture.call(offline, "upsert_developer_embedding", UPSERT, "e"))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("no answer");
            assertThat(offline.health().up()).isFalse();
            assertThat(offline.health().detail()).contains("event-agent");
        } finally {
            offline.close();
        }
    }

    @Test
    void aStoppedDataPlaneIsTransient() {
        TestingPineconeServer other = new TestingPineconeServer();
        PluginInstance instance = PineconeFixture.create(other, fixture.embedder, Map.of());
        try {
            other.createIndex(TestingPineconeServer.INDEX, 64);
            PineconeFixture.call(instance, "upsert_developer_embedding", UPSERT, "e1");
            other.deleteIndex(TestingPineconeServer.INDEX); // its gRPC server stops

            assertThatThrownBy(() -> PineconeFixture.call(instance, "upsert_developer_embedding", UPSERT, "e2"))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("UNAVAILABLE");
        } finally {
            instance.close();
            other.close();
        }
    }

    @Test
    void healthReportsTheIndexAndItsVectors() {
        fixture.call("upsert_developer_embedding", UPSERT);

        assertThat(fixture.instance.health().up()).isTrue();
        assertThat(fixture.instance.health().detail()).contains("event-agent", "dimension 64", "developer_profiles 1");
    }
}
