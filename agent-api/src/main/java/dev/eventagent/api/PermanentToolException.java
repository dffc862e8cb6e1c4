package dev.eventagent.api;

/**
 * Retrying cannot help; the event is dead-lettered with this message.
 *
 * @since 0.1
 */
public final class PermanentToolException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public PermanentToolException(String message, Throwable cause) {
        super(ErrorCategory.PERMANENT, message, cause);
    }
}
