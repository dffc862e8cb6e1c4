package dev.eventagent.tools.pinecone;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Set;

/** The SPI contract for the pinecone plugin. Its tools are not built yet, so it must provide none. */
class PineconeToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new PineconeToolPlugin();
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of();
    }
}
