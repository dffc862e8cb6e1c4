package dev.eventagent.engine.graph;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.api.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fakes of the tools the seed's default routes name, with schemas and results like the real
 * ones', so that the shipped routes ({@link ShippedRoutes}) can be run end to end through the engine.
 */
public final class SeedToolsPlugin implements ToolPlugin {

    private static final String EMAIL = "{\"type\":\"string\",\"format\":\"email\"}";

    private final Map<String, FakeTool> tools = new LinkedHashMap<>();
    private volatile double loadScore = 1.25;

    /** Creates the fakes. */
    public SeedToolsPlugin() {
        add(new FakeTool("insert_commit_event", EffectKind.WRITE, Risk.LOW, "{\"type\":\"object\","
                + "\"required\":[\"project_id\",\"developer_email\",\"commit_data\"],\"additionalProperties\":false,"
                + "\"properties\":{\"project_id\":{\"type\":\"string\"},\"developer_email\":" + EMAIL + ","
                + "\"commit_data\":{\"type\":\"object\",\"required\":[\"sha\"]}}}", call -> ToolResult.of("stored", true)));
        add(new FakeTool("add_contribution_relationship", EffectKind.WRITE, Risk.LOW, object("developer_email", "project_id"),
                call -> ToolResult.of("updated", true)));
        add(new FakeTool("upsert_developer_embedding", EffectKind.WRITE, Risk.LOW,
                object("developer_email", "profile_text"), call -> ToolResult.of("upserted", true)));
        add(new FakeTool("insert_jira_event", EffectKind.WRITE, Risk.LOW, object("project_id", "issue_data"),
                call -> ToolResult.of("stored", true)));
        add(new FakeTool("search_similar_developers_vector", EffectKind.READ, Risk.LOW, object("query"),
                call -> ToolResult.of("matches", List.of(Map.of("email", "bob@company.com", "score", 0.91),
                        Map.of("email", "carol@company.com", "score", 0.72)))));
        add(new FakeTool("assign_jira_issue", EffectKind.EXTERNAL, Risk.HIGH, "{\"type\":\"object\","
                + "\"required\":[\"issue_key\",\"assignee_email\"],\"properties\":{\"issue_key\":{\"type\":\"string\"},"
                + "\"assignee_email\":" + EMAIL + "}}", call -> {
                    Map<String, Object> assigned = new LinkedHashMap<>();
                    assigned.put("issue_key", call.arguments().get("issue_key"));
                    assigned.put("assignee_email", call.arguments().get("assignee_email"));
                    assigned.put("account_id", "acct-" + call.arguments().get("assignee_email"));
                    assigned.put("display_name", "Assignee");
                    assigned.put("changed", true);
                    return ToolResult.of(assigned);
                }));
        add(new FakeTool("record_task_assignment", EffectKind.WRITE, Risk.LOW,
                object("issue_key", "assignee_email", "reason"), call -> ToolResult.of("recorded", true)));
        add(new FakeTool("get_team_workload", EffectKind.READ, Risk.LOW, object("developer_emails"),
                call -> ToolResult.of("developers", List.of(Map.of("developer_email",
                        ((List<?>) call.arguments().get("developer_emails")).get(0), "open_assignments", 3,
                        "load_score", loadScore)))));
        add(new FakeTool("send_slack_notification", EffectKind.EXTERNAL, Risk.MEDIUM, object("channel", "message"),
                call -> ToolResult.of("sent", true)));
        add(new FakeTool("send_email_notification", EffectKind.EXTERNAL, Risk.MEDIUM, "{\"type\":\"object\","
                + "\"required\":[\"to\",\"subject\",\"body\"],\"properties\":{\"to\":" + EMAIL + "}}",
                call -> ToolResult.of("sent", true)));
    }

    /**
     * Sets the load score the workload fake answers (1.25 unless set).
     *
     * @param score the score
     */
    public void loadScore(double score) {
        this.loadScore = score;
    }

    private static String object(String... required) {
        return "{\"type\":\"object\",\"required\":[\"" + String.join("\",\"", required) + "\"]}";
    }

    private void add(FakeTool tool) {
        tools.put(tool.descriptor().name(), tool);
    }

    /**
     * A fake by name.
     *
     * @param name the tool
     * @return the fake
     */
    public FakeTool tool(String name) {
        return tools.get(name);
    }

    @Override
    public String name() {
        return "seed-fakes";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(new ArrayList<Tool>(tools.values()));
    }
}
