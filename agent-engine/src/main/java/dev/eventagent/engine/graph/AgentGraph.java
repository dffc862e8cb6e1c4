package dev.eventagent.engine.graph;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Event;
import dev.eventagent.engine.graph.CallOutcome.Status;
import dev.eventagent.engine.ledger.EffectLedger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The agent graph: {@code classify → plan → execute → (plan → execute)* → respond}.
 *
 * <p>The loop ends when the planner returns an empty plan (the edge from plan straight to
 * respond), when a call failed (later rounds may depend on it; the runtime decides whether to
 * retry the event), or after {@code maxRounds}. Each node gets and returns an immutable
 * {@link AgentState}.
 */
public final class AgentGraph {

    private final Classifier classifier;
    private final Planner planner;
    private final CallExecutor executor;
    private final Responder responder;
    private final int maxRounds;
    private final Clock clock;
    private final EffectLedger ledger;

    /**
     * Creates the graph.
     *
     * @param classifier the classify node
     * @param planner the plan node
     * @param executor the execute node
     * @param responder the respond node
     * @param maxRounds the most plan → execute rounds per event
     * @param clock the engine's clock
     * @param ledger where plans of a non-deterministic planner are recorded and replayed from
     */
    public AgentGraph(Classifier classifier, Planner planner, CallExecutor executor, Responder responder,
            int maxRounds, Clock clock, EffectLedger ledger) {
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.responder = requireNonNull(responder, "responder is null");
        this.maxRounds = maxRounds;
        this.clock = requireNonNull(clock, "clock is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    /**
     * The planner's name.
     *
     * @return the name
     */
    public String plannerName() {
        return planner.name();
    }

    /**
     * Processes one event.
     *
     * @param event the event
     * @return the final state
     */
    public AgentState run(Event event) {
        AgentState state = AgentState.initial(event, clock.instant());
        state = state.withClassification(classify(state));
        for (int round = 0; ; round++) {
            Plan plan = plan(state, round);
            if (plan.isEmpty()) {
                if (plan.note() != null) {
                    state = state.withNote(plan.note());
                }
                break;
            }
            if (round == maxRounds) {
                state = state.withNote("stopped after agent.graph.max-rounds = " + maxRounds
                        + " rounds; the planner still proposed " + plan.calls().size() + " call(s)");
                break;
            }
            List<CallOutcome> outcomes = executor.execute(state, plan);
            state = state.withRound(new Round(plan, outcomes));
            if (outcomes.stream().anyMatch(o -> o.status() == Status.FAILED)) {
                state = state.withNote("stopped after round " + (round + 1) + ": a call failed");
                break;
            }
        }
        return state.withResponse(respond(state));
    }

    /** Round numbers of the ledger's plan records that hold the classification and the response. */
    private static final int CLASSIFICATION_ROUND = -1;
    private static final int RESPONSE_ROUND = -2;

    private Classification classify(AgentState state) {
        if (classifier.deterministic()) {
            return classifier.classify(state);
        }
        String eventId = state.event().id();
        Optional<String> recorded = ledger.recordedPlan(eventId, CLASSIFICATION_ROUND);
        if (recorded.isPresent()) {
            return PlanCodec.decodeClassification(recorded.get());
        }
        Classification classification = classifier.classify(state);
        ledger.recordPlan(eventId, CLASSIFICATION_ROUND, PlanCodec.encode(classification));
        return classification;
    }

    private String respond(AgentState state) {
        if (responder.deterministic()) {
            return responder.respond(state);
        }
        String eventId = state.event().id();
        Optional<String> recorded = ledger.recordedPlan(eventId, RESPONSE_ROUND);
        if (recorded.isPresent()) {
            return PlanCodec.decodeText(recorded.get());
        }
        String response = responder.respond(state);
        if (response != null) {
            ledger.recordPlan(eventId, RESPONSE_ROUND, PlanCodec.encode(response));
        }
        return response;
    }

    private Plan plan(AgentState state, int round) {
        if (planner.deterministic()) {
            return planner.plan(state);
        }
        String eventId = state.event().id();
        Optional<String> recorded = ledger.recordedPlan(eventId, round);
        if (recorded.isPresent()) {
            return PlanCodec.decode(recorded.get());
        }
        Plan plan = planner.plan(state);
        ledger.recordPlan(eventId, round, PlanCodec.encode(plan));
        return ledger.recordedPlan(eventId, round).map(PlanCodec::decode).orElse(plan);
    }
}
