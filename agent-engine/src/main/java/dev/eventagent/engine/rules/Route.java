package dev.eventagent.engine.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule route: when its condition holds for an event, its steps run in order, the calls of a
 * step in parallel. Later steps see earlier results under {@code $.steps.<step>.<call>}.
 *
 * @param name the route's name
 * @param description what it is for
 * @param when the condition on the event
 * @param steps the steps
 * @param origin where it was defined
 */
record Route(String name, String description, Condition when, List<Step> steps, String origin) {

    /**
     * A step.
     *
     * @param id its id
     * @param calls its calls
     */
    record Step(String id, List<CallSpec> calls) {
    }

    /**
     * A call of a step.
     *
     * @param id its id within the step
     * @param tool the tool
     * @param forEach a JsonPath to an array: one call per element, bound to {@code $.item}
     * @param when a condition, evaluated per element
     * @param args the argument template
     */
    record CallSpec(String id, String tool, String forEach, Condition when, ArgumentTemplate args) {
    }

    Set<String> tools() {
        Set<String> tools = new LinkedHashSet<>();
        for (Step step : steps) {
            for (CallSpec call : step.calls()) {
                tools.add(call.tool());
            }
        }
        return tools;
    }
}
