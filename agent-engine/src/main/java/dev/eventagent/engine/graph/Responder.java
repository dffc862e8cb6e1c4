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
}
