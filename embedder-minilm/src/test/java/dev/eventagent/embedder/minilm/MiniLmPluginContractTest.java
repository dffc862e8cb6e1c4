package dev.eventagent.embedder.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SPI contract: no tools, one embedder, created without loading the model. */
class MiniLmPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new MiniLmPlugin();
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of();
    }

    @Test
    void providesTheLocalMiniLmEmbedderWith384Dimensions() {
        assertThat(instance().embedders()).singleElement().satisfies(embedder -> {
            assertThat(embedder.name()).isEqualTo("local-minilm");
            assertThat(embedder.dimension()).isEqualTo(384);
        });
    }

    @Test
    void createLoadsNothingAndHealthSaysSo() {
        Embedder embedder = instance().embedders().get(0);
        assertThat(((MiniLmEmbedder) embedder).loaded()).isFalse();
        assertThat(instance().health().up()).isTrue();
        assertThat(instance().health().detail()).contains("loads on first use");
    }
}
