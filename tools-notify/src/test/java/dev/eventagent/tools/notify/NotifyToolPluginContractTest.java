package dev.eventagent.tools.notify;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Set;

/** The SPI contract for the notify plugin: exactly its three tools. */
class NotifyToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new NotifyToolPlugin();
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of("send_slack_notification", "send_email_notification", "create_github_comment");
    }
}
