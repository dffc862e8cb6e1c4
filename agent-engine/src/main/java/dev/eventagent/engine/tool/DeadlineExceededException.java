package dev.eventagent.engine.tool;

/** The cause of a transient failure raised because the call's deadline passed; never retried. */
final class DeadlineExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DeadlineExceededException(String message) {
        super(message, null, false, false);
    }
}
