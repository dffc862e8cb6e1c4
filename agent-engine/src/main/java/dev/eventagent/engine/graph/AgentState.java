package dev.eventagent.engine.graph;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The immutable state passed between the graph's nodes; every node returns a new one.
 *
 * @param event the event
 * @param startedAt when processing started
 * @param classification the classify node's decision, or {@code null} before it ran
 * @param rounds the plan → execute rounds so far
 * @param response the respond node's summary, or {@code null}
 * @param notes remarks for the audit (route limits, inactive routes)
 */
public record AgentState(Event event, Instant startedAt, Classification classification, List<Round> rounds,
        String response, List<String> notes) {

    /** Validates and copies the fields. */
    public AgentState {
        requireNonNull(event, "event is null");
        requireNonNull(startedAt, "startedAt is null");
        rounds = List.copyOf(rounds);
        notes = List.copyOf(notes);
    }

    /**
     * The state before any node ran.
     *
     * @param event the event
     * @param startedAt when processing started
     * @return the state
     */
    public static AgentState initial(Event event, Instant startedAt) {
        return new AgentState(event, startedAt, null, List.of(), null, List.of());
    }

    /**
     * The event class, from the classification or else the event itself.
     *
     * @return the class
     */
    public String eventClass() {
        return classification == null ? event.eventClass() : classification.eventClass();
    }

    /**
     * The state with a classification.
     *
     * @param value the classification
     * @return the new state
     */
    public AgentState withClassification(Classification value) {
        return new AgentState(event, startedAt, value, rounds, response, notes);
    }

    /**
     * The state with one more round.
     *
     * @param round the round
     * @return the new state
     */
    public AgentState withRound(Round round) {
        List<Round> next = new ArrayList<>(rounds);
        next.add(round);
        return new AgentState(event, startedAt, classification, next, response, notes);
    }

    /**
     * The state with a response.
     *
     * @param value the summary
     * @return the new state
     */
    public AgentState withResponse(String value) {
        return new AgentState(event, startedAt, classification, rounds, value, notes);
    }

    /**
     * The state with one more note.
     *
     * @param note the note
     * @return the new state
     */
    public AgentState withNote(String note) {
        List<String> next = new ArrayList<>(notes);
        next.add(note);
        return new AgentState(event, startedAt, classification, rounds, response, next);
    }

    /**
     * Every call outcome, in order.
     *
     * @return the outcomes
     */
    public List<CallOutcome> outcomes() {
        return rounds.stream().flatMap(r -> r.outcomes().stream()).toList();
    }

    /**
     * The last round.
     *
     * @return the round, or empty before the first
     */
    public Optional<Round> lastRound() {
        return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() - 1));
    }

    /**
     * The overall outcome: {@code ok} when every call ran fine, {@code skipped} when nothing was
     * planned, {@code failed} when a call failed, {@code denied} when calls were only refused,
     * {@code partial} for a mix, {@code planned} for a dry run.
     *
     * @return the outcome
     */
    public String outcome() {
        List<CallOutcome> all = outcomes();
        if (all.isEmpty()) {
            return "skipped";
        }
        boolean failed = all.stream().anyMatch(o -> o.status() == CallOutcome.Status.FAILED);
        if (failed) {
            return "failed";
        }
        long ok = all.stream().filter(o -> o.status() == CallOutcome.Status.OK).count();
        long planned = all.stream().filter(o -> o.status() == CallOutcome.Status.PLANNED).count();
        long quiet = all.stream().filter(o -> o.status() == CallOutcome.Status.SKIPPED).count();
        if (planned > 0 && ok == 0) {
            return planned + quiet == all.size() ? "planned" : "partial";
        }
        if (ok + quiet == all.size()) {
            return ok == 0 ? "skipped" : "ok";
        }
        return ok == 0 ? "denied" : "partial";
    }
}
