package dev.eventagent.engine.graph;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ErrorCategory;
import java.util.Map;

/**
 * What became of one planned call.
 *
 * @param call the call
 * @param status what happened
 * @param result the tool's result when it ran, else {@code null}
 * @param category the failure's category when it failed or was refused, else {@code null}
 * @param error what went wrong, else {@code null}
 * @param attempts how many attempts ran (0 when it never ran)
 * @param millis how long it took
 */
public record CallOutcome(PlannedCall call, Status status, Map<String, Object> result, ErrorCategory category,
        String error, int attempts, long millis) {

    /** What happened to a call. */
    public enum Status {
        /** Ran and succeeded. */
        OK,
        /** Ran and failed (after retries where the failure was transient). */
        FAILED,
        /** Refused by policy: not allowed for this event, unknown tool, outside an allowlist. */
        DENIED,
        /** Refused because its arguments do not match the tool's schema. */
        INVALID,
        /** Not run: the tool's risk requires approval. */
        PENDING_APPROVAL,
        /** Not run: a condition was false or an earlier failure made it moot. */
        SKIPPED,
        /** Not run: a dry run. */
        PLANNED
    }

    /** Validates the fields. */
    public CallOutcome {
        requireNonNull(call, "call is null");
        requireNonNull(status, "status is null");
    }

    /**
     * A call that was not run.
     *
     * @param call the call
     * @param status why
     * @param category the category, or {@code null}
     * @param reason the explanation
     * @return the outcome
     */
    public static CallOutcome notRun(PlannedCall call, Status status, ErrorCategory category, String reason) {
        return new CallOutcome(call, status, null, category, reason, 0, 0);
    }
}
