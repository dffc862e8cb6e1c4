package dev.eventagent.tools.jira;

import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolResult;
import dev.eventagent.testing.jira.TestingJiraServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@link TestingJiraServer} and one jira plugin pointing at it per test class, with projects
 * PROJ and OPS allowed (and SECRET existing but not allowed). Tests use fresh issue keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JiraPluginFixture {

    private static final AtomicInteger ISSUE_NUMBER = new AtomicInteger(1);

    protected TestingJiraServer jira;
    protected PluginInstance plugin;
    private final List<PluginInstance> extraPlugins = new ArrayList<>();

    @BeforeAll
    final void startJira() {
        jira = TestingJiraServer.start();
        jira.project("PROJ", "API Gateway");
        jira.project("OPS", "Operations");
        jira.project("SECRET", "Not for the agent");
        plugin = createPlugin(Map.of());
    }

    @AfterAll
    final void stopJira() {
        extraPlugins.forEach(PluginInstance::close);
        if (plugin != null) {
            plugin.close();
        }
        if (jira != null) {
            jira.close();
        }
    }

    @BeforeEach
    final void forgetRequests() {
        jira.clearRequests();
    }

    /**
     * Another plugin instance over the same server (closed after the class).
     *
     * @param overrides settings over the fixture's
     * @return the instance
     */
    protected PluginInstance createPlugin(Map<String, ?> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>(jira.pluginSettings());
        settings.put("allowed-projects", List.of("PROJ", "OPS"));
        settings.putAll(overrides);
        PluginInstance created = new JiraToolPlugin().create(TestingPluginContext.of(new JiraToolPlugin(), settings));
        if (plugin != null) {
            extraPlugins.add(created);
        }
        return created;
    }

    /** @return a key of a new issue in PROJ, in status To Do */
    protected String newIssue(String summary) {
        return newIssue("PROJ", summary, "To Do");
    }

    /** @return a key of a new issue */
    protected String newIssue(String project, String summary, String status) {
        String key = project + "-" + ISSUE_NUMBER.getAndIncrement();
        jira.issue(key, summary, status, "Medium");
        return key;
    }

    /** Calls a tool of the fixture's plugin with a fresh idempotency key. */
    protected Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return call(plugin, tool, arguments, UUID.randomUUID().toString());
    }

    /** Calls a tool with a given idempotency key, as a redelivered event would. */
    protected static Map<String, Object> call(PluginInstance instance, String tool, Map<String, Object> arguments,
            String idempotencyKey) {
        return invoke(instance, new ToolCall(tool, arguments, "event-" + idempotencyKey, idempotencyKey,
                Instant.now().plus(Duration.ofSeconds(30)))).value();
    }

    /** Invokes a tool with a prepared call. */
    protected static ToolResult invoke(PluginInstance instance, ToolCall call) {
        Tool tool = instance.tools().stream().filter(t -> t.descriptor().name().equals(call.toolName())).findFirst()
                .orElseThrow();
        return tool.invoke(call);
    }
}
