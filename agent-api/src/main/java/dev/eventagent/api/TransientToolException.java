package dev.eventagent.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The backend failed in a way that may pass: retried with backoff.
 *
 * @since 0.1
 */
public final class TransientToolException extends ToolException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying failure, or {@code null}
     */
    public TransientToolException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * Creates the exception with a server's hint of when to retry (e.g. HTTP {@code Retry-After}).
     *
     * @param message what failed
     * @param cause the underlying failure, or {@code null}
     * @param retryAfter how long to wait before the next attempt, or {@code null}
     */
    public TransientToolException(String message, Throwable cause, Duration retryAfter) {
        super(ErrorCategory.TRANSIENT, message, cause);
        this.retryAfter = retryAfter;
    }

    /**
     * The server's hint of when to retry.
     *
     * @return the delay, or empty
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
