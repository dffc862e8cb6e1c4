package dev.eventagent.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.Event;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolResult;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.CallOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped seed routes run end to end through the engine against fake tools. */
class AgentGraphTest {

    private static final String PUSH = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":\"api-gateway\","
            + "\"commits\":[{\"sha\":\"abc123\",\"author\":{\"email\":\"alice@company.com\",\"name\":\"Alice Johnson\"},"
            + "\"message\":\"Add OAuth2 authentication\",\"stats\":{\"additions\":150,\"deletions\":20,\"total\":170},"
            + "\"files\":[\"auth/oauth.py\",\"tests/test_auth.py\"]},"
            + "{\"sha\":\"def456\",\"author\":{\"email\":\"dan@company.com\",\"name\":\"Dan\"},\"message\":\"Fix\","
            + "\"files\":[]}]}";
    private static final String ISSUE = "{\"source\":\"jira\",\"event_type\":\"issue_created\",\"issue\":{\"key\":\"PROJ-456\","
            + "\"summary\":\"Implement real-time notifications\",\"description\":\"Build WebSocket server\","
            + "\"issue_type\":\"Story\",\"priority\":\"High\",\"story_points\":8,\"project\":\"api-gateway\"},"
            + "\"user\":{\"email\":\"pm@company.com\"}}";

    @TempDir
    Path temp;

    private final SeedToolsPlugin fakes = new SeedToolsPlugin();

    private Engine engine(String settings) {
        String audit = "agent.audit.jsonl.path = \"" + temp.resolve("audit.jsonl") + "\"\n"
                + "agent.ledger.file = \"" + temp.resolve("ledger") + "\"\n";
        return Engine.start(Installation.of(ConfigFactory.parseString(audit + settings)
                .withFallback(ShippedRoutes.layer()), List.of(fakes)), Engine.Options.defaults());
    }

    private static Event decode(Engine engine, String json) throws Exception {
        return engine.decoder().decode(RawRecord.of(json, Map.of()));
    }

    @Test
    void pushFansOutOverCommitsAndRunsStepsInOrder() throws Exception {
        try (Engine engine = engine("")) {
            AgentState state = engine.process(decode(engine, PUSH));

            assertThat(state.outcome()).isEqualTo("ok");
            assertThat(state.rounds()).extracting(r -> r.plan().step()).containsExactly("store", "profile");
            assertThat(fakes.tool("insert_commit_event").calls()).hasSize(2);
            assertThat(fakes.tool("insert_commit_event").calls())
                    .filteredOn(c -> c.idempotencyKey().endsWith("commit[0]")).singleElement()
                    .satisfies(c -> assertThat(c.arguments())
                            .containsEntry("project_id", "api-gateway")
                            .containsEntry("developer_email", "alice@company.com"));
            assertThat(fakes.tool("upsert_developer_embedding").calls())
                    .extracting(c -> c.arguments().get("profile_text"))
                    .contains("Alice Johnson committed to api-gateway: Add OAuth2 authentication");
            assertThat(fakes.tool("insert_commit_event").calls())
                    .extracting(c -> c.idempotencyKey())
                    .allMatch(k -> k.startsWith(state.event().id() + "/github-push/store/commit["));
        }
    }

    @Test
    void laterStepsUseEarlierResults() throws Exception {
        try (Engine engine = engine("")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            assertThat(state.outcome()).isEqualTo("ok");
            assertThat(state.rounds()).extracting(r -> r.plan().step())
                    .as("a light workload (1.25) posts no heads-up")
                    .containsExactly("store", "find", "assign", "record", "notify");
            assertThat(fakes.tool("get_team_workload").calls()).singleElement()
                    .satisfies(c -> assertThat(c.arguments()).containsEntry("developer_emails", List.of("bob@company.com")));
            assertThat(fakes.tool("insert_jira_event").calls()).extracting(c -> (Object) ((Map<?, ?>) c.arguments()
                    .get("issue_data")).get("event_type")).containsExactlyInAnyOrder("issue_created", "issue_assigned");
            assertThat(fakes.tool("assign_jira_issue").calls()).singleElement()
                    .satisfies(c -> assertThat(c.arguments()).containsEntry("assignee_email", "bob@company.com")
                            .containsEntry("issue_key", "PROJ-456"));
            assertThat(fakes.tool("send_slack_notification").calls()).singleElement()
                    .satisfies(c -> assertThat(c.arguments().get("message"))
                            .isEqualTo("You have been assigned PROJ-456: Implement real-time notifications"));
        }
    }

    @Test
    void aHeavyWorkloadAfterTheAssignmentPostsAHeadsUpToTheWorkloadChannel() throws Exception {
        fakes.loadScore(6.5);
        try (Engine engine = engine("")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            assertThat(state.outcome()).isEqualTo("ok");
            assertThat(fakes.tool("send_slack_notification").calls()).hasSize(2)
                    .filteredOn(c -> "#eng-workload".equals(c.arguments().get("channel"))).singleElement()
                    .satisfies(c -> assertThat(c.arguments().get("message").toString())
                            .startsWith("Heads-up: bob@company.com was just assigned PROJ-456")
                            .contains("3 open assignment(s) (load score 6.5)"));
        }
    }

    @Test
    void aRedeliveredEventRepeatsNoExternalEffect() throws Exception {
        try (Engine engine = engine("")) {
            Event event = decode(engine, ISSUE);
            engine.process(event);
            AgentState again = engine.process(decode(engine, ISSUE));

            assertThat(again.event().id()).isEqualTo(event.id());
            assertThat(fakes.tool("assign_jira_issue").calls()).hasSize(1);
            assertThat(fakes.tool("send_slack_notification").calls()).hasSize(1);
            assertThat(fakes.tool("insert_jira_event").calls()).as("WRITE tools run again: they are idempotent")
                    .hasSize(4);
            assertThat(again.outcomes()).filteredOn(o -> o.call().tool().equals("assign_jira_issue")).singleElement()
                    .satisfies(o -> {
                        assertThat(o.status()).isEqualTo(Status.OK);
                        assertThat(o.result()).containsEntry("assignee_email", "bob@company.com");
                        assertThat(o.error()).contains("already done");
                    });
        }
        try (Engine restarted = engine("")) {
            restarted.process(decode(restarted, ISSUE));
            assertThat(fakes.tool("send_slack_notification").calls()).hasSize(1);
        }
    }

    @Test
    void aFailedExternalCallIsForgottenSoARetryRunsIt() throws Exception {
        fakes.tool("send_slack_notification").answer(call -> {
            throw new PermanentToolException("channel_not_found", null);
        });
        try (Engine engine = engine("")) {
            engine.process(decode(engine, ISSUE));
            fakes.tool("send_slack_notification").answer(call -> ToolResult.of("sent", true));
            AgentState retried = engine.process(decode(engine, ISSUE));

            assertThat(retried.outcome()).isEqualTo("ok");
            assertThat(fakes.tool("send_slack_notification").calls()).hasSize(2);
            assertThat(fakes.tool("assign_jira_issue").calls()).hasSize(1);
        }
    }

    @Test
    void conditionOnAnEmptySearchSkipsAssignment() throws Exception {
        fakes.tool("search_similar_developers_vector").answer(call -> ToolResult.of("matches", List.of()));
        try (Engine engine = engine("")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            assertThat(state.rounds()).extracting(r -> r.plan().step()).containsExactly("store", "find");
            assertThat(fakes.tool("assign_jira_issue").calls()).isEmpty();
            assertThat(fakes.tool("send_slack_notification").calls()).isEmpty();
        }
    }

    @Test
    void oneFailureDoesNotHideTheOtherCallsAndStopsLaterRounds() throws Exception {
        fakes.tool("insert_commit_event").answer(call -> {
            throw new PermanentToolException("table missing", null);
        });
        try (Engine engine = engine("")) {
            AgentState state = engine.process(decode(engine, PUSH));

            assertThat(state.outcome()).isEqualTo("failed");
            assertThat(state.rounds()).hasSize(1);
            assertThat(state.rounds().get(0).outcomes()).extracting(CallOutcome::status)
                    .containsExactly(Status.FAILED, Status.FAILED, Status.OK, Status.OK);
            assertThat(state.rounds().get(0).outcomes().get(0).error()).contains("table missing");
            assertThat(state.notes()).anyMatch(n -> n.contains("a call failed"));
            assertThat(fakes.tool("upsert_developer_embedding").calls()).isEmpty();
        }
    }

    @Test
    void callsOfAStepRunInParallel() throws Exception {
        CountDownLatch both = new CountDownLatch(4);
        fakes.tool("insert_commit_event").answer(call -> awaitAll(both));
        fakes.tool("add_contribution_relationship").answer(call -> awaitAll(both));
        try (Engine engine = engine("")) {
            AgentState state = engine.process(decode(engine, PUSH));

            assertThat(state.rounds().get(0).outcomes()).extracting(CallOutcome::status).containsOnly(Status.OK);
        }
    }

    private static ToolResult awaitAll(CountDownLatch latch) {
        latch.countDown();
        try {
            return ToolResult.of("together", latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void policyAllowlistStopsCallsBeforeTheyRun() throws Exception {
        String settings = "agent.policy.classes { \"jira.*\" = [insert_jira_event, search_similar_developers_vector,"
                + " assign_jira_issue, record_task_assignment, get_team_workload] }\n";
        try (Engine engine = engine(settings)) {
            AgentState state = engine.process(decode(engine, ISSUE));

            Map<String, CallOutcome> byTool = new java.util.HashMap<>();
            state.outcomes().forEach(o -> byTool.put(o.call().tool(), o));
            assertThat(byTool.get("assign_jira_issue").status()).isEqualTo(Status.OK);
            assertThat(byTool.get("send_slack_notification").status()).isEqualTo(Status.DENIED);
            assertThat(byTool.get("send_slack_notification").error()).contains("not allowed for events of class jira.issue_created");
            assertThat(fakes.tool("send_slack_notification").calls()).isEmpty();
            assertThat(state.outcome()).isEqualTo("partial");
        }
        String audit = Files.readString(temp.resolve("audit.jsonl"));
        assertThat(audit).contains("\"status\":\"denied\"");
    }

    @Test
    void aCallHeldForApprovalRecordsAndTellsNothingOfAnAssignmentThatDidNotHappen() throws Exception {
        try (Engine engine = engine("agent.policy.require-approval-at = HIGH\n")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            assertThat(state.outcomes()).filteredOn(o -> o.call().tool().equals("assign_jira_issue")).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(Status.PENDING_APPROVAL));
            assertThat(state.rounds()).extracting(r -> r.plan().step()).containsExactly("store", "find", "assign");
            assertThat(fakes.tool("assign_jira_issue").calls()).isEmpty();
            assertThat(fakes.tool("record_task_assignment").calls()).isEmpty();
            assertThat(fakes.tool("send_slack_notification").calls()).isEmpty();
            assertThat(state.outcome()).isEqualTo("partial");
        }
        assertThat(Files.readString(temp.resolve("audit.jsonl"))).contains("\"status\":\"pending_approval\"");
    }

    @Test
    void argumentConstraintsDenyValuesOutsideTheAllowlists() throws Exception {
        String settings = "agent.policy.arguments {\n"
                + "  send_slack_notification { channel { email-domains = [company.com] } }\n"
                + "  assign_jira_issue { issue_key { pattern = \"^OPS-[0-9]+$\" } }\n"
                + "}\n";
        try (Engine engine = engine(settings)) {
            AgentState state = engine.process(decode(engine, ISSUE));

            Map<String, CallOutcome> byTool = new java.util.HashMap<>();
            state.outcomes().forEach(o -> byTool.put(o.call().tool(), o));
            assertThat(byTool.get("assign_jira_issue").status()).as(byTool.get("assign_jira_issue").error())
                    .isEqualTo(Status.DENIED);
            assertThat(byTool.get("assign_jira_issue").error()).contains("PROJ-456").contains("^OPS-[0-9]+$");
            assertThat(byTool).as("nothing records or announces an assignment that was denied")
                    .doesNotContainKeys("record_task_assignment", "send_slack_notification");
            assertThat(fakes.tool("assign_jira_issue").calls()).isEmpty();
        }
        fakes.tool("search_similar_developers_vector").answer(call -> ToolResult.of("matches",
                List.of(Map.of("email", "mallory@evil.io", "score", 0.99))));
        try (Engine engine = engine("agent.policy.arguments.send_slack_notification.channel.email-domains = [company.com]\n")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            Map<String, CallOutcome> byTool = new java.util.HashMap<>();
            state.outcomes().forEach(o -> byTool.put(o.call().tool(), o));
            assertThat(byTool.get("send_slack_notification").status()).isEqualTo(Status.DENIED);
            assertThat(byTool.get("send_slack_notification").error())
                    .contains("mallory@evil.io").contains("outside the allowed e-mail domains");
            assertThat(fakes.tool("send_slack_notification").calls()).isEmpty();
        }
    }

    @Test
    void badArgumentRulesFailAtStartUpWithTheirOrigin() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine(
                "agent.policy.arguments { assign_jira_issue { issue_key { pattern = \"([\", colour = red } } }\n"))
                .isInstanceOf(dev.eventagent.engine.config.StartupException.class)
                .hasMessageContaining("agent.policy.arguments.assign_jira_issue.issue_key.pattern is not a regular expression")
                .hasMessageContaining("unknown rule 'colour'");
    }

    @Test
    void argumentsThatBreakTheSchemaAreRefusedWithTheReason() throws Exception {
        String bad = PUSH.replace("alice@company.com", "not an e-mail; DROP TABLE users");
        try (Engine engine = engine("")) {
            AgentState state = engine.process(decode(engine, bad));

            CallOutcome first = state.rounds().get(0).outcomes().get(0);
            assertThat(first.status()).isEqualTo(Status.INVALID);
            assertThat(first.category()).isEqualTo(ErrorCategory.INVALID_ARGUMENTS);
            assertThat(first.error()).contains("developer_email");
            assertThat(fakes.tool("insert_commit_event").calls()).hasSize(1);
        }
    }

    @Test
    void roundLimitIsEnforced() throws Exception {
        try (Engine engine = engine("agent.graph.max-rounds = 2\n")) {
            AgentState state = engine.process(decode(engine, ISSUE));

            assertThat(state.rounds()).hasSize(2);
            assertThat(state.notes()).anyMatch(n -> n.contains("max-rounds = 2"));
        }
    }

    @Test
    void unmatchedEventsAreSkippedWithAReason() throws Exception {
        String prOpened = "{\"source\":\"github\",\"event_type\":\"pull_request\",\"action\":\"opened\","
                + "\"repository\":\"api\",\"pull_request\":{\"number\":7}}";
        try (Engine engine = engine("agent.decode.accept-unknown-types = true\n")) {
            AgentState state = engine.process(decode(engine, prOpened));

            assertThat(state.outcome()).isEqualTo("skipped");
            assertThat(state.response()).contains("no route matched");
        }
    }
}
