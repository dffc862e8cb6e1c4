package dev.eventagent.tools.jira;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;

/**
 * Jira tools: assign, comment, transition and list unassigned issues.
 *
 * <p>Wired into the plugin framework; its tools are not built yet (see the module's issue), so
 * it contributes none.
 */
public final class JiraToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(List.of());
    }
}
