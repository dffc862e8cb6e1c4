package dev.eventagent.engine.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One plan → execute round.
 *
 * @param plan what was planned
 * @param outcomes what became of each call, in plan order
 */
public record Round(Plan plan, List<CallOutcome> outcomes) {

    /** Validates and copies the fields. */
    public Round {
        requireNonNull(plan, "plan is null");
        outcomes = List.copyOf(outcomes);
    }
}
