package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check of what the shared embedder returns, before a vector is stored or searched with. */
class SingleTextEmbedderTest {

    @Test
    void embedsEveryCallThroughTheSharedEmbedderForTheEngineCachesIt() {
        CountingEmbedder embedder = new CountingEmbedder(16);
        SingleTextEmbedder single = new SingleTextEmbedder(embedder);
        float[] first = single.embed("kubernetes", Embedder.InputType.PASSAGE);
        float[] second = single.embed("kubernetes", Embedder.InputType.PASSAGE);
        assertThat(first).hasSize(16).isEqualTo(second);
        assertThat(embedder.embeddedTexts()).isEqualTo(2);
    }

    @Test
    void refusesAVectorOfTheWrongLength() {
        assertThatThrownBy(() -> new SingleTextEmbedder(lying(8, new float[4])).embed("x", Embedder.InputType.QUERY))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("'liar'")
                .hasMessageContaining("dimension 8");
    }

    @Test
    void refusesAVectorWithANonFiniteValue() {
        assertThatThrownBy(() -> new SingleTextEmbedder(lying(2, new float[] {1f, Float.NaN}))
                .embed("x", Embedder.InputType.QUERY))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("non-finite");
    }

    private static Embedder lying(int dimension, float[] vector) {
        return new Embedder() {
            @Override
            public String name() {
                return "liar";
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public List<float[]> embed(List<String> texts, InputType type) {
                return List.of(vector);
            }
        };
    }
}
