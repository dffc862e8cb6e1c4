package dev.eventagent.engine.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the wait after the n-th failure is
 * {@code initial × multiplier^(n-1)}, capped at {@code max}, spread by ± {@code jitter}.
 * Shared by tool retries, event retries and model retries.
 *
 * @param initial the wait after the first failure
 * @param multiplier how much each wait grows
 * @param max the longest wait before jitter
 * @param jitter the random spread, 0 to 1 (0.5: between 50% and 150%)
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter) {

    /**
     * The wait after a number of failures.
     *
     * @param failures failures so far, from 1
     * @return the wait in milliseconds
     */
    public long millisAfter(int failures) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        double capped = Math.min(base, max.toMillis());
        double spread = capped * jitter;
        return Math.max(0L, Math.round(capped - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread));
    }
}
