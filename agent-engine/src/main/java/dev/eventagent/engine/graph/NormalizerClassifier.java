package dev.eventagent.engine.graph;

/** The {@code normalizer} classify strategy: the class the normaliser gave, {@code source.type}. */
public final class NormalizerClassifier implements Classifier {

    @Override
    public Classification classify(AgentState state) {
        return new Classification(state.event().eventClass(), "normalizer");
    }
}
