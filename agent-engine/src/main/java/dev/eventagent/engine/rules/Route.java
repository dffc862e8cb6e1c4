package dev.eventagent.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A rule route: when its condition holds for an event, its steps run in order, the calls of a
 * step in parallel. Later steps see earlier results under {@code $.steps.<step>.<call>}.
 *
 * @param name the route's name
 * @param description what it is for
 * @param when the condition on the event
 * @param order where it stands among the routes (lower is tried first; ties by name)
 * @param steps the steps, in the order they run
 * @param origin where it was defined
 */
record Route(String name, String description, Condition when, int order, List<Step> steps, String origin) {

    /**
     * A step.
     *
     * @param id its id
     * @param order where it runs in its route (lower first)
     * @param calls its calls, by id
     * @param origin where it was defined
     */
    record Step(String id, int order, List<CallSpec> calls, String origin) {

        Step withCalls(List<CallSpec> remaining) {
            return new Step(id, order, List.copyOf(remaining), origin);
        }
    }

    /**
     * A call of a step.
     *
     * @param id its id within the step
     * @param tool the tool
     * @param forEach a JsonPath to an array: one call per element, bound to {@code $.item}
     * @param when a condition, evaluated per element
     * @param args the argument template
     * @param required whether the route cannot run without this call
     * @param reads the earlier results it reads ({@code $.steps.<step>[.<call>]})
     * @param origin where it was defined
     */
    record CallSpec(String id, String tool, String forEach, Condition when, ArgumentTemplate args, boolean required,
            Set<StepReference> reads, String origin) {
    }

    /**
     * An earlier result a call reads.
     *
     * @param step the step's id
     * @param call the call's id, or {@code null} for the whole step
     * @param path the path that reads it, as written
     */
    record StepReference(String step, String call, String path) {
    }

    Route withSteps(List<Step> remaining) {
        return new Route(name, description, when, order, List.copyOf(remaining), origin);
    }

    List<String> tools() {
        List<String> tools = new ArrayList<>();
        for (Step step : steps) {
            for (CallSpec call : step.calls()) {
                if (!tools.contains(call.tool())) {
                    tools.add(call.tool());
                }
            }
        }
        return tools;
    }
}
