package dev.eventagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testing.TestingEmbedder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract applied to a well-formed plugin, and the testing context and embedder. */
class SamplePluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new SamplePlugin();
    }

    @Override
    protected Map<String, ?> settings() {
        return Map.of("greeting", "hi");
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of("greet");
    }

    @Test
    void settingsOverrideTheReference() {
        ToolCall call = new ToolCall("greet", Map.of("email", "a@b.io"), "e", "e/1", Instant.now().plusSeconds(5));
        assertThat(instance().tools().get(0).invoke(call).value()).containsEntry("text", "hi a@b.io");
    }

    @Test
    void testingEmbedderPutsTextsSharingWordsCloser() {
        TestingEmbedder embedder = new TestingEmbedder(64);
        List<float[]> v = embedder.embed(List.of("kubernetes operator in go", "go kubernetes operators",
                "react frontend styling"), Embedder.InputType.PASSAGE);
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)));
        assertThat(v.get(0)).hasSize(64);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
