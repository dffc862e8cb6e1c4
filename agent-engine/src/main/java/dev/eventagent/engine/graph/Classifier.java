package dev.eventagent.engine.graph;

/** The classify node: decides the event class that routing and policy use. */
public interface Classifier {

    /**
     * Classifies.
     *
     * @param state the state so far
     * @return the classification
     */
    Classification classify(AgentState state);

    /**
     * Whether the same state always gives the same class; a classifier that is not (a model) has
     * its answer recorded in the effect ledger and replayed for a redelivered event.
     *
     * @return true by default
     */
    default boolean deterministic() {
        return true;
    }
}
