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
}
