package dev.eventagent.engine.resilience;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The engine's one way of retrying: a Resilience4j {@link RetryConfig} whose wait after the n-th
 * failure is the {@link Backoff}'s, and at least a server's {@code Retry-After}, honoured up to a
 * bound. Tool calls, the model endpoint and the runtime's event retry all build theirs here.
 */
public final class BackoffRetry {

    private BackoffRetry() {
    }

    /**
     * The wait after a number of failures.
     *
     * @param backoff the backoff
     * @param failures failures so far, from 1
     * @param retryAfter the wait the server asked for, if it did
     * @param maxRetryAfter the longest server-requested wait honoured
     * @return the wait in milliseconds
     */
    public static long waitMillis(Backoff backoff, int failures, Optional<Duration> retryAfter,
            Duration maxRetryAfter) {
        long wait = backoff.millisAfter(failures);
        if (retryAfter.isPresent()) {
            wait = Math.max(wait, Math.min(retryAfter.get().toMillis(), maxRetryAfter.toMillis()));
        }
        return wait;
    }

    /**
     * A retry configuration. The last failure surfaces as it is when the attempts are spent or a
     * failure is not retryable.
     *
     * @param maxAttempts attempts in all, the first included (at least 1)
     * @param backoff the waits between attempts
     * @param maxRetryAfter the longest server-requested wait honoured
     * @param retryable which failures are retried
     * @param retryAfter the wait a failure says the server asked for
     * @param <T> the result type
     * @return the configuration
     */
    public static <T> RetryConfig config(int maxAttempts, Backoff backoff, Duration maxRetryAfter,
            Predicate<Throwable> retryable, Function<Throwable, Optional<Duration>> retryAfter) {
        requireNonNull(backoff, "backoff is null");
        requireNonNull(maxRetryAfter, "maxRetryAfter is null");
        requireNonNull(retryAfter, "retryAfter is null");
        return RetryConfig.<T>custom()
                .maxAttempts(Math.max(1, maxAttempts))
                .failAfterMaxAttempts(false)
                .retryOnException(requireNonNull(retryable, "retryable is null"))
                .intervalBiFunction((Integer failures, io.github.resilience4j.core.functions.Either<Throwable, T> last) ->
                        waitMillis(backoff, failures, last.isLeft() ? retryAfter.apply(last.getLeft()) : Optional.empty(),
                                maxRetryAfter))
                .build();
    }
}
