package dev.eventagent.engine.graph;

/** The plan node: proposes the next round of calls, or an empty plan when done. */
public interface Planner {

    /**
     * The planner's name, as {@code agent.graph.plan} selects it.
     *
     * @return the name
     */
    String name();

    /**
     * Plans the next round.
     *
     * @param state the state so far, with every earlier round's outcomes
     * @return the next round's calls; empty to finish
     */
    Plan plan(AgentState state);

    /**
     * Whether the same state always gives the same plan. A planner that is not (a language model)
     * has its plans recorded in the effect ledger, and a redelivered event replays them instead
     * of planning again.
     *
     * @return true by default
     */
    default boolean deterministic() {
        return true;
    }
}
