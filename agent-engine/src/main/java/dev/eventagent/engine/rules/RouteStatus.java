package dev.eventagent.engine.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What became of one route at start-up: which of its calls run and which are left out, and why.
 *
 * @param name the route's name
 * @param state whether it plans events
 * @param reason why it is inactive or off, or {@code null} when active
 * @param calls every call of the route, in step order: the active ones and the left-out ones
 */
public record RouteStatus(String name, State state, String reason, List<Call> calls) {

    /** Validates and copies the fields. */
    public RouteStatus {
        requireNonNull(name, "name is null");
        requireNonNull(state, "state is null");
        calls = List.copyOf(calls);
    }

    /** Whether a route plans events. */
    public enum State {
        /** It matches events and plans its remaining calls. */
        ACTIVE,
        /** It never matches: no call is left, or a required call is left out. */
        INACTIVE,
        /** Switched off with {@code enabled = false}. */
        OFF
    }

    /**
     * One call of the route.
     *
     * @param step the step's id
     * @param id the call's id ({@code *} for a whole step switched off)
     * @param tool the tool, or {@code null} when a switched-off call names none
     * @param leftOut why it is left out, or {@code null} when it runs
     */
    public record Call(String step, String id, String tool, String leftOut) {

        /**
         * Whether the call runs.
         *
         * @return true when it is not left out
         */
        public boolean active() {
            return leftOut == null;
        }
    }

    /**
     * The calls that run.
     *
     * @return the calls
     */
    public List<Call> activeCalls() {
        return calls.stream().filter(Call::active).toList();
    }

    /**
     * The calls that are left out.
     *
     * @return the calls
     */
    public List<Call> leftOutCalls() {
        return calls.stream().filter(c -> !c.active()).toList();
    }
}
