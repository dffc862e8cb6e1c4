package dev.eventagent.embedder.minilm;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.Health;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;

/**
 * The local embedder plugin: provides the {@code local-minilm} embedder (all-MiniLM-L6-v2, 384
 * dimensions, in-process, no network) and no tools. It lives in its own plugin folder so that
 * trimmed distributions can leave its model and ONNX Runtime out.
 */
public final class MiniLmPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "local-minilm";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        MiniLmSettings settings = MiniLmSettings.of(context.config());
        MiniLmEmbedder embedder = new MiniLmEmbedder(settings, AllMiniLmL6V2EmbeddingModel::new);
        if (settings.preload()) {
            embedder.preload();
        }
        return new PluginInstance() {
            @Override
            public List<Embedder> embedders() {
                return List.of(embedder);
            }

            @Override
            public Health health() {
                return embedder.health();
            }

            @Override
            public void close() {
                embedder.close();
            }
        };
    }
}
