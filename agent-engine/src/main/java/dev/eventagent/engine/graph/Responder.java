package dev.eventagent.engine.graph;

/** The respond node: summarises what was done. */
public interface Responder {

    /**
     * Summarises.
     *
     * @param state the final state
     * @return the summary, or {@code null} for none
     */
    String respond(AgentState state);

    /**
     * Whether the same state always gives the same summary; one that is not (a model) has its
     * summary recorded in the effect ledger and replayed for a redelivered event.
     *
     * @return true by default
     */
    default boolean deterministic() {
        return true;
    }
}
