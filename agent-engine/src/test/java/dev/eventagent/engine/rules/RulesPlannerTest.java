package dev.eventagent.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.Config;
import dev.eventagent.api.Event;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.Plan;
import dev.eventagent.engine.graph.PlannedCall;
import dev.eventagent.engine.graph.Round;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RulesPlannerTest {

    private static final Event ISSUE = new Event("jira:1", "jira", "issue_created", "PROJ-1", Instant.EPOCH,
            "pm@x.io", "api", Map.of("issue_key", "PROJ-1", "priority", "High", "summary", "It's \"broken\" 🔥",
                    "labels", List.of("a", "b")), Map.of());

    /** A planner over routes written as the operator would in agent.rules.routes. */
    static RulesPlanner planner(String routes) {
        return RulesPlanner.of(config(routes), (tool, by) -> Optional.empty(), false);
    }

    static Config config(String routes) {
        return ConfigFactory.parseString("agent.rules.routes {\n" + routes + "\n}").resolve();
    }

    @Test
    void firstMatchingRouteWinsAndConditionsSupportOperators() {
        RulesPlanner planner = planner("""
                low { order = 1, when { source = jira, "$.event.attributes.priority" = Low }
                      steps.s { order = 1, calls.a.tool = a } }
                high { order = 2, when { source = jira, "$.event.attributes.priority" = [Medium, High],
                                         "$.event.attributes.summary" { matches = "broken" },
                                         "$.event.attributes.missing" { exists = false },
                                         type { not = issue_deleted } }
                       steps.s { order = 1, calls.b.tool = b } }
                any { order = 3, steps.s { order = 1, calls.c.tool = c } }
                """);
        Plan plan = planner.plan(AgentState.initial(ISSUE, Instant.EPOCH));
        assertThat(plan.route()).isEqualTo("high");
        assertThat(plan.calls()).extracting(PlannedCall::tool).containsExactly("b");
    }

    @Test
    void routesWithoutAnOrderAreTriedByName() {
        RulesPlanner planner = planner("""
                zeta.steps.s { order = 1, calls.z.tool = z }
                alpha.steps.s { order = 1, calls.a.tool = a }
                first { order = 5, steps.s { order = 1, calls.f.tool = f } }
                """);
        assertThat(planner.activeRoutes()).containsExactly("first", "alpha", "zeta");
        assertThat(planner.plan(AgentState.initial(ISSUE, Instant.EPOCH)).route()).isEqualTo("first");
    }

    @Test
    void numericComparisonsHoldOnlyForNumbersWithinTheirBounds() {
        Event withPoints = new Event("jira:2", "jira", "issue_created", "PROJ-2", Instant.EPOCH, "pm@x.io", "api",
                Map.of("story_points", 8, "load", "4.5", "name", "eight"), Map.of());
        RulesPlanner planner = planner("""
                big { order = 1, when { "$.event.attributes.story_points" { gte = 8, lt = 13 },
                                        "$.event.attributes.load" { gt = 4 } }
                      steps.s { order = 1, calls.a.tool = a } }
                text { order = 2, when { "$.event.attributes.name" { gt = 1 } }, steps.s { order = 1, calls.b.tool = b } }
                absent { order = 3, when { "$.event.attributes.missing" { lte = 100 } }
                         steps.s { order = 1, calls.c.tool = c } }
                any { order = 4, steps.s { order = 1, calls.d.tool = d } }
                """);
        assertThat(planner.plan(AgentState.initial(withPoints, Instant.EPOCH)).route()).isEqualTo("big");
        Event small = new Event("jira:3", "jira", "issue_created", "PROJ-3", Instant.EPOCH, "pm@x.io", "api",
                Map.of("story_points", 13, "load", 9, "name", "x"), Map.of());
        assertThat(planner.plan(AgentState.initial(small, Instant.EPOCH)).route())
                .as("13 is not below 13; a word is never greater than a number; a missing value never compares")
                .isEqualTo("any");
        assertThatThrownBy(() -> planner("""
                r { when { "$.event.attributes.x" { gte = many } }, steps.s { order = 1, calls.t.tool = t } }
                """)).isInstanceOf(StartupException.class).hasMessageContaining("gte needs a number");
    }

    @Test
    void templatesTakeTypedValuesInterpolateAndReportMissingPaths() {
        RulesPlanner planner = planner("""
                r.steps.s { order = 1, calls.c { tool = t, args {
                      key = "$.event.attributes.issue_key"
                      labels = "$.event.attributes.labels"
                      text = "{{$.event.attributes.issue_key}} says {{$.event.attributes.summary}}"
                      literal = 3
                      nested { gone = "$.event.attributes.nope", kept = "$.event.project" } } } }
                """);
        PlannedCall call = planner.plan(AgentState.initial(ISSUE, Instant.EPOCH)).calls().get(0);
        assertThat(call.arguments()).containsEntry("key", "PROJ-1")
                .containsEntry("labels", List.of("a", "b"))
                .containsEntry("text", "PROJ-1 says It's \"broken\" 🔥")
                .containsEntry("literal", 3)
                .containsEntry("nested", Map.of("kept", "api"));
        assertThat(call.unresolved()).containsExactly("$.event.attributes.nope");
        assertThat(call.idempotencyKey()).isEqualTo("jira:1/r/s/c");
    }

    @Test
    void forEachFansOutAndStepsAdvanceOnResults() {
        RulesPlanner planner = planner("""
                r.steps {
                  one { order = 1, calls.each { tool = t, for-each = "$.event.attributes.labels",
                                                when { "$.item" { not = b } }, args { label = "$.item", at = "$.index" } } }
                  two { order = 2, calls.use { tool = u, args { first = "$.steps.one.each[0].echo" } } }
                }
                """);
        AgentState state = AgentState.initial(ISSUE, Instant.EPOCH);
        Plan first = planner.plan(state);
        assertThat(first.calls()).extracting(PlannedCall::id).containsExactly("each[0]");
        assertThat(first.calls().get(0).arguments()).containsEntry("label", "a").containsEntry("at", 0);

        PlannedCall call = first.calls().get(0);
        state = state.withRound(new Round(first, List.of(new CallOutcome(call, CallOutcome.Status.OK,
                Map.of("echo", "a!"), null, null, 1, 1))));
        Plan second = planner.plan(state);
        assertThat(second.step()).isEqualTo("two");
        assertThat(second.calls().get(0).arguments()).containsEntry("first", "a!");

        state = state.withRound(new Round(second, List.of()));
        assertThat(planner.plan(state).isEmpty()).isTrue();
    }

    @Test
    void stepsRunByTheirOrderNotByHowTheyAreWritten() {
        RulesPlanner planner = planner("""
                r.steps {
                  late { order = 20, calls.b.tool = b }
                  early { order = 10, calls.a.tool = a }
                }
                """);
        AgentState state = AgentState.initial(ISSUE, Instant.EPOCH);
        Plan first = planner.plan(state);
        assertThat(first.step()).isEqualTo("early");
        Plan second = planner.plan(state.withRound(new Round(first, List.of())));
        assertThat(second.step()).isEqualTo("late");
    }

    @Test
    void mistakesInRoutesNameTheRouteTheCallAndTheLine() {
        assertThatThrownBy(() -> planner("""
                r.steps.s { order = 1, calls.t { tool = t, argz { } } }
                q { when { colour = red }, steps.s { order = 1, calls.t.tool = t } }
                p.steps.s { order = 1, calls.t { tool = t, args { x = "$.[[[" } } }
                o.steps.s { calls.t.tool = t }
                n.steps { a { order = 1, calls.t.tool = t }, b { order = 1, calls.u.tool = u } }
                m.steps { a { order = 1, calls.t { tool = t, args.x = "$.steps.b.u.id" } }, b { order = 2, calls.u.tool = u } }
                l.steps.s { order = 1, calls.t.tool = [a, b] }
                """))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("route 'r' step 's' call 't': unknown key 'argz'")
                .hasMessageContaining("String: 2")
                .hasMessageContaining("unknown condition key 'colour'")
                .hasMessageContaining("invalid JsonPath")
                .hasMessageContaining("route 'o' step 's': needs an order")
                .hasMessageContaining("route 'n': steps 'a'").hasMessageContaining("have the same order 1")
                .hasMessageContaining("reads $.steps.b.u.id, but step 'b' (order 2) does not run before step 'a'")
                .hasMessageContaining("route 'l' step 's' call 't': tool must be a tool's name, not [\"a\",\"b\"]");
    }

    @Test
    void theOldListOfRoutesIsRefusedWithWhatToWriteInstead() {
        assertThatThrownBy(() -> RulesPlanner.of(ConfigFactory.parseString(
                "agent.rules.routes = [ { name = r, steps = [] } ]").resolve(), (tool, by) -> Optional.empty(), false))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("agent.rules.routes must be an object of routes by name");
    }
}
