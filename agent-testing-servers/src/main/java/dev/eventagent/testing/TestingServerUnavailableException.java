package dev.eventagent.testing;

/**
 * A testing server cannot run on this machine (a binary or package is not installed). The message
 * says what is missing and how to install it. The testkit's JUnit extension turns it into a
 * skipped test, or a failure under {@code CI=true}; the demo's backends check beforehand and leave
 * the plugin out instead.
 */
public final class TestingServerUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and how to install it
     */
    public TestingServerUnavailableException(String message) {
        super(message);
    }
}
