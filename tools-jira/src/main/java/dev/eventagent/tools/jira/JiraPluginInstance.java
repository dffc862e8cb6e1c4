package dev.eventagent.tools.jira;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Health;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolException;
import java.util.List;

/** The jira plugin's tools over one {@link JiraTransport}, its health probe and its shutdown. */
final class JiraPluginInstance implements PluginInstance {

    private final JiraSettings settings;
    private final JiraTransport transport;
    private final JiraRestClient client;
    private final List<Tool> tools;

    JiraPluginInstance(JiraSettings settings, JiraTransport transport, JiraRestClient client, List<Tool> tools) {
        this.settings = requireNonNull(settings, "settings is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.client = requireNonNull(client, "client is null");
        this.tools = List.copyOf(tools);
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    /** Probes {@code GET /rest/api/3/myself} with {@code health-timeout}; never throws. */
    @Override
    public Health health() {
        String projects = settings.allowedProjects().isEmpty() ? "all projects allowed"
                : "projects " + String.join(", ", settings.allowedProjects().stream().sorted().toList());
        try {
            JiraRestClient.User myself = client.myself(settings.healthTimeout());
            return Health.up(transport.site() + ": Jira as " + myself.displayName() + " (" + myself.accountId()
                    + "), " + projects);
        } catch (ToolException e) {
            return Health.down(e.getMessage());
        } catch (RuntimeException e) {
            return Health.down(transport.site() + ": " + e);
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
