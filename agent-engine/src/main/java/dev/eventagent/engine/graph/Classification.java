package dev.eventagent.engine.graph;

import static java.util.Objects.requireNonNull;

/**
 * What the classify node decided.
 *
 * @param eventClass the class policy and routing use, e.g. {@code github.push}
 * @param method how it was decided, e.g. {@code normalizer} or {@code llm}
 */
public record Classification(String eventClass, String method) {

    /** Validates the fields. */
    public Classification {
        requireNonNull(eventClass, "eventClass is null");
        requireNonNull(method, "method is null");
    }
}
