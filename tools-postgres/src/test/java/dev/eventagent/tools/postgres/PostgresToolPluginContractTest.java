package dev.eventagent.tools.postgres;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Set;

/** The SPI contract for the postgres plugin. Its tools are not built yet, so it must provide none. */
class PostgresToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new PostgresToolPlugin();
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of();
    }
}
