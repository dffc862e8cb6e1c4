package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

/**
 * A failure of a tool call, with the {@link ErrorCategory} that tells the engine what to do.
 * Throw one of the subclasses.
 *
 * @since 0.1
 */
public abstract sealed class ToolException extends RuntimeException
        permits InvalidArgumentsException, TransientToolException, PermanentToolException,
                PolicyDeniedException {

    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;

    /**
     * Creates the exception.
     *
     * @param category the category
     * @param message what happened, where, and what to do
     * @param cause the underlying failure, or {@code null}
     */
    protected ToolException(ErrorCategory category, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.category = requireNonNull(category, "category is null");
    }

    /**
     * The failure's category.
     *
     * @return the category
     */
    public ErrorCategory category() {
        return category;
    }
}
