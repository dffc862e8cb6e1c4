package dev.eventagent.engine.tool;

import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.ToolResult;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.plugin.PluginHost;
import dev.eventagent.engine.resilience.Backoff;
import dev.eventagent.engine.resilience.BackoffRetry;
import dev.eventagent.engine.resilience.ResilienceRegistries;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Calls one tool behind its Resilience4j policies. The composition, outermost first:
 * <pre>
 *   Retry → CircuitBreaker → Bulkhead → Timeout → tool.invoke
 * </pre>
 * <ul>
 *   <li>Retry retries only {@link TransientToolException}s, with exponential backoff and jitter,
 *       waiting at least a server's {@code Retry-After}. It never retries an open breaker
 *       (that would hammer it: the call fails fast as transient and the runtime backs off), a
 *       full bulkhead's refusal is retried, and a passed deadline stops it.</li>
 *   <li>The breaker counts only transient failures: invalid arguments, policy denials and
 *       permanent errors say nothing about the backend's health.</li>
 *   <li>The bulkhead bounds concurrent calls per tool; the timeout bounds each attempt and never
 *       exceeds the call's deadline.</li>
 * </ul>
 * Exceptions other than {@link ToolException} become permanent failures naming the tool.
 */
public final class ResilientInvoker {

    private final Tool tool;
    private final String name;
    private final ClassLoader loader;
    private final ResilienceSettings settings;
    private final ExecutorService executor;
    private final Clock clock;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;

    /**
     * The result of a call and the attempts it took.
     *
     * @param result the tool's result
     * @param attempts how many attempts ran
     */
    public record Invocation(ToolResult result, int attempts) {
    }

    /**
     * A failed call and the attempts it took.
     */
    public static final class InvocationFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int attempts;

        InvocationFailure(ToolException cause, int attempts) {
            super(cause.getMessage(), cause, false, false);
            this.attempts = attempts;
        }

        /**
         * The failure.
         *
         * @return the tool exception
         */
        public ToolException failure() {
            return (ToolException) getCause();
        }

        /**
         * How many attempts ran.
         *
         * @return the count
         */
        public int attempts() {
            return attempts;
        }
    }

    /**
     * Wraps a tool. Its retry, breaker and bulkhead are kept in the engine's registries under the
     * tool's name, where they are measured.
     *
     * @param tool the tool
     * @param loader the tool's plugin class loader, set as context loader during calls
     * @param settings its policy
     * @param executor the pool attempts run on (so that a timeout can abandon them)
     * @param clock the engine's clock, for deadlines
     * @param resilience the engine's Resilience4j registries
     */
    public ResilientInvoker(Tool tool, ClassLoader loader, ResilienceSettings settings, ExecutorService executor,
            Clock clock, ResilienceRegistries resilience) {
        this.tool = tool;
        this.name = tool.descriptor().name();
        this.loader = loader;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
        this.retry = resilience.retry(name, RetryConfig.<ToolResult>custom()
                .maxAttempts(Math.max(1, settings.maxAttempts()))
                .failAfterMaxAttempts(false)
                .retryOnException(PlannedRetry.class::isInstance)
                .intervalBiFunction((Integer tries, Either<Throwable, ToolResult> last) ->
                        last.isLeft() && last.getLeft() instanceof PlannedRetry planned ? planned.waitMillis : 0L)
                .build());
        this.breaker = resilience.circuitBreaker(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(ResilientInvoker::countsAgainstBackend)
                .ignoreException(e -> !countsAgainstBackend(e))
                .build());
        this.bulkhead = resilience.bulkhead(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrent())
                .maxWaitDuration(settings.maxWait())
                .build());
    }

    /**
     * The tool's circuit breaker, for metrics and health.
     *
     * @return the breaker
     */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /**
     * The policy in force.
     *
     * @return the settings
     */
    public ResilienceSettings settings() {
        return settings;
    }

    /**
     * Calls the tool.
     *
     * @param call the call, already validated
     * @return the result and the attempts it took
     * @throws InvocationFailure when the call failed for good
     */
    public Invocation invoke(ToolCall call) throws InvocationFailure {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger tries = new AtomicInteger();
        Supplier<ToolResult> attempt = () -> {
            attempts.incrementAndGet();
            return attemptWithTimeout(call);
        };
        Supplier<ToolResult> bulkheaded = translateBulkhead(Bulkhead.decorateSupplier(bulkhead, attempt));
        Supplier<ToolResult> guarded = translateOpenBreaker(CircuitBreaker.decorateSupplier(breaker, bulkheaded));
        Supplier<ToolResult> planned = () -> {
            int tried = tries.incrementAndGet();
            try {
                checkDeadline(call);
                return guarded.get();
            } catch (TransientToolException e) {
                throw planRetry(e, tried, call);
            }
        };
        try {
            return new Invocation(Retry.decorateSupplier(retry, planned).get(), attempts.get());
        } catch (PlannedRetry e) {
            throw new InvocationFailure(e.failure, attempts.get());
        } catch (ToolException e) {
            throw new InvocationFailure(e, attempts.get());
        } catch (RuntimeException e) {
            throw new InvocationFailure(new PermanentToolException(
                    "tool " + name + " failed: " + e, e), attempts.get());
        }
    }

    /**
     * After the n-th try failed transiently: a retry with its wait (backoff, or a server's
     * Retry-After), unless {@link #isRetryable} says no, the tries are spent, or the wait would end
     * past the call's deadline — then the failure itself surfaces at once instead of a sleep
     * followed by "deadline passed".
     */
    private RuntimeException planRetry(TransientToolException failure, int tried, ToolCall call) {
        if (!isRetryable(failure) || tried >= settings.maxAttempts()) {
            return failure;
        }
        long wait = waitAfter(failure, tried);
        if (!Instant.now(clock).plusMillis(wait).isBefore(call.deadline())) {
            return failure;
        }
        return new PlannedRetry(failure, wait);
    }

    /** A transient failure the retry will try again after {@code waitMillis}. */
    private static final class PlannedRetry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient TransientToolException failure;
        private final long waitMillis;

        PlannedRetry(TransientToolException failure, long waitMillis) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.waitMillis = waitMillis;
        }
    }

    private void checkDeadline(ToolCall call) {
        if (!Instant.now(clock).isBefore(call.deadline())) {
            throw new TransientToolException("the deadline of tool " + name + " passed before the attempt",
                    new DeadlineExceededException("deadline " + call.deadline()));
        }
    }

    private ToolResult attemptWithTimeout(ToolCall call) {
        Duration remaining = Duration.between(Instant.now(clock), call.deadline());
        Duration limit = remaining.compareTo(settings.timeout()) < 0 ? remaining : settings.timeout();
        Future<ToolResult> future = executor.submit(() -> PluginHost.withContextLoader(loader, () -> tool.invoke(call)));
        try {
            ToolResult result = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (result == null) {
                throw new PermanentToolException("tool " + name + " returned null instead of a result", null);
            }
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            boolean deadline = limit.equals(remaining);
            throw new TransientToolException("tool " + name + " did not answer within " + limit.toMillis() + " ms",
                    deadline ? new DeadlineExceededException("deadline " + call.deadline()) : e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientToolException("interrupted while waiting for tool " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ToolException toolException) {
                throw toolException;
            }
            throw new PermanentToolException("tool " + name + " failed: " + cause, cause);
        }
    }

    private Supplier<ToolResult> translateBulkhead(Supplier<ToolResult> supplier) {
        return () -> {
            try {
                return supplier.get();
            } catch (BulkheadFullException e) {
                throw new TransientToolException("tool " + name + " is at its limit of "
                        + settings.maxConcurrent() + " concurrent calls", e);
            }
        };
    }

    private Supplier<ToolResult> translateOpenBreaker(Supplier<ToolResult> supplier) {
        return () -> {
            try {
                return supplier.get();
            } catch (CallNotPermittedException e) {
                throw new TransientToolException("the circuit breaker of tool " + name
                        + " is open after repeated transient failures; calls resume after "
                        + settings.waitInOpen().toMillis() + " ms", e);
            }
        };
    }

    private static boolean isRetryable(Throwable e) {
        return e instanceof TransientToolException
                && !(e.getCause() instanceof CallNotPermittedException)
                && !(e.getCause() instanceof DeadlineExceededException);
    }

    private static boolean countsAgainstBackend(Throwable e) {
        return e instanceof TransientToolException && !(e.getCause() instanceof BulkheadFullException);
    }

    /** The backoff after the n-th failure, and at least a server's Retry-After (up to its bound). */
    private long waitAfter(Throwable failure, int failures) {
        Optional<Duration> retryAfter = failure instanceof TransientToolException t ? t.retryAfter() : Optional.empty();
        return BackoffRetry.waitMillis(new Backoff(settings.initialBackoff(), settings.backoffMultiplier(),
                settings.maxBackoff(), settings.jitter()), failures, retryAfter, settings.maxRetryAfter());
    }
}
