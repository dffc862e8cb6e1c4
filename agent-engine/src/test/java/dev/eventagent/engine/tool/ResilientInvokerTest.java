package dev.eventagent.engine.tool;

import static dev.eventagent.engine.testing.ScriptedTool.answer;
import static dev.eventagent.engine.testing.ScriptedTool.block;
import static dev.eventagent.engine.testing.ScriptedTool.fail;
import static dev.eventagent.engine.testing.ScriptedTool.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PolicyDeniedException;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.ToolResult;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.resilience.ResilienceRegistries;
import dev.eventagent.engine.testing.ScriptedTool;
import dev.eventagent.engine.tool.ResilientInvoker.Invocation;
import dev.eventagent.engine.tool.ResilientInvoker.InvocationFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resilience policies around one tool, composed Retry → CircuitBreaker → Bulkhead → Timeout →
 * tool. Every test builds its {@link ResilienceSettings} directly, with millisecond backoffs.
 */
class ResilientInvokerTest {

    private static final ToolResult OK = ToolResult.of("ok", true);

    private ExecutorService attempts;
    private ExecutorService callers;

    @BeforeEach
    void startPools() {
        attempts = Executors.newCachedThreadPool(daemon("tool-attempt"));
        callers = Executors.newCachedThreadPool(daemon("test-caller"));
    }

    @AfterEach
    void stopPools() throws InterruptedException {
        callers.shutdownNow();
        attempts.shutdownNow();
        attempts.awaitTermination(5, TimeUnit.SECONDS);
    }

    // ---- retry ----------------------------------------------------------------------------------

    @Test
    void transientFailureThenSuccessReturnsTheResultAfterTwoAttempts() throws Exception {
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(fail(new TransientToolException("HTTP 503 from backend", null)))
                .then(answer(OK));

        Invocation invocation = invoker(tool, policy().maxAttempts(3)).invoke(call("lookup"));

        assertThat(invocation.result()).isEqualTo(OK);
        assertThat(invocation.attempts()).isEqualTo(2);
        assertThat(tool.invocations()).isEqualTo(2);
    }

    @Test
    void successAtTheFirstAttemptReportsOneAttempt() throws Exception {
        ScriptedTool tool = ScriptedTool.named("lookup").then(answer(OK));

        Invocation invocation = invoker(tool, policy()).invoke(call("lookup"));

        assertThat(invocation.result()).isEqualTo(OK);
        assertThat(invocation.attempts()).isEqualTo(1);
    }

    static Stream<ToolException> nonRetryableFailures() {
        return Stream.of(
                new InvalidArgumentsException("argument 'email' of lookup must be an e-mail"),
                new PermanentToolException("issue ABC-1 does not exist", null),
                new PolicyDeniedException("channel #general is outside the allowlist"));
    }

    @ParameterizedTest
    @MethodSource("nonRetryableFailures")
    void nonTransientFailuresAreNeverRetriedAndKeepTheirCategory(ToolException thrown) {
        ScriptedTool tool = ScriptedTool.named("lookup").then(fail(thrown)).then(answer(OK));

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(5)), call("lookup"));

        assertThat(failure.failure()).isSameAs(thrown);
        assertThat(failure.failure().category()).isEqualTo(thrown.category());
        assertThat(failure.getMessage()).isEqualTo(thrown.getMessage());
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(tool.invocations()).isEqualTo(1);
    }

    @Test
    void aRuntimeExceptionFromTheToolBecomesAPermanentFailureNamingTheTool() {
        IllegalStateException bug = new IllegalStateException("connection pool closed");
        ScriptedTool tool = ScriptedTool.named("lookup").then(fail(bug)).then(answer(OK));

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(3)), call("lookup"));

        assertThat(failure.failure()).isInstanceOf(PermanentToolException.class);
        assertThat(failure.failure().category()).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(failure.getMessage()).contains("tool lookup").contains("connection pool closed");
        assertThat(failure.failure().getCause()).isSameAs(bug);
        assertThat(tool.invocations()).as("a permanent failure is not retried").isEqualTo(1);
        assertThat(failure.attempts()).isEqualTo(1);
    }

    @Test
    void aNullResultBecomesAPermanentFailureNamingTheTool() {
        ScriptedTool tool = ScriptedTool.named("lookup").then(call -> null);

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(3)), call("lookup"));

        assertThat(failure.failure()).isInstanceOf(PermanentToolException.class);
        assertThat(failure.getMessage()).contains("tool lookup").contains("null");
        assertThat(tool.invocations()).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() throws Exception {
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(fail(new TransientToolException("HTTP 429", null, Duration.ofMillis(300))))
                .then(answer(OK));

        Invocation invocation = invoker(tool, policy().maxAttempts(2).initialBackoff(Duration.ofMillis(1)))
                .invoke(call("lookup"));

        assertThat(invocation.attempts()).isEqualTo(2);
        List<Long> starts = tool.startNanos();
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void retryAfterIsCappedAtMaxRetryAfter() throws Exception {
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(fail(new TransientToolException("HTTP 429", null, Duration.ofSeconds(20))))
                .then(answer(OK));
        long start = System.nanoTime();

        Invocation invocation = invoker(tool, policy().maxAttempts(2).maxRetryAfter(Duration.ofMillis(20)))
                .invoke(call("lookup"));

        assertThat(invocation.attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("a Retry-After of 20 s is capped at max-retry-after = 20 ms")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void backoffGrowsByTheMultiplier() throws Exception {
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(fail(new TransientToolException("timeout 1", null)))
                .then(fail(new TransientToolException("timeout 2", null)))
                .then(answer(OK));

        invoker(tool, policy().maxAttempts(3).initialBackoff(Duration.ofMillis(60)).multiplier(2.0)
                .maxBackoff(Duration.ofSeconds(1)).jitter(0.0)).invoke(call("lookup"));

        List<Long> starts = tool.startNanos();
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThat(Duration.ofNanos(starts.get(2) - starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }

    @Test
    void whenRetriesAreExhaustedTheLastTransientFailureSurfaces() {
        AtomicInteger count = new AtomicInteger();
        ScriptedTool tool = ScriptedTool.named("lookup").then(call -> {
            throw new TransientToolException("HTTP 503 #" + count.incrementAndGet(), null);
        });

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(3)), call("lookup"));

        assertThat(failure.failure()).isInstanceOf(TransientToolException.class);
        assertThat(failure.failure().category()).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(failure.getMessage()).isEqualTo("HTTP 503 #3");
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(tool.invocations()).isEqualTo(3);
    }

    @Test
    void maxAttemptsOfOneMeansNoRetry() {
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(fail(new TransientToolException("HTTP 503", null)))
                .then(answer(OK));

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(1)), call("lookup"));

        assertThat(failure.failure()).isInstanceOf(TransientToolException.class);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(tool.invocations()).isEqualTo(1);
    }

    // ---- circuit breaker ------------------------------------------------------------------------

    @Test
    void anOpenBreakerFailsFastAsTransientWithoutCallingTheToolOrRetrying() {
        ScriptedTool tool = ScriptedTool.named("lookup").then(fail(new TransientToolException("HTTP 503", null)));
        ResilientInvoker invoker = invoker(tool, policy().maxAttempts(3).slidingWindowSize(3).minimumCalls(3)
                .failureRateThreshold(50));
        failureOf(invoker, call("lookup"));
        assertThat(invoker.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(tool.invocations()).isEqualTo(3);

        InvocationFailure failure = failureOf(invoker, call("lookup"));

        assertThat(failure.failure()).isInstanceOf(TransientToolException.class);
        assertThat(failure.failure().category()).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(failure.getMessage()).contains("circuit breaker").contains("lookup").contains("open");
        assertThat(tool.invocations()).as("the tool is not called while the breaker is open").isEqualTo(3);
        assertThat(failure.attempts()).as("no attempt reached the tool").isZero();
        assertThat(invoker.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls())
                .as("an open breaker is not retried: one refused call, not max-attempts")
                .isEqualTo(1);
    }

    @Test
    void aBreakerThatOpensBetweenAttemptsStopsTheRetries() {
        ScriptedTool tool = ScriptedTool.named("lookup").then(fail(new TransientToolException("HTTP 503", null)));
        ResilientInvoker invoker = invoker(tool, policy().maxAttempts(5).slidingWindowSize(2).minimumCalls(2));

        InvocationFailure failure = failureOf(invoker, call("lookup"));

        assertThat(tool.invocations()).isEqualTo(2);
        assertThat(failure.attempts()).isEqualTo(2);
        assertThat(failure.failure().category()).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(failure.getMessage()).contains("circuit breaker");
        assertThat(invoker.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void invalidPermanentAndDeniedFailuresDoNotOpenTheBreaker() {
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(fail(new InvalidArgumentsException("bad 1")))
                .then(fail(new PermanentToolException("gone 2", null)))
                .then(fail(new PolicyDeniedException("denied 3")))
                .then(fail(new InvalidArgumentsException("bad 4")))
                .then(fail(new PermanentToolException("gone 5", null)))
                .then(answer(OK));
        ResilientInvoker invoker = invoker(tool, policy().maxAttempts(1).slidingWindowSize(2).minimumCalls(2)
                .failureRateThreshold(50));

        for (int i = 0; i < 5; i++) {
            failureOf(invoker, call("lookup"));
        }

        assertThat(invoker.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(invoker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(tool.invocations()).isEqualTo(5);
    }

    @Test
    void anOpenBreakerLetsAProbeThroughAfterWaitInOpenAndClosesWhenItSucceeds() throws Exception {
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(fail(new TransientToolException("HTTP 503", null)))
                .then(answer(OK));
        ResilientInvoker invoker = invoker(tool, policy().maxAttempts(1).slidingWindowSize(1).minimumCalls(1)
                .waitInOpen(Duration.ofMillis(50)).halfOpenCalls(1));
        failureOf(invoker, call("lookup"));
        assertThat(invoker.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        Thread.sleep(120);
        Invocation probe = invoker.invoke(call("lookup"));

        assertThat(probe.result()).isEqualTo(OK);
        assertThat(invoker.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    // ---- timeout and deadline -------------------------------------------------------------------

    @Test
    void aToolSlowerThanTheTimeoutFailsAsTransient() {
        ScriptedTool tool = ScriptedTool.named("lookup").then(sleep(Duration.ofSeconds(5), OK));
        long start = System.nanoTime();

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(1).timeout(Duration.ofMillis(100))),
                call("lookup"));

        assertThat(failure.failure()).isInstanceOf(TransientToolException.class);
        assertThat(failure.getMessage()).isEqualTo("tool lookup did not answer within 100 ms");
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the caller stops waiting at the timeout, not when the tool finishes")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aTimedOutAttemptIsRetried() throws Exception {
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(sleep(Duration.ofSeconds(5), ToolResult.of("late", true)))
                .then(answer(OK));

        Invocation invocation = invoker(tool, policy().maxAttempts(2).timeout(Duration.ofMillis(100)))
                .invoke(call("lookup"));

        assertThat(invocation.result()).isEqualTo(OK);
        assertThat(invocation.attempts()).isEqualTo(2);
    }

    @Test
    void theTimeoutNeverExceedsTheCallsDeadlineAndADeadlineTimeoutIsNotRetried() {
        ScriptedTool tool = ScriptedTool.named("lookup").then(sleep(Duration.ofSeconds(5), OK));
        long start = System.nanoTime();

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(3).timeout(Duration.ofSeconds(10))),
                call("lookup", Instant.now().plusMillis(300)));

        assertThat(failure.failure()).isInstanceOf(TransientToolException.class);
        assertThat(failure.getMessage()).startsWith("tool lookup did not answer within ");
        long waited = Long.parseLong(failure.getMessage().replaceAll("\\D+", ""));
        assertThat(waited).isBetween(1L, 300L);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(tool.invocations()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aCallWhoseDeadlineHasPassedFailsWithoutCallingTheToolAndIsNotRetried() {
        ScriptedTool tool = ScriptedTool.named("lookup").then(answer(OK));

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(3)),
                call("lookup", Instant.now().minusSeconds(1)));

        assertThat(failure.failure()).isInstanceOf(TransientToolException.class);
        assertThat(failure.getMessage()).contains("deadline").contains("lookup");
        assertThat(tool.invocations()).isZero();
        assertThat(failure.attempts()).as("not retried").isLessThanOrEqualTo(1);
    }

    @Test
    void callsWhoseDeadlineHadPassedDoNotOpenTheBreaker() {
        // The tool is never called, so these failures say nothing about the backend's health.
        ScriptedTool tool = ScriptedTool.named("lookup").then(answer(OK));
        ResilientInvoker invoker = invoker(tool, policy().maxAttempts(1).slidingWindowSize(2).minimumCalls(2));

        failureOf(invoker, call("lookup", Instant.now().minusSeconds(1)));
        failureOf(invoker, call("lookup", Instant.now().minusSeconds(1)));

        assertThat(invoker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(invoker.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theRetryDoesNotWaitPastTheCallsDeadline() {
        // A Retry-After longer than what is left of the deadline: waiting for it only delays a
        // failure that is already certain, and holds a call thread past the deadline.
        ScriptedTool tool = ScriptedTool.named("lookup")
                .then(fail(new TransientToolException("HTTP 429", null, Duration.ofMillis(2500))))
                .then(answer(OK));
        long start = System.nanoTime();

        InvocationFailure failure = failureOf(invoker(tool, policy().maxAttempts(3)),
                call("lookup", Instant.now().plusMillis(200)));

        assertThat(failure.failure().category()).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("a call with 200 ms left must fail near its deadline, not after the 2.5 s Retry-After")
                .isLessThan(Duration.ofMillis(1500));
    }

    // ---- bulkhead -------------------------------------------------------------------------------

    @Test
    void aFullBulkheadRefusesAsTransientAndTheRefusalDoesNotCountAgainstTheBreaker() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedTool tool = ScriptedTool.named("lookup").then(block(started, release, OK)).then(answer(OK));
        ResilientInvoker invoker = invoker(tool, policy().maxAttempts(1).maxConcurrent(1).maxWait(Duration.ZERO)
                .slidingWindowSize(1).minimumCalls(1).failureRateThreshold(50));
        Future<Invocation> first = callers.submit(() -> invoker.invoke(call("lookup")));
        assertThat(started.await(5, TimeUnit.SECONDS)).as("the first call reached the tool").isTrue();

        InvocationFailure refused = failureOf(invoker, call("lookup"));

        assertThat(refused.failure()).isInstanceOf(TransientToolException.class);
        assertThat(refused.getMessage()).contains("lookup").contains("limit of 1 concurrent calls");
        assertThat(refused.attempts()).as("the refused call never reached the tool").isZero();
        assertThat(tool.invocations()).isEqualTo(1);
        assertThat(invoker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(invoker.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        release.countDown();
        Invocation done = first.get(5, TimeUnit.SECONDS);
        assertThat(done.result()).isEqualTo(OK);
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void theBulkheadAdmitsTheNextCallOnceTheFirstFinished() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedTool tool = ScriptedTool.named("lookup").then(block(started, release, OK)).then(answer(OK));
        ResilientInvoker invoker = invoker(tool, policy().maxAttempts(1).maxConcurrent(1).maxWait(Duration.ZERO));
        Future<Invocation> first = callers.submit(() -> invoker.invoke(call("lookup")));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        first.get(5, TimeUnit.SECONDS);

        assertThat(invoker.invoke(call("lookup")).result()).isEqualTo(OK);
        assertThat(tool.invocations()).isEqualTo(2);
    }

    // ---- class loader ---------------------------------------------------------------------------

    @Test
    void theToolRunsWithItsPluginsClassLoaderAsContextLoader() throws Exception {
        ScriptedTool tool = ScriptedTool.named("lookup").then(answer(OK));
        try (URLClassLoader pluginLoader = new URLClassLoader("plugin:fake", new URL[0], null)) {
            new ResilientInvoker(tool, pluginLoader, policy().build(), attempts, Clock.systemUTC(),
                    new ResilienceRegistries())
                    .invoke(call("lookup"));

            assertThat(tool.contextLoaders()).singleElement().isSameAs(pluginLoader);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private ResilientInvoker invoker(ScriptedTool tool, Policy policy) {
        return new ResilientInvoker(tool, ResilientInvokerTest.class.getClassLoader(), policy.build(), attempts,
                Clock.systemUTC(), new ResilienceRegistries());
    }

    private static ToolCall call(String tool) {
        return call(tool, Instant.now().plusSeconds(30));
    }

    private static ToolCall call(String tool, Instant deadline) {
        return new ToolCall(tool, Map.of(), "event-1", "event-1/0", deadline);
    }

    private static InvocationFailure failureOf(ResilientInvoker invoker, ToolCall call) {
        Invocation invocation;
        try {
            invocation = invoker.invoke(call);
        } catch (InvocationFailure failure) {
            return failure;
        }
        throw new AssertionError("expected the call to fail, but it returned " + invocation);
    }

    private static Policy policy() {
        return new Policy();
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * {@link ResilienceSettings} for tests: fast backoffs, no jitter, a breaker and bulkhead that
     * stay out of the way unless a test tightens them.
     */
    private static final class Policy {
        private Duration timeout = Duration.ofSeconds(5);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(1);
        private double multiplier = 1.0;
        private Duration maxBackoff = Duration.ofMillis(50);
        private double jitter = 0.0;
        private Duration maxRetryAfter = Duration.ofSeconds(10);
        private float failureRateThreshold = 50;
        private int slidingWindowSize = 100;
        private int minimumCalls = 100;
        private Duration waitInOpen = Duration.ofSeconds(60);
        private int halfOpenCalls = 1;
        private int maxConcurrent = 8;
        private Duration maxWait = Duration.ZERO;

        Policy timeout(Duration value) {
            timeout = value;
            return this;
        }

        Policy maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        Policy initialBackoff(Duration value) {
            initialBackoff = value;
            return this;
        }

        Policy multiplier(double value) {
            multiplier = value;
            return this;
        }

        Policy maxBackoff(Duration value) {
            maxBackoff = value;
            return this;
        }

        Policy jitter(double value) {
            jitter = value;
            return this;
        }

        Policy maxRetryAfter(Duration value) {
            maxRetryAfter = value;
            return this;
        }

        Policy failureRateThreshold(float value) {
            failureRateThreshold = value;
            return this;
        }

        Policy slidingWindowSize(int value) {
            slidingWindowSize = value;
            return this;
        }

        Policy minimumCalls(int value) {
            minimumCalls = value;
            return this;
        }

        Policy waitInOpen(Duration value) {
            waitInOpen = value;
            return this;
        }

        Policy halfOpenCalls(int value) {
            halfOpenCalls = value;
            return this;
        }

        Policy maxConcurrent(int value) {
            maxConcurrent = value;
            return this;
        }

        Policy maxWait(Duration value) {
            maxWait = value;
            return this;
        }

        ResilienceSettings build() {
            return new ResilienceSettings(timeout, maxAttempts, initialBackoff, multiplier, maxBackoff, jitter,
                    maxRetryAfter, failureRateThreshold, slidingWindowSize, minimumCalls, waitInOpen, halfOpenCalls,
                    maxConcurrent, maxWait);
        }
    }
}
