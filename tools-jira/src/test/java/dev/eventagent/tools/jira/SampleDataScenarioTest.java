package dev.eventagent.tools.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.PluginInstance;
import dev.eventagent.testing.jira.TestingJiraServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed scenario on the testing server's sample data, as {@code event-agent demo} runs it: a new
 * issue PROJ-456 is assigned, commented on and started; the report counts the effects.
 */
class SampleDataScenarioTest {

    @Test
    void theSeedIssueIsAssignedCommentedAndStarted() {
        try (TestingJiraServer jira = TestingJiraServer.start()) {
            jira.seedSampleData();
            PluginInstance plugin = new JiraToolPlugin().create(TestingPluginContext.of(new JiraToolPlugin(),
                    jira.pluginSettings()));
            try {
                Map<String, Object> open = JiraPluginFixture.call(plugin, "get_unassigned_issues",
                        Map.of("project_key", "PROJ", "limit", 10), "seed:list");
                JiraPluginFixture.call(plugin, "assign_jira_issue",
                        Map.of("issue_key", "PROJ-456", "assignee_email", "alice@company.com"), "seed:assign");
                JiraPluginFixture.call(plugin, "add_jira_comment", Map.of("issue_key", "PROJ-456", "comment",
                        "Assigned to alice@company.com: closest developer profile to the issue text."), "seed:comment");
                JiraPluginFixture.call(plugin, "update_jira_status",
                        Map.of("issue_key", "PROJ-456", "status", "In Progress"), "seed:start");

                assertThat(open.get("count")).isEqualTo(3);
                assertThat(jira.report().get(0)).endsWith("1 assignments, 1 comments, 1 transitions");
                assertThat(jira.report().get(1)).contains("PROJ-456 [In Progress, assigned alice@company.com,"
                        + " 1 comments]");
            } finally {
                plugin.close();
            }
        }
    }
}
