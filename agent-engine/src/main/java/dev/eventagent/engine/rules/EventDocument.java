package dev.eventagent.engine.rules;

import dev.eventagent.api.Event;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.Round;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON document templates and conditions are evaluated on:
 * <pre>
 * { "event": { "id", "source", "type", "class", "key", "time", "actor_email", "project",
 *              "attributes": {…}, "payload": {…} },
 *   "steps": { "&lt;step id&gt;": { "&lt;call id&gt;": result, "&lt;fan-out call id&gt;": [result, …] } },
 *   "item": the current for-each element, "index": its position }
 * </pre>
 */
final class EventDocument {

    private EventDocument() {
    }

    static Map<String, Object> of(AgentState state) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", event(state.event(), state.eventClass()));
        doc.put("steps", steps(state.rounds()));
        return doc;
    }

    static Map<String, Object> withItem(Map<String, Object> doc, Object item, int index) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.put("item", item);
        copy.put("index", index);
        return copy;
    }

    private static Map<String, Object> event(Event event, String eventClass) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", event.id());
        map.put("source", event.source());
        map.put("type", event.type());
        map.put("class", eventClass);
        map.put("key", event.key());
        map.put("time", event.time().toString());
        map.put("actor_email", event.actorEmail());
        map.put("project", event.project());
        map.put("attributes", event.attributes());
        map.put("payload", event.payload());
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> steps(List<Round> rounds) {
        Map<String, Object> steps = new LinkedHashMap<>();
        for (Round round : rounds) {
            Map<String, Object> calls = (Map<String, Object>) steps.computeIfAbsent(round.plan().step(),
                    k -> new LinkedHashMap<String, Object>());
            for (CallOutcome outcome : round.outcomes()) {
                String id = outcome.call().id();
                int bracket = id.indexOf('[');
                if (bracket > 0) {
                    List<Object> results = (List<Object>) calls.computeIfAbsent(id.substring(0, bracket),
                            k -> new ArrayList<>());
                    results.add(outcome.result());
                } else {
                    calls.put(id, outcome.result());
                }
            }
        }
        return steps;
    }
}
