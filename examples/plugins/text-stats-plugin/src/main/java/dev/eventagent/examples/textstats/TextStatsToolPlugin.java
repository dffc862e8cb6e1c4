package dev.eventagent.examples.textstats;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;

/**
 * The entry point of the example plugin, listed in
 * {@code META-INF/services/dev.eventagent.api.ToolPlugin}.
 *
 * <p>The engine instantiates it with the no-argument constructor to learn its {@link #name()},
 * then calls {@link #create(PluginContext)} once when the plugin is enabled. Its settings live
 * under {@code agent.plugins.text-stats}, documented in the plugin's own {@code reference.conf}.
 */
public final class TextStatsToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "text-stats";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        int maxCharacters = context.config().getInt("max-characters");
        if (maxCharacters < 1) {
            throw new IllegalArgumentException(context.config().path()
                    + ".max-characters must be at least 1, was " + maxCharacters);
        }
        return PluginInstance.of(List.of(new TextStatsTool(maxCharacters)));
    }
}
