package dev.eventagent.api;

/**
 * Policy refused the call before it ran. Tools throw it for their own allowlists (e-mail domains,
 * channels, projects); the engine throws it for its tool allowlists.
 *
 * @since 0.1
 */
public final class PolicyDeniedException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which rule refused the call
     */
    public PolicyDeniedException(String message) {
        super(ErrorCategory.DENIED, message, null);
    }
}
