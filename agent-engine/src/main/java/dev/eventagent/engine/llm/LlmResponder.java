package dev.eventagent.engine.llm;

import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.Responder;
import dev.eventagent.engine.graph.TemplateResponder;
import dev.eventagent.engine.json.Json;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code llm} respond strategy: a model-written summary of what was done. When the model
 * cannot answer (or the budget is spent) the template summary stands in: a summary is never
 * worth failing an event for.
 */
public final class LlmResponder implements Responder {

    private final ModelEndpoint endpoint;
    private final TemplateResponder fallback = new TemplateResponder();

    /**
     * Creates the responder.
     *
     * @param endpoint the model
     */
    public LlmResponder(ModelEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public String respond(AgentState state) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (CallOutcome outcome : state.outcomes()) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("tool", outcome.call().tool());
            call.put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
            if (outcome.error() != null) {
                call.put("error", outcome.error());
            }
            calls.add(call);
        }
        try {
            String text = endpoint.chat(state.event().id(), List.of(
                    SystemMessage.from(EventPrompt.system("Summarise in one or two sentences what was done for the "
                            + "event, from the list of tool calls and their outcomes. Mention failures.")),
                    UserMessage.from(EventPrompt.event(state.event(), state.eventClass()) + "\n\nTool calls: "
                            + Json.write(calls))), List.of(), null).text().trim();
            return text.isEmpty() ? fallback.respond(state) : text;
        } catch (RuntimeException e) {
            return fallback.respond(state) + " (model summary unavailable: " + e.getMessage() + ")";
        }
    }
}
