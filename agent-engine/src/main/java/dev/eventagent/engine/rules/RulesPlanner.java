package dev.eventagent.engine.rules;

import com.typesafe.config.Config;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.Plan;
import dev.eventagent.engine.graph.PlannedCall;
import dev.eventagent.engine.graph.Planner;
import dev.eventagent.engine.graph.Round;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code rules} planner: the first active route whose condition holds for the event decides,
 * one step per round. Routes are composed at start-up from the installed plugins' contributions
 * and the operator's {@code agent.rules.routes} ({@link RouteSources}); a call whose tool cannot
 * run here is left out, with every call that reads its result, and named once in the log.
 */
public final class RulesPlanner implements Planner {

    private static final Logger LOG = LoggerFactory.getLogger(RulesPlanner.class);

    /** Why a tool cannot run here. */
    @FunctionalInterface
    public interface Availability {

        /**
         * Why a call's tool cannot run.
         *
         * @param tool the tool
         * @param contributors who contributed the call: plugin names, or {@code agent.rules.routes}
         * @return empty when it can run, else the reason, e.g. "no installed plugin provides it"
         */
        Optional<String> whyNot(String tool, Set<String> contributors);
    }

    private final List<Route> active;
    private final List<RouteStatus> statuses;
    private final boolean dryRun;

    private RulesPlanner(List<Route> active, List<RouteStatus> statuses, boolean dryRun) {
        this.active = active;
        this.statuses = statuses;
        this.dryRun = dryRun;
    }

    /**
     * Builds the planner from a resolved config, and logs what it left out.
     *
     * @param config the resolved config ({@code agent.rules.routes} and every
     *     {@code agent.plugins.<name>.routes})
     * @param availability why a tool cannot run here
     * @param dryRun plan for a dry run: conditions on earlier results ({@code $.steps…}) count as
     *     holding, since nothing ran; which routes and calls plan is exactly as in a live run
     * @return the planner
     */
    public static RulesPlanner of(Config config, Availability availability, boolean dryRun) {
        RouteSources sources = RouteSources.of(config);
        RouteComposer.Composed composed = RouteComposer.compose(RouteParser.parse(sources.merged()), sources,
                availability);
        sources.warnings().forEach(warning -> LOG.warn("Routes: {}", warning));
        for (RouteStatus status : composed.statuses()) {
            for (RouteStatus.Call call : status.leftOutCalls()) {
                LOG.info("route {}: {} left out: {} ({}/{})", status.name(), call.tool() == null ? "a call" : call.tool(),
                        call.leftOut(), call.step(), call.id());
            }
            switch (status.state()) {
                case ACTIVE -> LOG.info("Route '{}' is active ({} call(s))", status.name(), status.activeCalls().size());
                case INACTIVE -> LOG.warn("Route '{}' is inactive: {}", status.name(), status.reason());
                case OFF -> LOG.info("Route '{}' is {}", status.name(), status.reason());
            }
        }
        return new RulesPlanner(composed.active(), composed.statuses(), dryRun);
    }

    @Override
    public String name() {
        return "rules";
    }

    /**
     * Every route with its state and its active and left-out calls, in match order.
     *
     * @return the statuses
     */
    public List<RouteStatus> routes() {
        return statuses;
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
                List<String> inactive = statuses.stream().filter(s -> s.state() == RouteStatus.State.INACTIVE)
                        .map(RouteStatus::name).toList();
                String note = "no route matched " + state.eventClass()
                        + (inactive.isEmpty() ? "" : " (inactive routes: " + String.join(", ", inactive) + ")");
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

    private List<PlannedCall> calls(AgentState state, Route route, Route.Step step, Map<String, Object> document) {
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
