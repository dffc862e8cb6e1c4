package dev.eventagent.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.Classification;
import dev.eventagent.engine.graph.Classifier;
import dev.eventagent.engine.json.Json;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ResponseFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code llm} classify strategy: the model names the event's class from the known ones, as a
 * JSON object {@code {"event_class": "..."}}. Output that is not JSON, not of that shape, or names
 * an unknown class falls back to the normaliser's class (the audit says so).
 */
public final class LlmClassifier implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(LlmClassifier.class);

    private final ModelEndpoint endpoint;
    private final Set<String> known;

    /**
     * Creates the classifier.
     *
     * @param endpoint the model
     * @param known the classes it may choose from (besides the normaliser's own)
     */
    public LlmClassifier(ModelEndpoint endpoint, Set<String> known) {
        this.endpoint = endpoint;
        this.known = new TreeSet<>(known);
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public Classification classify(AgentState state) {
        String fallback = state.event().eventClass();
        Set<String> choices = new TreeSet<>(known);
        choices.add(fallback);
        String text;
        try {
            text = endpoint.chat(state.event().id(), List.of(
                    SystemMessage.from(EventPrompt.system("Classify the event. Answer with a JSON object "
                            + "{\"event_class\": \"<one of " + choices + ">\"} and nothing else.")),
                    UserMessage.from(EventPrompt.event(state.event(), fallback))), List.of(), ResponseFormat.JSON)
                    .text();
        } catch (RuntimeException e) {
            return new Classification(fallback, "normalizer (model unavailable: " + e.getMessage() + ")");
        }
        try {
            JsonNode answer = Json.MAPPER.readTree(text);
            String chosen = answer.path("event_class").asText("");
            if (choices.contains(chosen)) {
                return new Classification(chosen, "llm");
            }
            return new Classification(fallback, "normalizer (the model named an unknown class '"
                    + (chosen.length() > 80 ? chosen.substring(0, 80) : chosen) + "')");
        } catch (Exception e) {
            LOG.debug("Unusable classification {}", text, e);
            return new Classification(fallback, "normalizer (the model's answer was not the JSON asked for)");
        }
    }
}
