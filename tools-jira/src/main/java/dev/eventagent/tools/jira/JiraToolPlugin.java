package dev.eventagent.tools.jira;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jira tools over Jira Cloud REST v3: {@code assign_jira_issue}, {@code add_jira_comment},
 * {@code update_jira_status} and {@code get_unassigned_issues}.
 *
 * <p>{@link #create(PluginContext)} builds one HTTP client without connecting, so the plugin starts
 * while Jira is unreachable; calls then fail as transient and {@code health()} says why. Jira has
 * no schema to bootstrap. See docs/tools/jira.md.
 */
public final class JiraToolPlugin implements ToolPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(JiraToolPlugin.class);

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("api-token");
    }

    /**
     * Creates the plugin without contacting Jira.
     *
     * @param context the plugin's config, secrets and shared services
     * @return the instance with its four tools
     * @throws IllegalArgumentException naming the key when a setting is wrong
     */
    @Override
    public PluginInstance create(PluginContext context) {
        JiraSettings settings = JiraSettings.from(context.config(), context.secret("api-token").orElse(""));
        if (settings.allowedProjects().isEmpty()) {
            LOG.warn("agent.plugins.jira.allowed-projects is empty: the Jira tools may touch every project the"
                    + " token can see; list the project keys to restrict them");
        }
        if (settings.apiToken().isEmpty()) {
            LOG.warn("agent.plugins.jira.api-token is not set (JIRA_API_TOKEN): Jira calls will fail until it is");
        }
        ObjectMapper mapper = new ObjectMapper();
        JiraTransport transport = new JiraTransport(settings, mapper, context.metrics(), context.clock());
        JiraRestClient client = new JiraRestClient(transport, mapper);
        JiraArguments arguments = new JiraArguments(settings);
        return new JiraPluginInstance(settings, transport, client, List.of(
                new AssignJiraIssue(client, arguments).tool(),
                new AddJiraComment(client, arguments, settings, mapper).tool(),
                new UpdateJiraStatus(client, arguments).tool(),
                new GetUnassignedIssues(client, arguments, settings).tool()));
    }
}
