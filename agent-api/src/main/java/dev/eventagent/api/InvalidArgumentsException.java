package dev.eventagent.api;

/**
 * The call's arguments are wrong; never retried.
 *
 * @since 0.1
 */
public final class InvalidArgumentsException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which argument is wrong and why
     */
    public InvalidArgumentsException(String message) {
        super(ErrorCategory.INVALID_ARGUMENTS, message, null);
    }
}
