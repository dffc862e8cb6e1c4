package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PermanentToolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded LRU cache of embeddings. */
class EmbeddingCacheTest {

    @Test
    void keepsTheMostRecentlyUsedTexts() {
        CountingEmbedder embedder = new CountingEmbedder(16);
        EmbeddingCache cache = new EmbeddingCache(embedder, 2, Metrics.noop());
        cache.embed("a", Embedder.InputType.QUERY);
        cache.embed("b", Embedder.InputType.QUERY);
        cache.embed("a", Embedder.InputType.QUERY);
        cache.embed("c", Embedder.InputType.QUERY); // evicts b, the least recently used
        assertThat(embedder.embeddedTexts()).isEqualTo(3);
        cache.embed("a", Embedder.InputType.QUERY);
        assertThat(embedder.embeddedTexts()).isEqualTo(3);
        cache.embed("b", Embedder.InputType.QUERY);
        assertThat(embedder.embeddedTexts()).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void returnsCopiesThatCallersCannotCorrupt() {
        EmbeddingCache cache = new EmbeddingCache(new CountingEmbedder(16), 10, Metrics.noop());
        float[] first = cache.embed("kubernetes", Embedder.InputType.PASSAGE);
        float expected = first[0];
        first[0] = 42f;
        assertThat(cache.embed("kubernetes", Embedder.InputType.PASSAGE)[0]).isEqualTo(expected);
    }

    @Test
    void sizeZeroTurnsItOff() {
        CountingEmbedder embedder = new CountingEmbedder(16);
        EmbeddingCache cache = new EmbeddingCache(embedder, 0, Metrics.noop());
        cache.embed("a", Embedder.InputType.QUERY);
        cache.embed("a", Embedder.InputType.QUERY);
        assertThat(embedder.embeddedTexts()).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusesAVectorOfTheWrongLength() {
        Embedder liar = new Embedder() {
            @Override
            public String name() {
                return "liar";
            }

            @Override
            public int dimension() {
                return 8;
            }

            @Override
            public List<float[]> embed(List<String> texts, InputType type) {
                return List.of(new float[4]);
            }
        };
        assertThatThrownBy(() -> new EmbeddingCache(liar, 1, Metrics.noop()).embed("x", Embedder.InputType.QUERY))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("'liar'")
                .hasMessageContaining("dimension 8");
    }
}
