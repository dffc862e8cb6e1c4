package dev.eventagent.api;

/**
 * The kind of a failure, which decides what the engine does with it.
 *
 * @since 0.1
 */
public enum ErrorCategory {
    /** The arguments are wrong. Never retried; told back to the model that proposed them. */
    INVALID_ARGUMENTS,
    /** The backend may succeed later (timeout, unavailable, throttled). Retried with backoff. */
    TRANSIENT,
    /** Retrying cannot help (not found, forbidden, constraint violated). The event is dead-lettered. */
    PERMANENT,
    /** Policy refused the call before it ran (not allowed, outside an allowlist, needs approval). */
    DENIED
}
