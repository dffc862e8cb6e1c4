package dev.eventagent.engine.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Every Resilience4j instance of one engine — the tools' retries, breakers and bulkheads, the
 * model endpoint's, the runtime's event retry — in one set of registries, so that they are found
 * and measured in one place. Names are unique across users: tools use their tool name (which has
 * no hyphen), the engine's own instances hyphenated names such as {@code llm-endpoint}. Bound to
 * a meter registry, every instance, present and future, is measured by Resilience4j's own binders
 * ({@code resilience4j_circuitbreaker_state{name,state}}, {@code resilience4j_retry_calls_total},
 * {@code resilience4j_bulkhead_available_concurrent_calls}, {@code resilience4j_ratelimiter_*}),
 * tagged with the instance's name. Closing removes every instance, and so its meters.
 */
public final class ResilienceRegistries implements AutoCloseable {

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();

    /**
     * Creates a circuit breaker.
     *
     * @param name its unique name
     * @param config its configuration
     * @return the breaker
     * @throws IllegalStateException when the name is taken
     */
    public CircuitBreaker circuitBreaker(String name, CircuitBreakerConfig config) {
        requireFree(breakers.find(name), "circuit breaker", name);
        return breakers.circuitBreaker(name, config);
    }

    /**
     * Creates a retry.
     *
     * @param name its unique name
     * @param config its configuration
     * @return the retry
     * @throws IllegalStateException when the name is taken
     */
    public Retry retry(String name, RetryConfig config) {
        requireFree(retries.find(name), "retry", name);
        return retries.retry(name, config);
    }

    /**
     * Creates a bulkhead (a semaphore: calls beyond its limit wait up to its max wait).
     *
     * @param name its unique name
     * @param config its configuration
     * @return the bulkhead
     * @throws IllegalStateException when the name is taken
     */
    public Bulkhead bulkhead(String name, BulkheadConfig config) {
        requireFree(bulkheads.find(name), "bulkhead", name);
        return bulkheads.bulkhead(name, config);
    }

    /**
     * Creates a rate limiter.
     *
     * @param name its unique name
     * @param config its configuration
     * @return the rate limiter
     * @throws IllegalStateException when the name is taken
     */
    public RateLimiter rateLimiter(String name, RateLimiterConfig config) {
        requireFree(rateLimiters.find(name), "rate limiter", name);
        return rateLimiters.rateLimiter(name, config);
    }

    /**
     * Measures every instance, those created later included.
     *
     * @param meters the registry
     * @return these registries
     */
    public ResilienceRegistries bindTo(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters);
        return this;
    }

    /**
     * The breakers.
     *
     * @return the registry
     */
    public CircuitBreakerRegistry circuitBreakers() {
        return breakers;
    }

    /**
     * The retries.
     *
     * @return the registry
     */
    public RetryRegistry retries() {
        return retries;
    }

    /**
     * The bulkheads.
     *
     * @return the registry
     */
    public BulkheadRegistry bulkheads() {
        return bulkheads;
    }

    /**
     * The rate limiters.
     *
     * @return the registry
     */
    public RateLimiterRegistry rateLimiters() {
        return rateLimiters;
    }

    private static void requireFree(Optional<?> existing, String kind, String name) {
        if (existing.isPresent()) {
            throw new IllegalStateException("a " + kind + " named '" + name + "' already exists in this engine: "
                    + "every tool and engine component needs its own");
        }
    }

    /** Removes every instance (and, once metrics are bound, their meters). */
    @Override
    public void close() {
        List.copyOf(breakers.getAllCircuitBreakers()).forEach(breaker -> breakers.remove(breaker.getName()));
        List.copyOf(retries.getAllRetries()).forEach(retry -> retries.remove(retry.getName()));
        List.copyOf(bulkheads.getAllBulkheads()).forEach(bulkhead -> bulkheads.remove(bulkhead.getName()));
        List.copyOf(rateLimiters.getAllRateLimiters()).forEach(limiter -> rateLimiters.remove(limiter.getName()));
    }
}
