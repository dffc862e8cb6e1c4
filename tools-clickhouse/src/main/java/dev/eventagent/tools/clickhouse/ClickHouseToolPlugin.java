package dev.eventagent.tools.clickhouse;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;

/**
 * ClickHouse tools: the event store, activity and DORA queries, and the audit trail.
 *
 * <p>Wired into the plugin framework; its tools are not built yet (see the module's issue), so
 * it contributes none.
 */
public final class ClickHouseToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(List.of());
    }
}
