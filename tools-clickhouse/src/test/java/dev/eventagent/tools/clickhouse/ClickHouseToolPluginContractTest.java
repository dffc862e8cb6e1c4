package dev.eventagent.tools.clickhouse;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Set;

/** The SPI contract for the clickhouse plugin. Its tools are not built yet, so it must provide none. */
class ClickHouseToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new ClickHouseToolPlugin();
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of();
    }
}
