package dev.eventagent.engine.llm;

import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.Plan;
import dev.eventagent.engine.graph.PlannedCall;
import dev.eventagent.engine.graph.Planner;
import dev.eventagent.engine.graph.Round;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.policy.ToolPolicy;
import dev.eventagent.engine.tool.RegisteredTool;
import dev.eventagent.engine.tool.ToolRegistry;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code llm} planner: native tool calling over several rounds. The model is offered only the
 * tools {@code agent.policy.classes} allows for the event's class; each round's tool results go
 * back to it until it answers without calling a tool. What it proposes is checked by the engine,
 * not trusted: an unknown tool, a tool it was not offered, or arguments that are not JSON are
 * refused (reported back to the model once, recorded in the audit, never run); schema and
 * argument constraints are checked by the executor like every planner's calls.
 */
public final class LlmPlanner implements Planner {

    static final String INSTRUCTIONS = "You are Event Agent, an engineering-operations assistant. For each event, "
            + "decide which of the offered tools to call so that the event is stored, the engineering graph is "
            + "kept current, the right person is assigned, and people are told when it matters. Call tools with "
            + "exact arguments taken from the event. Call independent tools together in one turn. When you have "
            + "done what the event calls for, reply with one short sentence and no tool call.";

    private final ModelEndpoint endpoint;
    private final ToolRegistry registry;
    private final ToolPolicy policy;

    /**
     * Creates the planner.
     *
     * @param endpoint the model
     * @param registry the tools
     * @param policy which tools each event class may use
     */
    public LlmPlanner(ModelEndpoint endpoint, ToolRegistry registry, ToolPolicy policy) {
        this.endpoint = endpoint;
        this.registry = registry;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    /**
     * The tools offered for an event class: its allowlist, as far as installed; none without one.
     *
     * @param eventClass the class
     * @return the tools
     */
    public List<RegisteredTool> offered(String eventClass) {
        return policy.allowlist(eventClass).orElse(List.of()).stream()
                .map(registry::find).flatMap(Optional::stream).toList();
    }

    @Override
    public Plan plan(AgentState state) {
        List<RegisteredTool> offered = offered(state.eventClass());
        if (offered.isEmpty()) {
            return Plan.done(name(), name(), "no tools are offered to the model for events of class "
                    + state.eventClass() + " (agent.policy.classes)");
        }
        List<ToolSpecification> specs = offered.stream().map(t -> ToolSpecs.of(t.descriptor())).toList();
        ModelEndpoint.Reply reply;
        try {
            reply = endpoint.chat(state.event().id(), conversation(state), specs, null);
        } catch (ModelEndpoint.BudgetSpentException e) {
            return Plan.done(name(), name(), e.getMessage());
        } catch (ModelUnavailableException e) {
            throw new TransientToolException("the model cannot plan now, the event waits: " + e.getMessage(), e);
        }
        if (!reply.message().hasToolExecutionRequests()) {
            String text = reply.text();
            return Plan.done(name(), name(), text.isBlank() ? "the model called no tool"
                    : "the model: " + (text.length() > 500 ? text.substring(0, 500) + "…" : text));
        }
        int round = state.rounds().size();
        List<String> offeredNames = offered.stream().map(RegisteredTool::name).toList();
        List<PlannedCall> calls = new ArrayList<>();
        int index = 0;
        for (ToolExecutionRequest request : reply.message().toolExecutionRequests()) {
            calls.add(call(state, request, round, index++, offeredNames));
        }
        if (allRejected(calls) && state.lastRound().map(LlmPlanner::hadRejections).orElse(false)) {
            return Plan.done(name(), name(), "the model proposed only refused calls again after being told why; "
                    + "stopped (" + calls.stream().map(PlannedCall::rejection).toList() + ")");
        }
        return new Plan(name(), name(), "round-" + round, calls, null);
    }

    private PlannedCall call(AgentState state, ToolExecutionRequest request, int round, int index,
            List<String> offeredNames) {
        String id = request.id() != null && request.id().matches("[A-Za-z0-9_.:-]{1,64}") ? request.id()
                : "call-" + round + "-" + index;
        String key = state.event().id() + "/llm/round-" + round + "/" + id;
        String tool = String.valueOf(request.name());
        String rejection = null;
        Map<String, Object> arguments = Map.of();
        try {
            arguments = request.arguments() == null || request.arguments().isBlank() ? Map.of()
                    : Json.readObject(request.arguments());
        } catch (IOException e) {
            String raw = String.valueOf(request.arguments());
            rejection = "the arguments of " + tool + " are not a JSON object: "
                    + (raw.length() > 200 ? raw.substring(0, 200) + "…" : raw);
        }
        if (!offeredNames.contains(tool)) {
            rejection = registry.find(tool).isPresent()
                    ? "tool " + tool + " was not offered for events of class " + state.eventClass()
                    : "unknown tool " + tool + ": no such tool exists";
        }
        return new PlannedCall(id, tool, arguments, key, List.of(), rejection);
    }

    private static boolean allRejected(List<PlannedCall> calls) {
        return calls.stream().allMatch(c -> c.rejection() != null);
    }

    private static boolean hadRejections(Round round) {
        return round.outcomes().stream().anyMatch(o -> o.status() == CallOutcome.Status.INVALID
                || o.status() == CallOutcome.Status.DENIED);
    }

    /** The conversation so far: the event, then each round's calls and what became of them. */
    private static List<ChatMessage> conversation(AgentState state) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(EventPrompt.system(INSTRUCTIONS)));
        messages.add(UserMessage.from(EventPrompt.event(state.event(), state.eventClass())
                + "\n\nDecide which tools to call for this event."));
        for (Round round : state.rounds()) {
            List<ToolExecutionRequest> requests = new ArrayList<>();
            for (PlannedCall call : round.plan().calls()) {
                requests.add(ToolExecutionRequest.builder().id(call.id()).name(call.tool())
                        .arguments(Json.write(call.arguments())).build());
            }
            messages.add(AiMessage.from(requests));
            for (CallOutcome outcome : round.outcomes()) {
                messages.add(ToolExecutionResultMessage.from(outcome.call().id(), outcome.call().tool(),
                        resultText(outcome)));
            }
        }
        return messages;
    }

    private static String resultText(CallOutcome outcome) {
        if (outcome.status() == CallOutcome.Status.OK) {
            String json = Json.write(outcome.result());
            return json.length() > 8_000 ? json.substring(0, 8_000) + "…(cut)" : json;
        }
        return "NOT EXECUTED (" + outcome.status().name().toLowerCase(java.util.Locale.ROOT) + "): "
                + (outcome.error() == null ? "" : outcome.error());
    }
}
