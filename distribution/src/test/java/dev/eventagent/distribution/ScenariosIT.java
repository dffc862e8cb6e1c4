package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.rules.RouteStatus;
import dev.eventagent.engine.runtime.KafkaRuntime;
import dev.eventagent.engine.runtime.RuntimeSettings;
import dev.eventagent.testing.clickhouse.ClickHouseEngine;
import dev.eventagent.testing.slack.PostedSlackMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's scenarios end to end: the repository's example payloads (real GitHub and Jira
 * webhook shapes, the seed's envelopes, Alertmanager notifications) produced to a real KRaft
 * broker, consumed by the runtime, planned by the rules or by the scripted model, executed by the
 * packaged plugins (loaded from the built distribution's plugins/, each in its own class loader)
 * against Neo4j, PostgreSQL, ClickHouse and the local servers for Pinecone, Slack, e-mail, GitHub
 * and Jira, with the local MiniLM model making the vectors. Each planner mode runs twice, once per
 * ClickHouse engine (Debian's clickhouse-server 18.16, and the ClickHouse 26.7 engine of chdb behind
 * the testkit's HTTP front): it runs the events, checks every store, then consumes the same records
 * again (a new consumer group: a redelivery of everything) and checks that no effect was repeated.
 */
class ScenariosIT {

    private static final Duration PHASE_LIMIT = Duration.ofMinutes(3);

    /** The tools each event class may use, for the model above all (the rules stay within them too). */
    private static final String POLICY = """
            agent.policy.classes {
              "github.push" = [insert_commit_event, add_contribution_relationship, upsert_developer_embedding]
              "github.pull_request.merged" = [insert_pr_event, add_contribution_relationship]
              "github.deployment_status" = [insert_deployment_event]
              "alertmanager.*" = [insert_incident_event]
              "jira.issue_created" = [insert_jira_event, search_similar_developers_vector, assign_jira_issue,
                record_task_assignment, send_slack_notification, get_team_workload]
              "jira.issue_updated" = [insert_jira_event, send_email_notification]
            }
            # Ahead of the defaults: a Jira update mails its author (the notify plugin allows only
            # company.com recipients, so an outsider's update is denied inside the tool, and audited).
            agent.rules.routes.mail-the-updater {
              order = 1
              when { source = jira, type = issue_updated }
              steps.mail { order = 1, calls.author { tool = send_email_notification, args {
                to = "$.event.actor_email"
                subject = "{{$.event.attributes.issue_key}} updated"
                body = "Your update of {{$.event.attributes.issue_key}} was recorded."
              } } }
            }
            """;

    @TempDir
    static Path temp;

    private static ScenarioBackends backends;
    /**
     * The built distribution's plugins, discovered once: both runs share the plugins' class
     * loaders, as one service does (the local model's native libraries load once per JVM).
     */
    private static Installation installation;

    @BeforeAll
    static void startBackends() {
        backends = new ScenarioBackends(temp.resolve("kafka"));
        installation = Installation.load(new ConfigLoader.Sources(Optional.of(BuildOutput.distribution()),
                Optional.empty()));
    }

    @AfterAll
    static void stopBackends() {
        if (installation != null) {
            installation.close();
        }
        if (backends != null) {
            backends.close();
        }
    }

    /** Each planner on each ClickHouse engine: Debian's 18.16 server and the 26.7 engine (chdb). */
    static Stream<Arguments> runs() {
        return Stream.of("rules", "llm").flatMap(mode -> Arrays.stream(ClickHouseEngine.values())
                .map(engine -> Arguments.of(mode, Named.of(engine.kind(), engine))));
    }

    @ParameterizedTest(name = "{0} planner, {1}")
    @MethodSource("runs")
    void seedScenarios(String mode, ClickHouseEngine clickhouse) throws Exception {
        String run = mode + "-" + clickhouse.key();
        Map<String, Object> settings = settings(run, mode, clickhouse);
        if (mode.equals("llm")) {
            ScenarioModelScripts.install(backends.model);
        }
        String topic = "events-" + run;
        backends.kafka.createTopic(topic, 3);
        backends.kafka.createTopic(topic + ".dlq", 1);
        Installation loaded = installation.withOverrides(ConfigFactory.parseString(POLICY)
                .withFallback(ConfigFactory.parseMap(settings)));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Engine engine = Engine.start(loaded, new Engine.Options(false, Clock.systemUTC(), meters))) {
            assertThat(engine.plugins().failures()).isEmpty();
            assertThat(engine.routes()).as("every default route runs with all its calls").allSatisfy(route -> {
                assertThat(route.state()).as(route.name()).isEqualTo(RouteStatus.State.ACTIVE);
                assertThat(route.leftOutCalls()).as(route.name()).isEmpty();
            });
            assertThat(installation.discovery().plugins()).as("every plugin comes from its folder of the built "
                    + "distribution, in a class loader of its own").allSatisfy(plugin -> assertThat(plugin.location())
                            .startsWith(BuildOutput.distribution().resolve("plugins").toString()));
            List<ScenarioEvents.Item> history = ScenarioEvents.history();
            List<ScenarioEvents.Item> newWork = ScenarioEvents.newWork();
            KafkaRuntime runtime = KafkaRuntime.start(engine, RuntimeSettings.of(loaded.config()), meters,
                    Clock.systemUTC());
            try {
                ScenarioEvents.produce(backends.kafka.bootstrapServers(), topic, history);
                awaitFinished(runtime, history.size());
                ScenarioEvents.produce(backends.kafka.bootstrapServers(), topic, newWork);
                awaitFinished(runtime, history.size() + newWork.size());
            } finally {
                runtime.close();
            }
            Effects first = Effects.read(backends, run);
            assertScenarios(run, first, engine);
            int modelCalls = backends.model.requestCount();

            // Redelivery: the same records again, to a consumer group that has committed nothing.
            KafkaRuntime again = KafkaRuntime.start(engine, RuntimeSettings.of(ConfigFactory.parseMap(Map.of(
                    "agent.kafka.group-id", "scenarios-" + run + "-redelivered")).withFallback(loaded.config())),
                    meters, Clock.systemUTC());
            try {
                awaitFinished(again, history.size() + newWork.size());
            } finally {
                again.close();
            }
            Effects second = Effects.read(backends, run);
            assertThat(second).as("a redelivery repeats no effect (" + run + ")").isEqualTo(first);
            assertThat(backends.model.requestCount()).as("a redelivered event replays its recorded plan, "
                    + "without asking the model again").isEqualTo(modelCalls);
        }
    }

    private static Map<String, Object> settings(String run, String mode, ClickHouseEngine clickhouse) {
        Map<String, Object> settings = new LinkedHashMap<>();
        backends.freshStores(run, clickhouse).forEach((key, value) -> settings.put("agent.plugins." + key, value));
        settings.put("agent.kafka.bootstrap-servers", backends.kafka.bootstrapServers());
        settings.put("agent.kafka.topics", List.of("events-" + run));
        settings.put("agent.kafka.topic-pattern", "");
        settings.put("agent.kafka.group-id", "scenarios-" + run);
        settings.put("agent.kafka.dead-letter-topic", "events-" + run + ".dlq");
        settings.put("agent.ledger.url", "");
        settings.put("agent.ledger.file", temp.resolve("ledger-" + run).toString());
        settings.put("agent.audit.sinks", List.of("jsonl", "clickhouse"));
        settings.put("agent.audit.jsonl.path", temp.resolve("audit-" + run + ".jsonl").toString());
        settings.put("agent.admin.port", -1);
        settings.put("agent.graph.plan", mode);
        settings.put("agent.llm.base-url", backends.model.baseUrl());
        settings.put("agent.llm.api-key", "sk-scenarios-1234");
        settings.put("agent.llm.timeout", "20s");
        settings.put("agent.decode.github-emails", Map.of("alice-j", "alice@company.com", "bob-s", "bob@company.com"));
        settings.put("agent.plugins.notify.workload-alert.threshold", 3);
        settings.put("agent.plugins.notify.mail.allowed-recipient-domains", List.of("company.com"));
        return settings;
    }

    private static void assertScenarios(String run, Effects effects, Engine engine) throws Exception {
        String audit = String.join("\n", java.nio.file.Files.readAllLines(temp.resolve("audit-" + run + ".jsonl")));
        // Seed example 1, a push: commit stored, contribution counted, profile vector refreshed, audited.
        assertThat(effects.commitsOfAbc123).as("commit abc123 in ClickHouse").isEqualTo(1);
        assertThat(effects.aliceContribution).as("alice's contribution in Neo4j").containsKey("commits");
        assertThat(((Number) effects.aliceContribution.get("commits")).longValue()).isPositive();
        assertThat(backends.pinecone.vector("scenario-" + run, "developer_profiles", "alice@company.com"))
                .as("alice's profile vector in Pinecone; audit:\n" + audit).isPresent();
        assertThat(backends.clickhouseCount("SELECT count() FROM " + ScenarioBackends.database(run)
                + ".audit_records FINAL WHERE source = 'github' AND `type` = 'push'")).as("audit rows of the pushes")
                .isPositive();

        // Seed example 2, a Jira issue: stored, best developer found by vector search, assigned,
        // recorded in PostgreSQL, told once on Slack.
        assertThat(effects.jiraRowsOfProj456).as("PROJ-456 created and assigned, in ClickHouse; audit:\n" + audit)
                .isEqualTo(2);
        assertThat(effects.jiraReport).contains("PROJ-456 [To Do, assigned dave@company.com]");
        assertThat(effects.jiraAssignments).isEqualTo(1);
        assertThat(effects.assignments).containsExactly("PROJ-456 -> dave@company.com");
        assertThat(effects.slack).filteredOn(m -> m.text().startsWith("You have been assigned PROJ-456")).hasSize(1);

        // A merged pull request (GitHub names its author by login; the configured e-mail counts it).
        assertThat(effects.pullRequests).as("PR #42 in ClickHouse").isEqualTo(1);
        assertThat(backends.clickhouseQuery("SELECT review_time_hours FROM " + ScenarioBackends.database(run)
                + ".pr_events FINAL WHERE pr_number = 42 FORMAT TabSeparated").strip()).as("its review time")
                .isEqualTo("30.52");
        assertThat(effects.bobContribution).containsEntry("prs", 1L);

        // deployment_status and Alertmanager firing then resolved: the DORA metrics show them.
        Map<String, Object> dora = invoke(engine, "get_project_dora_metrics", Map.of("project_id", "api-gateway", "days",
                90));
        Map<?, ?> counts = (Map<?, ?>) dora.get("counts");
        assertThat(((Number) counts.get("deployments")).intValue()).as(dora.toString()).isEqualTo(1);
        assertThat(((Number) counts.get("successful_deployments")).intValue()).isEqualTo(1);
        assertThat(((Number) counts.get("incidents_resolved")).intValue()).isEqualTo(2);
        assertThat(((Number) dora.get("change_failure_rate")).doubleValue()).isEqualTo(0.0);
        assertThat(((Number) dora.get("time_to_restore_hours")).doubleValue()).isCloseTo(25 / 60.0, within(0.01));

        // A Jira update mails its author once; the outsider's is denied inside the tool and audited.
        assertThat(effects.mails).as("mails; audit:\n" + audit).containsExactly("dev@company.com: PROJ-456 updated");
        assertThat(audit.lines().filter(line -> line.contains(ScenarioEvents.OUTSIDER)))
                .as("the outsider's update in the audit trail").singleElement()
                .satisfies(line -> assertThat(line).contains("\"tool\":\"send_email_notification\"")
                        .contains("\"status\":\"denied\""));

        // The assignment raised dave's load past the threshold: a proactive heads-up, once.
        assertThat(effects.slack).filteredOn(m -> m.requestedChannel().equals("#eng-workload")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("dave@company.com").contains("PROJ-456"));
    }

    private static Map<String, Object> invoke(Engine engine, String tool, Map<String, Object> arguments)
            throws ToolException {
        return engine.registry().find(tool).orElseThrow().tool().invoke(new ToolCall(tool, arguments, "scenario-check",
                "scenario-check/" + tool, Instant.now().plusSeconds(30))).value();
    }

    private static void awaitFinished(KafkaRuntime runtime, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (runtime.finishedEvents() >= expected && runtime.inFlight() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("only " + runtime.finishedEvents() + " of " + expected + " events finished in "
                + PHASE_LIMIT);
    }

    /** Every effect the scenarios have, read from the stores; equal before and after a redelivery. */
    private record Effects(long commitsOfAbc123, long commits, Map<String, Object> aliceContribution,
            Map<String, Object> bobContribution, long pullRequests, long jiraRowsOfProj456, long deployments,
            long incidents, String jiraReport, int jiraAssignments, List<String> assignments, List<PostedSlackMessage> slack,
            List<String> mails, int vectors) {

        static Effects read(ScenarioBackends backends, String run) {
            String db = ScenarioBackends.database(run);
            return new Effects(
                    backends.clickhouseCount("SELECT count() FROM " + db + ".commit_events FINAL WHERE sha = 'abc123'"),
                    backends.clickhouseCount("SELECT count() FROM " + db + ".commit_events FINAL"),
                    backends.contribution("alice@company.com", "api-gateway"),
                    backends.contribution("bob@company.com", "api-gateway"),
                    backends.clickhouseCount("SELECT count() FROM " + db + ".pr_events FINAL WHERE pr_number = 42"),
                    backends.clickhouseCount("SELECT count() FROM " + db + ".jira_events FINAL WHERE issue_key = 'PROJ-456'"),
                    backends.clickhouseCount("SELECT count() FROM " + db + ".deployment_events FINAL"),
                    backends.clickhouseCount("SELECT count() FROM " + db + ".incident_events FINAL"),
                    String.join("\n", backends.jira.report()),
                    backends.jira.assignments(),
                    backends.postgres.query(backends.postgresDatabase, "SELECT to_regclass('public.task_assignments') "
                            + "IS NOT NULL AS present").get(0).get("present") != Boolean.TRUE ? List.of()
                            : backends.postgres.query(backends.postgresDatabase, "SELECT issue_key || ' -> ' || "
                            + "assignee_email AS a FROM task_assignments ORDER BY assignment_id").stream().map(row -> (String) row.get("a"))
                            .toList(),
                    backends.slack.messages(),
                    backends.mail.messages().stream().map(m -> String.join(",", m.to()) + ": " + m.subject()).toList(),
                    backends.pinecone.vectorCount("scenario-" + run, "developer_profiles"));
        }
    }
}
