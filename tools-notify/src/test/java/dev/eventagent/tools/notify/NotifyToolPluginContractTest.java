package dev.eventagent.tools.notify;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Set;

/** The SPI contract for the notify plugin. Its tools are not built yet, so it must provide none. */
class NotifyToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new NotifyToolPlugin();
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of();
    }
}
