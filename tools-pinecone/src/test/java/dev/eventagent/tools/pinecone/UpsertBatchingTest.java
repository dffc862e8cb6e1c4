package dev.eventagent.tools.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Embedder;
import dev.eventagent.testing.TestingEmbedder;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upserts that arrive together share one embed call and one upsert request. */
class UpsertBatchingTest {

    private static final CountingEmbedder EMBEDDER = new CountingEmbedder(new TestingEmbedder(48));
    private static PineconeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = PineconeFixture.start(EMBEDDER, Map.of("upsert-batch.linger", "100ms", "upsert-batch.max-size", 8));
        fixture.call("search_similar_issues", Map.of("query", "warm up"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aPushOfTwentyCommitsIsWrittenInFewRequests() throws Exception {
        fixture.server.reset();
        EMBEDDER.calls.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "dev" + (i % 15) + "@example.com"; // five developers committed twice
            String text = "commit " + i + " by " + email;
            calls.add(pool.submit(() -> {
                go.await();
                return fixture.call("upsert_developer_embedding", Map.of("developer_email", email,
                        "profile_text", text), "evt-push");
            }));
        }
        go.countDown();
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();

        System.out.println("20 concurrent upserts: " + fixture.server.count("Upsert") + " upsert requests, "
                + EMBEDDER.calls.get() + " embed calls");
        assertThat(fixture.server.vectorCount(TestingPineconeServer.INDEX, PineconeFixture.DEVELOPERS)).isEqualTo(15);
        assertThat(fixture.server.count("Upsert")).as("upsert requests of at most 8 vectors").isBetween(2L, 6L);
        assertThat(EMBEDDER.calls.get()).as("embed calls").isLessThan(5);
        assertThat(fixture.server.requests()).filteredOn(r -> r.operation().equals("Upsert"))
                .allSatisfy(r -> assertThat(r.items()).isLessThanOrEqualTo(8));
    }

    /** Counts the embedder's calls. */
    static final class CountingEmbedder implements Embedder {
        final AtomicInteger calls = new AtomicInteger();
        private final Embedder delegate;

        CountingEmbedder(Embedder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public List<float[]> embed(List<String> texts, InputType type) {
            calls.incrementAndGet();
            return delegate.embed(texts, type);
        }
    }
}
