package dev.eventagent.distribution;

import static dev.eventagent.testing.llm.ToolCallSpec.call;

import dev.eventagent.testing.llm.Reply;
import dev.eventagent.testing.llm.ScriptedModelServer;
import dev.eventagent.testing.llm.ToolCallSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the scripted model answers for each scenario event in {@code plan = llm}: the native tool
 * calls a model would propose, round by round (later rounds are asked with the earlier results),
 * then a closing text. The engine checks every call against the event class's allowed tools and
 * the tools' schemas before it runs, as it would a real model's.
 */
final class ScenarioModelScripts {

    private ScenarioModelScripts() {
    }

    static void install(ScriptedModelServer model) {
        String commitTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS).toString();
        script(model, "\"class\":\"github.push\"", "abc123",
                Reply.toolCalls(
                        call("insert_commit_event", "{\"project_id\":\"api-gateway\",\"developer_email\":\"alice@company.com\","
                                + "\"commit_data\":{\"sha\":\"abc123\",\"message\":\"Add OAuth2 authentication\","
                                + "\"files_changed\":2,\"lines_added\":150,\"lines_deleted\":20,\"timestamp\":\""
                                + commitTime + "\"}}"),
                        call("add_contribution_relationship", "{\"developer_email\":\"alice@company.com\","
                                + "\"project_id\":\"api-gateway\",\"metrics\":{\"commits\":1,\"prs\":0,\"reviews\":0}}"),
                        call("upsert_developer_embedding", "{\"developer_email\":\"alice@company.com\","
                                + "\"profile_text\":\"Alice Johnson committed to api-gateway: Add OAuth2 authentication\"}")),
                Reply.text("Stored Alice's commit, counted it and refreshed her profile."));
        script(model, "\"class\":\"github.push\"", "da7e0c1d",
                Reply.toolCalls(call("upsert_developer_embedding", "{\"developer_email\":\"dave@company.com\","
                        + "\"profile_text\":\"Dave Lee committed to notification-service: Add WebSocket server for "
                        + "real-time push notifications with FastAPI and Redis pub/sub\"}")),
                Reply.text("Refreshed Dave's profile."));
        script(model, "\"class\":\"github.pull_request.merged\"", "\"pr_number\":42",
                Reply.toolCalls(
                        call("insert_pr_event", "{\"project_id\":\"api-gateway\",\"developer_email\":\"bob@company.com\","
                                + "\"pr_data\":{\"pr_number\":42,\"action\":\"merged\",\"review_time_hours\":30.52,\"lines_changed\":252,"
                                + "\"merged_at\":\"" + ScenarioEvents.at("16T14:31:06Z") + "\"}}"),
                        call("add_contribution_relationship", "{\"developer_email\":\"bob@company.com\","
                                + "\"project_id\":\"api-gateway\",\"metrics\":{\"commits\":0,\"prs\":1,\"reviews\":0}}")),
                Reply.text("Stored the merge and counted it for Bob."));
        script(model, "\"class\":\"github.deployment_status\"", "987654321",
                Reply.toolCalls(call("insert_deployment_event", "{\"project_id\":\"api-gateway\",\"deployment_data\":{"
                        + "\"deployment_id\":\"987654321\",\"environment\":\"production\",\"status\":\"success\","
                        + "\"sha\":\"9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a392817065\",\"timestamp\":\""
                        + ScenarioEvents.at("16T15:02:44Z") + "\"}}")),
                Reply.text("Stored the deployment."));
        script(model, "\"class\":\"alertmanager.alert.firing\"", "c1a2b3d4e5f60718",
                Reply.toolCalls(incident("c1a2b3d4e5f60718", false), incident("d2b3c4d5e6f70819", false)),
                Reply.text("Stored both incidents as firing."));
        script(model, "\"class\":\"alertmanager.alert.resolved\"", "c1a2b3d4e5f60718",
                Reply.toolCalls(incident("c1a2b3d4e5f60718", true), incident("d2b3c4d5e6f70819", true)),
                Reply.text("Stored both incidents as resolved."));
        String assignee = "dave@company.com";
        script(model, "\"class\":\"jira.issue_created\"", "PROJ-456",
                Reply.toolCalls(
                        call("insert_jira_event", "{\"project_id\":\"api-gateway\",\"developer_email\":\"pm@company.com\","
                                + "\"issue_data\":{\"issue_key\":\"PROJ-456\",\"event_type\":\"issue_created\",\"story_points\":8}}"),
                        call("search_similar_developers_vector", "{\"query\":\"Implement real-time notifications. Build "
                                + "WebSocket server for push notifications using FastAPI and Redis\",\"top_k\":3}")),
                Reply.toolCalls(
                        call("assign_jira_issue", "{\"issue_key\":\"PROJ-456\",\"assignee_email\":\"" + assignee + "\"}"),
                        call("record_task_assignment", "{\"issue_key\":\"PROJ-456\",\"assignee_email\":\"" + assignee
                                + "\",\"reason\":\"best profile match for WebSocket and Redis work\"}"),
                        call("insert_jira_event", "{\"project_id\":\"api-gateway\",\"developer_email\":\"" + assignee
                                + "\",\"issue_data\":{\"issue_key\":\"PROJ-456\",\"event_type\":\"issue_assigned\","
                                + "\"story_points\":8}}")),
                Reply.toolCalls(
                        call("send_slack_notification", "{\"channel\":\"" + assignee + "\",\"message\":\"You have been "
                                + "assigned PROJ-456: Implement real-time notifications\"}"),
                        call("get_team_workload", "{\"developer_emails\":[\"" + assignee + "\"],\"days\":14}")),
                Reply.toolCalls(call("send_slack_notification", "{\"channel\":\"#eng-workload\",\"message\":\"Heads-up: "
                        + assignee + " was just assigned PROJ-456 and carries a heavy load.\"}")),
                Reply.text("Assigned PROJ-456 to Dave, recorded it, told him, and flagged his workload."));
        for (String author : new String[] {"dev@company.com", ScenarioEvents.OUTSIDER}) {
            script(model, "\"class\":\"jira.issue_updated\"", author,
                    Reply.toolCalls(call("send_email_notification", "{\"to\":\"" + author + "\",\"subject\":"
                            + "\"PROJ-456 updated\",\"body\":\"Your update of PROJ-456 was recorded.\"}")),
                    Reply.text("Told the author."));
        }
        model.otherwise(Reply.text("Nothing to do for this event."));
    }

    private static ToolCallSpec incident(String fingerprint, boolean resolved) {
        return call("insert_incident_event", "{\"project_id\":\"api-gateway\",\"incident_data\":{\"incident_id\":\""
                + fingerprint + "\",\"status\":\"" + (resolved ? "resolved" : "firing") + "\",\"severity\":\"critical\","
                + "\"started_at\":\"" + ScenarioEvents.at("15T12:00:00Z") + "\""
                + (resolved ? ",\"resolved_at\":\"" + ScenarioEvents.at("15T12:25:00Z") + "\"" : "") + "}}");
    }

    private static void script(ScriptedModelServer model, String eventClass, String marker, Reply... replies) {
        model.when(request -> request.lastUserMessage().contains(eventClass)
                && request.lastUserMessage().contains(marker)).reply(replies);
    }
}
