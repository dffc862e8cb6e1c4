package dev.eventagent.tools.jira;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Set;

/** The SPI contract for the jira plugin: its four tools, described for a model. */
class JiraToolPluginContractTest extends ToolPluginContract {

    @Override
    protected ToolPlugin plugin() {
        return new JiraToolPlugin();
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of("assign_jira_issue", "add_jira_comment", "update_jira_status", "get_unassigned_issues");
    }
}
