package dev.eventagent.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
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
import org.junit.jupiter.api.Test;

class RulesPlannerTest {

    private static final Event ISSUE = new Event("jira:1", "jira", "issue_created", "PROJ-1", Instant.EPOCH,
            "pm@x.io", "api", Map.of("issue_key", "PROJ-1", "priority", "High", "summary", "It's \"broken\" 🔥",
                    "labels", List.of("a", "b")), Map.of());

    private static ConfigList routes(String hocon) {
        return ConfigFactory.parseString("routes = " + hocon).getList("routes");
    }

    private static RulesPlanner planner(String hocon) {
        return RulesPlanner.of(routes(hocon), tool -> true, false);
    }

    @Test
    void firstMatchingRouteWinsAndConditionsSupportOperators() {
        RulesPlanner planner = planner("""
                [ { name = low, when { source = jira, "$.event.attributes.priority" = Low }, steps = [ { id = s, calls = [ { tool = a } ] } ] }
                  { name = high, when { source = jira, "$.event.attributes.priority" = [Medium, High],
                                        "$.event.attributes.summary" { matches = "broken" },
                                        "$.event.attributes.missing" { exists = false },
                                        type { not = issue_deleted } },
                    steps = [ { id = s, calls = [ { tool = b } ] } ] }
                  { name = any, steps = [ { id = s, calls = [ { tool = c } ] } ] } ]
                """);
        Plan plan = planner.plan(AgentState.initial(ISSUE, Instant.EPOCH));
        assertThat(plan.route()).isEqualTo("high");
        assertThat(plan.calls()).extracting(PlannedCall::tool).containsExactly("b");
    }

    @Test
    void numericComparisonsHoldOnlyForNumbersWithinTheirBounds() {
        Event withPoints = new Event("jira:2", "jira", "issue_created", "PROJ-2", Instant.EPOCH, "pm@x.io", "api",
                Map.of("story_points", 8, "load", "4.5", "name", "eight"), Map.of());
        RulesPlanner planner = planner("""
                [ { name = big, when { "$.event.attributes.story_points" { gte = 8, lt = 13 },
                                       "$.event.attributes.load" { gt = 4 } },
                    steps = [ { id = s, calls = [ { tool = a } ] } ] }
                  { name = text, when { "$.event.attributes.name" { gt = 1 } }, steps = [ { id = s, calls = [ { tool = b } ] } ] }
                  { name = absent, when { "$.event.attributes.missing" { lte = 100 } }, steps = [ { id = s, calls = [ { tool = c } ] } ] }
                  { name = any, steps = [ { id = s, calls = [ { tool = d } ] } ] } ]
                """);
        assertThat(planner.plan(AgentState.initial(withPoints, Instant.EPOCH)).route()).isEqualTo("big");
        Event small = new Event("jira:3", "jira", "issue_created", "PROJ-3", Instant.EPOCH, "pm@x.io", "api",
                Map.of("story_points", 13, "load", 9, "name", "x"), Map.of());
        assertThat(planner.plan(AgentState.initial(small, Instant.EPOCH)).route())
                .as("13 is not below 13; a word is never greater than a number; a missing value never compares")
                .isEqualTo("any");
        assertThatThrownBy(() -> planner("""
                [ { name = r, when { "$.event.attributes.x" { gte = many } }, steps = [ { id = s, calls = [ { tool = t } ] } ] } ]
                """)).isInstanceOf(StartupException.class).hasMessageContaining("gte needs a number");
    }

    @Test
    void templatesTakeTypedValuesInterpolateAndReportMissingPaths() {
        RulesPlanner planner = planner("""
                [ { name = r, steps = [ { id = s, calls = [ { id = c, tool = t, args {
                      key = "$.event.attributes.issue_key"
                      labels = "$.event.attributes.labels"
                      text = "{{$.event.attributes.issue_key}} says {{$.event.attributes.summary}}"
                      literal = 3
                      nested { gone = "$.event.attributes.nope", kept = "$.event.project" } } } ] } ] } ]
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
                [ { name = r, steps = [
                    { id = one, calls = [ { id = each, tool = t, for-each = "$.event.attributes.labels",
                                            when { "$.item" { not = b } }, args { label = "$.item", at = "$.index" } } ] }
                    { id = two, calls = [ { id = use, tool = u, args { first = "$.steps.one.each[0].echo" } } ] } ] } ]
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
    void routesWithMissingToolsAreInactiveAndNeverMatch() {
        RulesPlanner planner = RulesPlanner.of(routes("""
                [ { name = needs-missing, steps = [ { id = s, calls = [ { tool = missing_tool } ] } ] } ]
                """), tool -> !tool.equals("missing_tool"), false);
        assertThat(planner.inactiveRoutes()).containsKey("needs-missing");
        assertThat(planner.inactiveRoutes().get("needs-missing")).contains("missing_tool");
        Plan plan = planner.plan(AgentState.initial(ISSUE, Instant.EPOCH));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.note()).contains("no route matched jira.issue_created").contains("needs-missing");
    }

    @Test
    void mistakesInRoutesNameTheRouteAndTheLine() {
        assertThatThrownBy(() -> planner("""
                [ { name = r, steps = [ { id = s, calls = [ { tool = t, argz { } } ] } ] }
                  { name = q, when { colour = red }, steps = [ { id = s, calls = [ { tool = t } ] } ] }
                  { name = p, steps = [ { id = s, calls = [ { tool = t, args { x = "$.[[[" } } ] } ] } ]
                """))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("route 'r'").hasMessageContaining("unknown key 'argz'")
                .hasMessageContaining("String: 1")
                .hasMessageContaining("unknown condition key 'colour'")
                .hasMessageContaining("invalid JsonPath");
    }
}
