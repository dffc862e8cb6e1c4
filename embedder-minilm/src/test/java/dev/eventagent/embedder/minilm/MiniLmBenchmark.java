package dev.eventagent.embedder.minilm;

import dev.eventagent.api.Embedder.InputType;
import dev.eventagent.testkit.TestingPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small benchmark, not a test: model load time in a fresh JVM, then embeddings per second one
 * text per call and in batches. Run it with the module's test classpath:
 * {@code java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.eventagent.embedder.minilm.MiniLmBenchmark}.
 */
public final class MiniLmBenchmark {

    private MiniLmBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: the number of texts (default 256) and the batch size (default 32)
     */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("Developer " + i + " builds services with Kubernetes, Go and PostgreSQL, reviews pull "
                    + "requests, and is on call for the payments platform every " + (i % 7 + 1) + " weeks.");
        }
        MiniLmPlugin plugin = new MiniLmPlugin();
        long createStart = System.nanoTime();
        try (MiniLmEmbedder embedder = (MiniLmEmbedder) plugin.create(TestingPluginContext.of(plugin, Map.of()))
                .embedders().get(0)) {
            long createNanos = System.nanoTime() - createStart;
            long loadStart = System.nanoTime();
            embedder.embed(List.of("warm up"), InputType.QUERY);
            long firstCall = System.nanoTime() - loadStart;
            System.out.printf(Locale.ROOT, "create: %.1f ms; first call (loads the model): %.0f ms (load %d ms)%n",
                    createNanos / 1e6, firstCall / 1e6, embedder.loadMillis());
            for (int i = 0; i < 16; i++) {
                embedder.embed(List.of(texts.get(i)), InputType.PASSAGE);
            }
            long start = System.nanoTime();
            for (String text : texts) {
                embedder.embed(List.of(text), InputType.PASSAGE);
            }
            double single = count / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (int from = 0; from < count; from += batchSize) {
                embedder.embed(texts.subList(from, Math.min(count, from + batchSize)), InputType.PASSAGE);
            }
            double batched = count / ((System.nanoTime() - start) / 1e9);
            String longText = texts.get(0).repeat(60);
            start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                embedder.embed(List.of(longText), InputType.PASSAGE);
            }
            double longMillis = (System.nanoTime() - start) / 1e6 / 10;
            System.out.printf(Locale.ROOT, "%d processors; %d texts of ~%d chars: one per call %.0f/s, batches of %d "
                    + "%.0f/s; one text of %d chars: %.0f ms%n", Runtime.getRuntime().availableProcessors(), count,
                    texts.get(0).length(), single, batchSize, batched, Math.min(longText.length(), 8000), longMillis);
        }
    }
}
