package dev.eventagent.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.Event;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.Plan;
import dev.eventagent.engine.graph.PlannedCall;
import dev.eventagent.engine.graph.Round;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routes composed from plugins' contributions, the operator's changes and what is installed. */
class RouteCompositionTest {

    private static final Event PUSH = new Event("github:1", "github", "push", "api", Instant.EPOCH, "a@x.io", "api",
            Map.of("commits", List.of(Map.of("sha", "abc1", "author_email", "a@x.io"))), Map.of());

    /** Two plugins contribute to one route, as the tools modules' reference.conf files do. */
    private static final String CONTRIBUTIONS = """
            agent.plugins.store.routes.push {
              when { source = github, type = push }
              steps.store { order = 10, calls.commit { tool = insert_commit, for-each = "$.event.attributes.commits",
                                                       args { sha = "$.item.sha" } } }
            }
            agent.plugins.graph.routes.push {
              when { source = github, type = push }
              steps.store { order = 10, calls.contribution { tool = add_contribution, args { who = "$.event.actor_email" } } }
              steps.tell { order = 20, calls.count { tool = notify, args { stored = "$.steps.store.commit[0].row" } } }
            }
            """;

    private static Config config(String hocon) {
        return ConfigFactory.parseString(hocon).resolve();
    }

    private static RulesPlanner.Availability installed(String... tools) {
        Set<String> present = Set.of(tools);
        return (tool, by) -> present.contains(tool) ? Optional.empty() : Optional.of("no installed plugin provides it");
    }

    private static RouteStatus status(RulesPlanner planner, String route) {
        return planner.routes().stream().filter(r -> r.name().equals(route)).findFirst().orElseThrow();
    }

    /** Runs the planner over the event, answering every call with {row: 1}, and returns every planned call. */
    private static List<PlannedCall> planAll(RulesPlanner planner, Event event) {
        List<PlannedCall> all = new ArrayList<>();
        AgentState state = AgentState.initial(event, Instant.EPOCH);
        for (Plan plan = planner.plan(state); !plan.isEmpty(); plan = planner.plan(state)) {
            all.addAll(plan.calls());
            state = state.withRound(new Round(plan, plan.calls().stream()
                    .map(c -> new CallOutcome(c, CallOutcome.Status.OK, Map.of("row", 1), null, null, 1, 1)).toList()));
        }
        return all;
    }

    @Test
    void contributionsOfSeveralPluginsMergeIntoOneRoute() {
        RulesPlanner planner = RulesPlanner.of(config(CONTRIBUTIONS),
                installed("insert_commit", "add_contribution", "notify"), false);

        assertThat(planAll(planner, PUSH)).extracting(PlannedCall::idempotencyKey).containsExactly(
                "github:1/push/store/commit[0]", "github:1/push/store/contribution", "github:1/push/tell/count");
        assertThat(status(planner, "push").state()).isEqualTo(RouteStatus.State.ACTIVE);
    }

    @Test
    void aMissingToolIsLeftOutWithTheCallsThatReadItsResultAndTheRouteRunsTheRest() {
        RulesPlanner planner = RulesPlanner.of(config(CONTRIBUTIONS), installed("add_contribution", "notify"), false);

        assertThat(planAll(planner, PUSH)).extracting(PlannedCall::tool).containsExactly("add_contribution");
        RouteStatus push = status(planner, "push");
        assertThat(push.state()).isEqualTo(RouteStatus.State.ACTIVE);
        assertThat(push.activeCalls()).extracting(RouteStatus.Call::tool).containsExactly("add_contribution");
        assertThat(push.leftOutCalls()).extracting(RouteStatus.Call::tool, RouteStatus.Call::leftOut).containsExactly(
                org.assertj.core.groups.Tuple.tuple("insert_commit", "no installed plugin provides it"),
                org.assertj.core.groups.Tuple.tuple("notify", "it reads $.steps.store.commit[0].row, and store/commit is left out"));
    }

    @Test
    void aRouteWithNoCallLeftIsInactiveAndNeverMatches() {
        RulesPlanner planner = RulesPlanner.of(config(CONTRIBUTIONS), installed("notify"), false);

        assertThat(status(planner, "push").state()).isEqualTo(RouteStatus.State.INACTIVE);
        assertThat(status(planner, "push").reason()).isEqualTo("every call is left out");
        Plan plan = planner.plan(AgentState.initial(PUSH, Instant.EPOCH));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.note()).contains("no route matched github.push (inactive routes: push)");
    }

    @Test
    void aRequiredCallThatIsLeftOutDeactivatesItsRoute() {
        RulesPlanner planner = RulesPlanner.of(config(CONTRIBUTIONS
                + "agent.rules.routes.push.steps.store.calls.commit.required = true\n"),
                installed("add_contribution", "notify"), false);

        RouteStatus push = status(planner, "push");
        assertThat(push.state()).isEqualTo(RouteStatus.State.INACTIVE);
        assertThat(push.reason()).isEqualTo("its required call store/commit (insert_commit) is left out: "
                + "no installed plugin provides it");
        assertThat(planner.plan(AgentState.initial(PUSH, Instant.EPOCH)).isEmpty()).isTrue();
    }

    @Test
    void anOperatorsRequiredCallThatNoInstalledPluginContributesDeactivatesTheRoute() {
        RulesPlanner planner = RulesPlanner.of(config(CONTRIBUTIONS
                + "agent.plugins.store.enabled = false\n"
                + "agent.rules.routes.push.steps.store.calls.commit.required = true\n"),
                installed("insert_commit", "add_contribution", "notify"), false);

        RouteStatus push = status(planner, "push");
        assertThat(push.state()).isEqualTo(RouteStatus.State.INACTIVE);
        assertThat(push.reason()).startsWith("its required call store/commit is left out: no installed plugin "
                + "contributes it (only String: ").endsWith(" sets it, without a tool)");
    }

    @Test
    void theOperatorChangesAddsAndSwitchesOffCallsAndRoutes() {
        RulesPlanner planner = RulesPlanner.of(config(CONTRIBUTIONS + """
                agent.rules.routes {
                  push.steps.store.calls.commit.args.sha = "$.item.author_email"
                  push.steps.tell.calls.count.enabled = false
                  push.steps.tell.calls.audit { tool = notify, args.text = "push to {{$.event.project}}" }
                  push.steps.extra { order = 5, calls.first.tool = add_contribution }
                  other { enabled = false }
                }
                """), installed("insert_commit", "add_contribution", "notify"), false);

        List<PlannedCall> calls = planAll(planner, PUSH);
        assertThat(calls).extracting(c -> c.idempotencyKey().substring("github:1/push/".length())).containsExactly(
                "extra/first", "store/commit[0]", "store/contribution", "tell/audit");
        assertThat(calls.get(1).arguments()).containsEntry("sha", "a@x.io");
        assertThat(calls.get(3).arguments()).containsEntry("text", "push to api");
        assertThat(status(planner, "push").leftOutCalls()).singleElement()
                .satisfies(c -> assertThat(c.leftOut()).startsWith("switched off at String: "));
        assertThat(status(planner, "other").state()).isEqualTo(RouteStatus.State.OFF);
    }

    @Test
    void aSwitchForACallNoInstalledPluginContributesIsNoError() {
        RulesPlanner planner = RulesPlanner.of(config("""
                agent.rules.routes.push.steps.store.calls.commit.enabled = false
                agent.rules.routes.gone.enabled = false
                """), installed(), false);

        assertThat(planner.activeRoutes()).isEmpty();
        assertThat(status(planner, "gone").state()).isEqualTo(RouteStatus.State.OFF);
        assertThat(status(planner, "push").state()).isEqualTo(RouteStatus.State.INACTIVE);
        assertThat(status(planner, "push").reason()).isEqualTo("it has no calls");
    }

    @Test
    void aDisabledPluginContributesNothing() {
        RulesPlanner planner = RulesPlanner.of(config(CONTRIBUTIONS + "agent.plugins.store.enabled = false\n"),
                installed("insert_commit", "add_contribution", "notify"), false);

        RouteStatus push = status(planner, "push");
        assertThat(push.calls()).extracting(RouteStatus.Call::tool).containsExactly("add_contribution", "notify");
        assertThat(push.leftOutCalls()).singleElement().satisfies(c -> assertThat(c.leftOut())
                .isEqualTo("it reads $.steps.store.commit[0].row, but no installed plugin contributes store/commit "
                        + "to this route"));
    }

    @Test
    void aDryRunPlansExactlyWhatALiveRunPlans() {
        Config config = config(CONTRIBUTIONS);
        RulesPlanner.Availability installed = installed("add_contribution", "notify");

        List<PlannedCall> live = planAll(RulesPlanner.of(config, installed, false), PUSH);
        List<PlannedCall> dry = planAll(RulesPlanner.of(config, installed, true), PUSH);

        assertThat(dry).extracting(PlannedCall::idempotencyKey)
                .containsExactlyElementsOf(live.stream().map(PlannedCall::idempotencyKey).toList());
        assertThat(dry).extracting(PlannedCall::arguments)
                .containsExactlyElementsOf(live.stream().map(PlannedCall::arguments).toList());
    }

    @Test
    void contributorsAreNamedToTheAvailabilityAndDisagreementsAreWarnings() {
        List<Set<String>> asked = new ArrayList<>();
        RulesPlanner.of(config(CONTRIBUTIONS + "agent.plugins.graph.routes.push.when.type = pull_request\n"),
                (tool, by) -> {
                    asked.add(by);
                    return Optional.empty();
                }, false);

        assertThat(asked).containsExactly(Set.of("store"), Set.of("graph"), Set.of("graph"));
        RouteSources sources = RouteSources.of(config(CONTRIBUTIONS
                + "agent.plugins.graph.routes.push.when.type = pull_request\n"));
        assertThat(sources.warnings()).singleElement().satisfies(w -> assertThat(w)
                .startsWith("route push when: plugin graph gives").contains("plugin store gives")
                .endsWith("graph's is used (set it in agent.rules.routes to decide)"));
    }

    @Test
    void aContributionThatIsNotAnObjectIsAStartUpErrorNamingTheKey() {
        assertThatThrownBy(() -> RulesPlanner.of(config("agent.plugins.x.routes = [1]"), installed(), false))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("agent.plugins.x.routes must be an object of routes by name");
    }
}
