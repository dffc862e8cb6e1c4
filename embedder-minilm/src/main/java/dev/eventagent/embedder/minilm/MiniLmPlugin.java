package dev.eventagent.embedder.minilm;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;

/**
 * The local embedder plugin. Wired into the plugin framework; the embedder itself is not built
 * yet, so it contributes nothing.
 */
public final class MiniLmPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "local-minilm";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(List.of());
    }
}
