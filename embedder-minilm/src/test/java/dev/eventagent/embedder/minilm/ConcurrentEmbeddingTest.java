package dev.eventagent.embedder.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.eventagent.api.Embedder.InputType;
import dev.eventagent.testkit.TestingPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many callers at once, some before the model is loaded: one load, and every vector as alone. */
class ConcurrentEmbeddingTest {

    private static final List<String> TEXTS = List.of(
            "Kubernetes operator in Go", "React and TypeScript frontend", "PostgreSQL query tuning",
            "Incident response runbooks", "Kafka consumer lag alerts", "Terraform modules for AWS",
            "iOS app in Swift", "Data pipelines with Spark");

    @Test
    void concurrentCallersGetTheSameVectorsAsASingleCaller() throws Exception {
        MiniLmPlugin plugin = new MiniLmPlugin();
        try (MiniLmEmbedder embedder = (MiniLmEmbedder) plugin.create(TestingPluginContext.of(plugin,
                Map.of("threads", 2))).embedders().get(0)) {
            int callers = 8;
            int rounds = 6;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<List<float[]>>>> futures = new ArrayList<>();
            try {
                for (int c = 0; c < callers; c++) {
                    int caller = c;
                    futures.add(pool.submit(() -> {
                        start.await();
                        List<List<float[]>> results = new ArrayList<>();
                        for (int r = 0; r < rounds; r++) {
                            // odd callers send batches, even callers single texts
                            if (caller % 2 == 1) {
                                results.add(embedder.embed(TEXTS, InputType.PASSAGE));
                            } else {
                                List<float[]> singles = new ArrayList<>();
                                for (String text : TEXTS) {
                                    singles.add(embedder.embed(List.of(text), InputType.QUERY).get(0));
                                }
                                results.add(singles);
                            }
                        }
                        return results;
                    }));
                }
                start.countDown();
                List<float[]> reference = embedder.embed(TEXTS, InputType.PASSAGE);
                for (Future<List<List<float[]>>> future : futures) {
                    for (List<float[]> result : future.get(5, TimeUnit.MINUTES)) {
                        assertThat(result).hasSize(TEXTS.size());
                        for (int i = 0; i < TEXTS.size(); i++) {
                            assertThat(MiniLmEmbedderTest.cosine(result.get(i), reference.get(i)))
                                    .as(TEXTS.get(i)).isCloseTo(1.0, within(1e-5));
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(embedder.loaded()).isTrue();
        }
    }
}
