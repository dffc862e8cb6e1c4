package dev.eventagent.tools.pinecone;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;

/**
 * Pinecone tools: developer and issue embeddings, vector upsert, search and delete.
 *
 * <p>Wired into the plugin framework; its tools are not built yet (see the module's issue), so
 * it contributes none.
 */
public final class PineconeToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "pinecone";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(List.of());
    }
}
