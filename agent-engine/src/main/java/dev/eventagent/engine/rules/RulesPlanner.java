package dev.eventagent.engine.rules;

import com.typesafe.config.ConfigList;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.Plan;
import dev.eventagent.engine.graph.PlannedCall;
import dev.eventagent.engine.graph.Planner;
import dev.eventagent.engine.graph.Round;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code rules} planner: the first active route whose condition holds for the event decides,
 * one step per round. A route that names a tool that is not installed is inactive: reported at
 * start-up and never matched.
 */
public final class RulesPlanner implements Planner {

    private static final Logger LOG = LoggerFactory.getLogger(RulesPlanner.class);

    private final List<Route> active;
    private final Map<String, String> inactive;
    private final boolean dryRun;

    private RulesPlanner(List<Route> active, Map<String, String> inactive, boolean dryRun) {
        this.active = active;
        this.inactive = inactive;
        this.dryRun = dryRun;
    }

    /**
     * Builds the planner.
     *
     * @param routes {@code agent.rules.routes}
     * @param installed whether a tool is installed
     * @param dryRun plan for a dry run: inactive routes still plan (their missing tools are then
     *     reported per call), and conditions on earlier results count as holding
     * @return the planner
     */
    public static RulesPlanner of(ConfigList routes, Predicate<String> installed, boolean dryRun) {
        List<Route> active = new ArrayList<>();
        Map<String, String> inactive = new LinkedHashMap<>();
        for (Route route : RouteParser.parse(routes)) {
            Set<String> missing = route.tools().stream().filter(installed.negate())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (missing.isEmpty() || dryRun) {
                active.add(route);
            }
            if (missing.isEmpty()) {
                LOG.info("Route '{}' is active ({} steps, tools {})", route.name(), route.steps().size(), route.tools());
            } else {
                String why = "tool(s) " + String.join(", ", missing) + " not installed or disabled";
                inactive.put(route.name(), why);
                LOG.warn("Route '{}' ({}) is inactive: {}", route.name(), route.origin(), why);
            }
        }
        return new RulesPlanner(List.copyOf(active), Map.copyOf(inactive), dryRun);
    }

    @Override
    public String name() {
        return "rules";
    }

    /**
     * The routes that cannot run and why.
     *
     * @return route name → reason
     */
    public Map<String, String> inactiveRoutes() {
        return new LinkedHashMap<>(inactive);
    }

    /**
     * The names of the routes that can run, in match order.
     *
     * @return the names
     */
    public List<String> activeRoutes() {
        return active.stream().map(Route::name).toList();
    }

    /**
     * Whether some active route matches the event.
     *
     * @param state the state
     * @return true when a route would plan
     */
    public boolean matches(AgentState state) {
        return match(EventDocument.of(state)).isPresent();
    }

    @Override
    public Plan plan(AgentState state) {
        Map<String, Object> document = EventDocument.of(state);
        Route route;
        int next;
        Optional<Round> last = state.lastRound();
        if (last.isEmpty()) {
            Optional<Route> matched = match(document);
            if (matched.isEmpty()) {
                String note = "no route matched " + state.eventClass()
                        + (inactive.isEmpty() ? "" : " (inactive routes: " + String.join(", ", inactive.keySet()) + ")");
                return Plan.done(name(), "none", note);
            }
            route = matched.get();
            next = 0;
        } else {
            String routeName = last.get().plan().route();
            route = active.stream().filter(r -> r.name().equals(routeName)).findFirst().orElseThrow();
            next = indexOf(route, last.get().plan().step()) + 1;
        }
        for (int i = next; i < route.steps().size(); i++) {
            Route.Step step = route.steps().get(i);
            List<PlannedCall> calls = calls(state, route, step, document);
            if (!calls.isEmpty()) {
                return new Plan(name(), route.name(), step.id(), calls, null);
            }
        }
        return Plan.done(name(), route.name(), last.isEmpty()
                ? "route " + route.name() + " matched but its conditions left nothing to do" : null);
    }

    private Optional<Route> match(Map<String, Object> document) {
        return active.stream().filter(route -> route.when().test(document)).findFirst();
    }

    private static int indexOf(Route route, String stepId) {
        for (int i = 0; i < route.steps().size(); i++) {
            if (route.steps().get(i).id().equals(stepId)) {
                return i;
            }
        }
        throw new IllegalStateException("route " + route.name() + " has no step " + stepId);
    }

    private List<PlannedCall> calls(AgentState state, Route route, Route.Step step,
            Map<String, Object> document) {
        List<PlannedCall> calls = new ArrayList<>();
        String keyPrefix = state.event().id() + "/" + route.name() + "/" + step.id() + "/";
        for (Route.CallSpec spec : step.calls()) {
            if (spec.forEach() == null) {
                if (spec.when().test(document, dryRun)) {
                    calls.add(call(spec, spec.id(), keyPrefix, document));
                }
                continue;
            }
            Object items = JsonPaths.read(document, spec.forEach()).orElse(List.of());
            if (!(items instanceof List<?> list)) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> itemDocument = EventDocument.withItem(document, list.get(i), i);
                if (spec.when().test(itemDocument, dryRun)) {
                    calls.add(call(spec, spec.id() + "[" + i + "]", keyPrefix, itemDocument));
                }
            }
        }
        return calls;
    }

    private static PlannedCall call(Route.CallSpec spec, String id, String keyPrefix, Map<String, Object> document) {
        ArgumentTemplate.Rendered rendered = spec.args().render(document);
        return new PlannedCall(id, spec.tool(), rendered.arguments(), keyPrefix + id, rendered.unresolved());
    }
}
