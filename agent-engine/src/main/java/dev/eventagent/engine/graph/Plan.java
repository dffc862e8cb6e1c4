package dev.eventagent.engine.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One round of calls a planner proposes; an empty plan ends the loop and goes to respond.
 *
 * @param planner the planner's name, e.g. {@code rules}
 * @param route the matched route, or a planner-specific label
 * @param step the step's id within the route
 * @param calls the calls, run in parallel
 * @param note why the plan is what it is (e.g. "no route matched"), or {@code null}
 */
public record Plan(String planner, String route, String step, List<PlannedCall> calls, String note) {

    /** Validates and copies the fields. */
    public Plan {
        requireNonNull(planner, "planner is null");
        requireNonNull(route, "route is null");
        requireNonNull(step, "step is null");
        calls = List.copyOf(calls);
    }

    /**
     * A plan that ends the loop.
     *
     * @param planner the planner
     * @param route the route or label
     * @param note why
     * @return the plan
     */
    public static Plan done(String planner, String route, String note) {
        return new Plan(planner, route, "", List.of(), note);
    }

    /**
     * Whether there is nothing to run.
     *
     * @return true when the plan has no calls
     */
    public boolean isEmpty() {
        return calls.isEmpty();
    }
}
