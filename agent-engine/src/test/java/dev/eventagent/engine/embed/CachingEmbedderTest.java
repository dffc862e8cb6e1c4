package dev.eventagent.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.plugin.EmbedderDirectory;
import dev.eventagent.testing.TestingEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's embedding cache, counted at the embedder underneath. */
class CachingEmbedderTest {

    /** A bag-of-words embedder that counts the texts and calls it gets, and can be told to fail. */
    static final class CountingEmbedder implements Embedder {
        private final String name;
        private final TestingEmbedder words = new TestingEmbedder(16);
        final AtomicInteger texts = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;

        CountingEmbedder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int dimension() {
            return 16;
        }

        @Override
        public List<float[]> embed(List<String> input, InputType type) {
            calls.incrementAndGet();
            if (failing) {
                throw new TransientToolException("down", null);
            }
            texts.addAndGet(input.size());
            return words.embed(input, type);
        }
    }

    @Test
    void identicalTextsAreEmbeddedOnce() {
        CountingEmbedder counting = new CountingEmbedder("counting");
        Embedder cached = new CachingEmbedder(counting, new EmbeddingCache(100));
        List<float[]> first = cached.embed(List.of("go", "rust", "go"), Embedder.InputType.PASSAGE);
        List<float[]> second = cached.embed(List.of("rust", "kotlin", "go"), Embedder.InputType.PASSAGE);

        assertThat(counting.texts.get()).as("go, rust, then only kotlin").isEqualTo(3);
        assertThat(counting.calls.get()).isEqualTo(2);
        assertThat(first.get(0)).isEqualTo(first.get(2)).isEqualTo(second.get(2));
        assertThat(second.get(0)).isEqualTo(first.get(1));
        assertThat(cached.embed(List.of("go", "rust", "kotlin"), Embedder.InputType.PASSAGE)).hasSize(3);
        assertThat(counting.calls.get()).as("all cached: no call").isEqualTo(2);
    }

    @Test
    void inputTypesAndEmbeddersAreCachedApart() {
        EmbeddingCache cache = new EmbeddingCache(100);
        CountingEmbedder a = new CountingEmbedder("a");
        CountingEmbedder b = new CountingEmbedder("b");
        new CachingEmbedder(a, cache).embed(List.of("go"), Embedder.InputType.QUERY);
        new CachingEmbedder(a, cache).embed(List.of("go"), Embedder.InputType.PASSAGE);
        new CachingEmbedder(b, cache).embed(List.of("go"), Embedder.InputType.QUERY);
        new CachingEmbedder(a, cache).embed(List.of("go"), Embedder.InputType.QUERY);
        assertThat(a.texts.get()).isEqualTo(2);
        assertThat(b.texts.get()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void keepsAtMostItsBoundAndKeepsATextThatIsUsedOften() {
        CountingEmbedder counting = new CountingEmbedder("counting");
        EmbeddingCache cache = new EmbeddingCache(50);
        Embedder cached = new CachingEmbedder(counting, cache);
        for (int i = 0; i < 500; i++) {
            cached.embed(List.of("Kubernetes operator in Go"), Embedder.InputType.QUERY);
            cached.embed(List.of("one-off text " + i), Embedder.InputType.QUERY);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(50);
        assertThat(counting.texts.get()).as("the frequent text once, each one-off text once").isEqualTo(501);
        int before = counting.texts.get();
        cached.embed(List.of("Kubernetes operator in Go"), Embedder.InputType.QUERY);
        assertThat(counting.texts.get()).as("still cached").isEqualTo(before);
        assertThat(cache.hits()).isEqualTo(500);
        assertThat(cache.misses()).isEqualTo(501);
    }

    @Test
    void callersGetCopiesSoNoneCanChangeAnothersVector() {
        Embedder cached = new CachingEmbedder(new CountingEmbedder("c"), new EmbeddingCache(10));
        float[] first = cached.embed(List.of("go"), Embedder.InputType.QUERY).get(0);
        float[] original = first.clone();
        first[0] = 42f;
        assertThat(cached.embed(List.of("go"), Embedder.InputType.QUERY).get(0)).isEqualTo(original);
    }

    @Test
    void failuresAreNotCached() {
        CountingEmbedder counting = new CountingEmbedder("c");
        Embedder cached = new CachingEmbedder(counting, new EmbeddingCache(10));
        counting.failing = true;
        assertThatThrownBy(() -> cached.embed(List.of("go"), Embedder.InputType.QUERY))
                .isInstanceOf(TransientToolException.class);
        counting.failing = false;
        assertThat(cached.embed(List.of("go"), Embedder.InputType.QUERY)).hasSize(1);
        assertThat(counting.calls.get()).isEqualTo(2);
    }

    @Test
    void concurrentCallersShareTheCacheWithinItsBound() throws Exception {
        CountingEmbedder counting = new CountingEmbedder("c");
        EmbeddingCache cache = new EmbeddingCache(50);
        Embedder cached = new CachingEmbedder(counting, cache);
        List<float[]> reference = new TestingEmbedder(16).embed(texts(0, 100), Embedder.InputType.QUERY);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 7;
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        int from = (offset + round) % 90;
                        List<float[]> vectors = cached.embed(texts(from, from + 10), Embedder.InputType.QUERY);
                        for (int i = 0; i < 10; i++) {
                            assertThat(vectors.get(i)).isEqualTo(reference.get(from + i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(50);
        assertThat(cache.hits()).isPositive();
        assertThat(counting.texts.get()).isLessThan(8 * 50 * 10);
    }

    @Test
    void theDirectoryWrapsEveryEmbedderSoTheSelectedHandleIsCached() {
        CountingEmbedder counting = new CountingEmbedder("counting");
        EmbedderDirectory directory = new EmbedderDirectory("counting", 100);
        directory.addBuiltIn(counting);
        Embedder handle = directory.selected();
        handle.embed(List.of("Kubernetes operator in Go"), Embedder.InputType.QUERY);
        handle.embed(List.of("Kubernetes operator in Go"), Embedder.InputType.QUERY);
        assertThat(counting.texts.get()).isEqualTo(1);
        assertThat(directory.all().get("counting")).isInstanceOf(CachingEmbedder.class);
        assertThat(directory.cache()).hasValueSatisfying(cache -> assertThat(cache.hits()).isEqualTo(1));

        CountingEmbedder uncounted = new CountingEmbedder("plain");
        EmbedderDirectory off = new EmbedderDirectory("plain", 0);
        off.addBuiltIn(uncounted);
        off.selected().embed(List.of("go"), Embedder.InputType.QUERY);
        off.selected().embed(List.of("go"), Embedder.InputType.QUERY);
        assertThat(uncounted.texts.get()).isEqualTo(2);
        assertThat(off.cache()).isEmpty();
    }

    private static List<String> texts(int from, int to) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            texts.add("text " + i + " word" + i);
        }
        return texts;
    }
}
