package dev.eventagent.engine.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Composes the parsed routes with what is installed: a call whose tool cannot run is left out,
 * and so is every call that reads its result; a route stays active while any call remains,
 * unless a call marked {@code required} is left out.
 */
final class RouteComposer {

    /**
     * The composed routes.
     *
     * @param active the routes that plan, each with only its remaining calls, in match order
     * @param statuses every route's state and calls, in match order
     */
    record Composed(List<Route> active, List<RouteStatus> statuses) {
    }

    private RouteComposer() {
    }

    static Composed compose(RouteParser.Parsed parsed, RouteSources sources, RulesPlanner.Availability availability) {
        List<Route> active = new ArrayList<>();
        List<RouteStatus> statuses = new ArrayList<>();
        for (Route route : parsed.routes()) {
            List<RouteStatus.Call> calls = new ArrayList<>();
            Map<String, String> leftOut = new HashMap<>();
            Set<String> kept = new HashSet<>();
            Set<String> keptSteps = new HashSet<>();
            boolean defined = route.steps().stream().anyMatch(step -> !step.calls().isEmpty());
            Map<String, String> notRun = new HashMap<>();
            List<RouteParser.NotRun> ownNotRun = parsed.notRun().stream()
                    .filter(off -> off.route().equals(route.name())).toList();
            ownNotRun.forEach(off -> notRun.put(off.step() + "/" + off.call(),
                    off.switchedOff() ? "is switched off" : "is not contributed by any installed plugin"));
            List<Route.Step> steps = new ArrayList<>();
            String requiredMissing = null;
            for (Route.Step step : route.steps()) {
                List<Route.CallSpec> remaining = new ArrayList<>();
                for (Route.CallSpec call : step.calls()) {
                    Optional<String> why = availability.whyNot(call.tool(),
                            sources.contributors(route.name(), step.id(), call.id()));
                    if (why.isEmpty()) {
                        why = unreadable(call, route, kept, keptSteps, leftOut, notRun);
                    }
                    String key = step.id() + "/" + call.id();
                    if (why.isPresent()) {
                        leftOut.put(key, why.get());
                        calls.add(new RouteStatus.Call(step.id(), call.id(), call.tool(), why.get()));
                        if (call.required() && requiredMissing == null) {
                            requiredMissing = "its required call " + key + " (" + call.tool() + ") is left out: "
                                    + why.get();
                        }
                    } else {
                        kept.add(key);
                        remaining.add(call);
                        calls.add(new RouteStatus.Call(step.id(), call.id(), call.tool(), null));
                    }
                }
                if (!remaining.isEmpty()) {
                    keptSteps.add(step.id());
                    steps.add(step.withCalls(remaining));
                }
            }
            for (RouteParser.NotRun off : ownNotRun) {
                calls.add(new RouteStatus.Call(off.step(), off.call(), off.tool(), off.why()));
                if (off.required() && requiredMissing == null) {
                    requiredMissing = "its required call " + off.step() + "/" + off.call() + " is left out: " + off.why();
                }
            }
            if (requiredMissing != null) {
                statuses.add(new RouteStatus(route.name(), RouteStatus.State.INACTIVE, requiredMissing, calls));
            } else if (steps.isEmpty()) {
                statuses.add(new RouteStatus(route.name(), RouteStatus.State.INACTIVE,
                        defined ? "every call is left out" : "it has no calls", calls));
            } else {
                statuses.add(new RouteStatus(route.name(), RouteStatus.State.ACTIVE, null, calls));
                active.add(route.withSteps(steps));
            }
        }
        parsed.switchedOff().forEach((name, where) -> statuses.add(new RouteStatus(name, RouteStatus.State.OFF,
                "switched off at " + where, List.of())));
        return new Composed(List.copyOf(active), List.copyOf(statuses));
    }

    /** A call that reads a result no remaining call gives is left out with it. */
    private static Optional<String> unreadable(Route.CallSpec call, Route route, Set<String> kept,
            Set<String> keptSteps, Map<String, String> leftOut, Map<String, String> notRun) {
        for (Route.StepReference read : call.reads()) {
            if (read.call() == null) {
                if (!keptSteps.contains(read.step())) {
                    boolean exists = route.steps().stream().anyMatch(s -> s.id().equals(read.step()));
                    return Optional.of("it reads " + read.path() + ", but step " + read.step()
                            + (exists ? " has no call left" : notRun.containsKey(read.step() + "/*")
                                    ? " is switched off" : " is not in this route (no installed plugin contributes it)"));
                }
                continue;
            }
            String key = read.step() + "/" + read.call();
            if (kept.contains(key)) {
                continue;
            }
            if (leftOut.containsKey(key)) {
                return Optional.of("it reads " + read.path() + ", and " + key + " is left out");
            }
            String gone = notRun.getOrDefault(key, notRun.get(read.step() + "/*"));
            if (gone != null) {
                return Optional.of("it reads " + read.path() + ", and " + key + " " + gone);
            }
            return Optional.of("it reads " + read.path() + ", but no installed plugin contributes " + key
                    + " to this route");
        }
        return Optional.empty();
    }
}
