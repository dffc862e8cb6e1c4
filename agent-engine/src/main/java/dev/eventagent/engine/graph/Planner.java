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
}
