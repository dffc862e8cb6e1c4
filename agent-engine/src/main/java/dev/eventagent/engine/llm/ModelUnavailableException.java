package dev.eventagent.engine.llm;

/**
 * The model cannot answer now: its breaker is open, retries are spent, or a token budget is
 * used up. {@code hybrid} planning falls back to rules; pure {@code llm} planning parks the event
 * for a later retry.
 */
public final class ModelUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why
     * @param cause the last failure, or {@code null}
     */
    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
