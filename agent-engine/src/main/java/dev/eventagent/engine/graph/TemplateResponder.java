package dev.eventagent.engine.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code template} respond strategy: a one-line summary of what each call did, no model. */
public final class TemplateResponder implements Responder {

    @Override
    public String respond(AgentState state) {
        List<CallOutcome> outcomes = state.outcomes();
        String route = state.rounds().isEmpty() ? "" : " via " + state.rounds().get(0).plan().route();
        if (outcomes.isEmpty()) {
            String why = state.notes().isEmpty() ? "nothing to do" : String.join("; ", state.notes());
            return state.eventClass() + " " + state.event().id() + ": " + why;
        }
        Map<CallOutcome.Status, List<CallOutcome>> byStatus = outcomes.stream().collect(
                Collectors.groupingBy(CallOutcome::status, LinkedHashMap::new, Collectors.toList()));
        String parts = byStatus.entrySet().stream()
                .map(e -> e.getValue().size() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " ("
                        + e.getValue().stream().map(o -> o.call().tool()).distinct().collect(Collectors.joining(", "))
                        + ")")
                .collect(Collectors.joining(", "));
        return state.eventClass() + " " + state.event().id() + route + ": " + parts;
    }
}
