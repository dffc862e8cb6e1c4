package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Start-up work that runs on first use instead of at plugin creation: once when it succeeds (the
 * result is kept), again on the next call after it failed. Callers that arrive while an attempt
 * runs wait for that attempt and share its outcome, so an unreachable server costs one attempt,
 * not one per waiting caller. The first caller runs the attempt in its own thread.
 *
 * <p>A helper for plugins, which must start while their backend is down: connect and bootstrap
 * here, on the first call, and report {@link #lastFailure()} in {@code health()}.
 *
 * @param <T> what the work produces
 * @since 0.1
 */
public final class LazyStartUp<T> {

    /** The start-up work. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work.
         *
         * @return the result, never {@code null}
         * @throws Exception when it fails; the next call tries again
         */
        T run() throws Exception;
    }

    private final Work<T> work;
    private volatile T done;
    private volatile Throwable lastFailure;
    private CompletableFuture<T> running; // guarded by this

    public LazyStartUp(Work<T> work) {
        this.work = requireNonNull(work, "work is null");
    }

    /**
     * The result: at once when the work has succeeded, otherwise after an attempt (this caller's
     * own, or the one already running).
     *
     * @param maxWait how long to wait for an attempt another caller runs; this caller's own
     *     attempt is not cut short
     * @return the result
     * @throws ExecutionException when the attempt failed; its cause is the work's failure
     * @throws TimeoutException when another caller's attempt outlasted {@code maxWait}
     * @throws InterruptedException when interrupted while waiting for it
     */
    public T get(Duration maxWait) throws ExecutionException, TimeoutException, InterruptedException {
        T result = done;
        if (result != null) {
            return result;
        }
        CompletableFuture<T> attempt;
        boolean mine = false;
        synchronized (this) {
            if (done != null) {
                return done;
            }
            if (running == null) {
                running = new CompletableFuture<>();
                mine = true;
            }
            attempt = running;
        }
        if (mine) {
            return runAttempt(attempt);
        }
        return attempt.get(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS);
    }

    /**
     * The result, when the work has succeeded.
     *
     * @return the result, or empty before the first success
     */
    public Optional<T> done() {
        return Optional.ofNullable(done);
    }

    /**
     * Why the last attempt failed, while no attempt has succeeded.
     *
     * @return the failure, or empty when none failed or the work has succeeded
     */
    public Optional<Throwable> lastFailure() {
        return done != null ? Optional.empty() : Optional.ofNullable(lastFailure);
    }

    private T runAttempt(CompletableFuture<T> attempt) throws ExecutionException {
        try {
            T result = requireNonNull(work.run(), "start-up work returned null");
            done = result;
            lastFailure = null;
            finish(attempt);
            attempt.complete(result);
            return result;
        } catch (Exception | Error e) {
            lastFailure = e;
            finish(attempt);
            attempt.completeExceptionally(e);
            if (e instanceof Error error) {
                throw error;
            }
            throw new ExecutionException(e);
        }
    }

    private synchronized void finish(CompletableFuture<T> attempt) {
        if (running == attempt) {
            running = null;
        }
    }
}
