package dev.eventagent.engine.llm;

import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.Plan;
import dev.eventagent.engine.graph.Planner;
import dev.eventagent.engine.rules.RulesPlanner;

/**
 * The {@code hybrid} planner: a matching rule route plans the event (no model call); the model
 * plans the rest. While the model is unavailable, routed events go on through the rules and the
 * others wait (their planning fails as transient and the runtime retries them later).
 */
public final class HybridPlanner implements Planner {

    private final RulesPlanner rules;
    private final LlmPlanner llm;

    /**
     * Creates the planner.
     *
     * @param rules the rules planner
     * @param llm the model planner
     */
    public HybridPlanner(RulesPlanner rules, LlmPlanner llm) {
        this.rules = rules;
        this.llm = llm;
    }

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public Plan plan(AgentState state) {
        boolean byRules = state.lastRound().map(round -> round.plan().planner().equals(rules.name()))
                .orElseGet(() -> rules.matches(state));
        return byRules ? rules.plan(state) : llm.plan(state);
    }
}
