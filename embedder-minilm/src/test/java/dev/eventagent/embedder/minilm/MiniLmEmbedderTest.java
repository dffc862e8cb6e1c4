package dev.eventagent.embedder.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.eventagent.api.Embedder.InputType;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.testkit.TestingPluginContext;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 model: meaning, normalisation, batches, odd input, class loaders. */
class MiniLmEmbedderTest {

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void create() {
        MiniLmPlugin plugin = new MiniLmPlugin();
        embedder = (MiniLmEmbedder) plugin.create(TestingPluginContext.of(plugin, Map.of())).embedders().get(0);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void loadsTheModelOnFirstUseAndReportsHowLongItTook() {
        embedder.embed(List.of("warm up"), InputType.QUERY);
        assertThat(embedder.loaded()).isTrue();
        assertThat(embedder.loadMillis()).isNotNegative();
        assertThat(embedder.health().detail()).contains("loaded in");
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        List<float[]> vectors = embedder.embed(List.of(
                "Builds Kubernetes operators in Go",
                "Writes Go controllers for Kubernetes custom resources",
                "Bakes sourdough bread and pastries every morning",
                "The cat sleeps on the warm windowsill"), InputType.PASSAGE);
        double related = cosine(vectors.get(0), vectors.get(1));
        assertThat(related).isGreaterThan(cosine(vectors.get(0), vectors.get(2)) + 0.2)
                .isGreaterThan(cosine(vectors.get(0), vectors.get(3)) + 0.2)
                .isGreaterThan(cosine(vectors.get(1), vectors.get(2)) + 0.2);
        List<float[]> query = embedder.embed(List.of("Kubernetes operator in Go"), InputType.QUERY);
        assertThat(cosine(query.get(0), vectors.get(0))).isGreaterThan(cosine(query.get(0), vectors.get(2)));
    }

    @Test
    void returns384UnitLengthVectorsInOrder() {
        List<String> texts = List.of("alpha", "beta release notes", "gamma ray burst", "delta lake tables");
        List<float[]> batch = embedder.embed(texts, InputType.PASSAGE);
        assertThat(batch).hasSize(4).allSatisfy(vector -> {
            assertThat(vector).hasSize(384);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        });
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embed(List.of(texts.get(i)), InputType.PASSAGE).get(0);
            assertThat(cosine(single, batch.get(i))).as("text %d alone and in the batch", i)
                    .isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void queriesAndPassagesAreEmbeddedAlike() {
        float[] query = embedder.embed(List.of("incident on the payments API"), InputType.QUERY).get(0);
        float[] passage = embedder.embed(List.of("incident on the payments API"), InputType.PASSAGE).get(0);
        assertThat(cosine(query, passage)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void anEmptyListNeedsNoModel() {
        assertThat(embedder.embed(List.of(), InputType.QUERY)).isEmpty();
    }

    @Test
    void refusesEmptyBlankAndNullTextsNamingWhichOne() {
        assertThatThrownBy(() -> embedder.embed(List.of("fine", ""), InputType.PASSAGE))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("text 2 of 2 is empty or blank");
        assertThatThrownBy(() -> embedder.embed(List.of(" \n\t "), InputType.QUERY))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("text 1 of 1");
        assertThatThrownBy(() -> embedder.embed(Arrays.asList("fine", null), InputType.QUERY))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("is null");
    }

    @Test
    void cutsVeryLongTextsToMaxTextCharsSoTheirCostIsBounded() {
        String sentence = "Platform engineer who writes Kubernetes operators in Go and reviews Helm charts. ";
        String huge = sentence.repeat(1_000_000 / sentence.length() + 1);
        long start = System.nanoTime();
        float[] hugeVector = embedder.embed(List.of(huge), InputType.PASSAGE).get(0);
        long millis = (System.nanoTime() - start) / 1_000_000;
        float[] cutVector = embedder.embed(List.of(MiniLmEmbedder.cut(huge, 8000)), InputType.PASSAGE).get(0);
        assertThat(cosine(hugeVector, cutVector)).isCloseTo(1.0, within(1e-6));
        assertThat(norm(hugeVector)).isCloseTo(1.0, within(1e-4));
        // a sanity bound only (the cut text is ~2 000 word pieces); not a timing test
        assertThat(millis).isLessThan(60_000);
    }

    @Test
    void textsPastTheModelsWindowAreAveragedNotDropped() {
        String head = "Kubernetes operators written in Go. ".repeat(120);
        String tail = "Sourdough bread baking and pastry recipes. ".repeat(120);
        float[] both = embedder.embed(List.of(head + tail), InputType.PASSAGE).get(0);
        float[] tailOnly = embedder.embed(List.of(tail), InputType.PASSAGE).get(0);
        float[] unrelated = embedder.embed(List.of("Kubernetes operators written in Go."), InputType.PASSAGE).get(0);
        // the tail lies beyond the first 510 word pieces and still moves the vector
        assertThat(cosine(both, tailOnly)).isGreaterThan(cosine(unrelated, tailOnly) + 0.1);
    }

    @Test
    void cutKeepsWordsAndSurrogatePairsWhole() {
        assertThat(MiniLmEmbedder.cut("short", 10)).isEqualTo("short");
        assertThat(MiniLmEmbedder.cut("abcdefghijklmnopqr stuvwxyz", 20)).isEqualTo("abcdefghijklmnopqr");
        assertThat(MiniLmEmbedder.cut("abcdefghij klmnopqrstuvwxyz", 20)).isEqualTo("abcdefghij klmnopqrs");
        String emoji = "ab\uD83D\uDE80cd";
        assertThat(MiniLmEmbedder.cut(emoji, 3)).isEqualTo("ab");
    }

    @Test
    void embedsHostileAndUnicodeTextsLikeAnyOther() {
        List<float[]> vectors = embedder.embed(List.of("'; DROP TABLE profiles; --", "MATCH (n) DETACH DELETE n",
                "\uD83D\uDE80 d\u00e9ploiement r\u00e9ussi \u2014 \u65e5\u672c\u8a9e", "\u0000\u0001 control"),
                InputType.PASSAGE);
        assertThat(vectors).hasSize(4).allSatisfy(vector -> assertThat(norm(vector)).isCloseTo(1.0, within(1e-4)));
    }

    @Test
    void worksWhateverTheCallersContextClassLoader() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(blind);
            MiniLmPlugin plugin = new MiniLmPlugin();
            try (MiniLmEmbedder other = (MiniLmEmbedder) plugin.create(TestingPluginContext.of(plugin, Map.of()))
                    .embedders().get(0)) {
                assertThat(other.embed(List.of("a caller from another plugin"), InputType.QUERY).get(0)).hasSize(384);
                assertThat(thread.getContextClassLoader()).isSameAs(blind);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void aClosedEmbedderRefusesCalls() {
        MiniLmPlugin plugin = new MiniLmPlugin();
        MiniLmEmbedder closed = (MiniLmEmbedder) plugin.create(TestingPluginContext.of(plugin, Map.of()))
                .embedders().get(0);
        closed.close();
        assertThatThrownBy(() -> closed.embed(List.of("a", "b"), InputType.QUERY))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("closed");
        assertThat(closed.health().up()).isFalse();
    }

    @Test
    void aModelThatFailsToLoadIsReportedAndNotRetriedForEverCall() {
        int[] attempts = {0};
        MiniLmEmbedder broken = new MiniLmEmbedder(new MiniLmSettings(100, 1, false), executor -> {
            attempts[0]++;
            throw new IllegalStateException("no such model file");
        });
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> broken.embed(List.of("x"), InputType.QUERY))
                        .isInstanceOf(PermanentToolException.class).hasMessageContaining("no such model file");
            }
            assertThat(attempts[0]).isEqualTo(1);
            assertThat(broken.health().up()).isFalse();
            assertThat(broken.health().detail()).contains("failed to load").contains("no such model file");
        } finally {
            broken.close();
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }
}
