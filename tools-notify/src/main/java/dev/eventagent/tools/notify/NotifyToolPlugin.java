package dev.eventagent.tools.notify;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;

/**
 * Notification tools: Slack messages, e-mail and GitHub comments.
 *
 * <p>Wired into the plugin framework; its tools are not built yet (see the module's issue), so
 * it contributes none.
 */
public final class NotifyToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(List.of());
    }
}
