package dev.eventagent.testkit;

import dev.eventagent.testing.TestingServerUnavailableException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * A testing server that cannot run on this machine ({@link TestingServerUnavailableException})
 * skips the test, with the server's message saying what to install — or fails it under
 * {@code CI=true}, where {@code .ci/run} installs everything and a skipped test would hide a
 * missing install step. Registered for every test through JUnit's extension auto-detection (the
 * parent pom turns it on).
 */
public final class UnavailableServersAreSkipped implements TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw convert(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw convert(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw convert(throwable);
    }

    private static Throwable convert(Throwable throwable) {
        TestingServerUnavailableException unavailable = find(throwable);
        if (unavailable == null) {
            return throwable;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return new AssertionError(unavailable.getMessage() + " CI=true, so this test fails instead of being "
                    + "skipped.", throwable);
        }
        return new TestAbortedException(unavailable.getMessage() + " Skipping (set CI=true to make this a failure).");
    }

    private static TestingServerUnavailableException find(Throwable throwable) {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (cause instanceof TestingServerUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }
}
