package dev.eventagent.engine.tool;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The resilience policy of one tool, read from {@code agent.tools.defaults} merged with
 * {@code agent.tools.overrides.<tool>}.
 *
 * @param timeout how long one attempt may take
 * @param maxAttempts attempts in all, the first included (1 = no retry)
 * @param initialBackoff the wait before the second attempt
 * @param backoffMultiplier how much each wait grows
 * @param maxBackoff the longest computed wait
 * @param jitter the random spread of each wait, 0.0 to 1.0
 * @param maxRetryAfter the longest server-requested ({@code Retry-After}) wait honoured
 * @param failureRateThreshold percent of failed calls that opens the breaker
 * @param slidingWindowSize calls the breaker looks back on
 * @param minimumCalls calls before the breaker judges
 * @param waitInOpen how long the breaker stays open before probing
 * @param halfOpenCalls probe calls while half open
 * @param maxConcurrent concurrent calls the bulkhead admits
 * @param maxWait how long a call waits for the bulkhead
 */
public record ResilienceSettings(
        Duration timeout,
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        Duration maxBackoff,
        double jitter,
        Duration maxRetryAfter,
        float failureRateThreshold,
        int slidingWindowSize,
        int minimumCalls,
        Duration waitInOpen,
        int halfOpenCalls,
        int maxConcurrent,
        Duration maxWait) {

    /**
     * Reads the settings of one tool.
     *
     * @param tools the {@code agent.tools} subtree
     * @param toolName the tool
     * @return the settings
     */
    public static ResilienceSettings of(Config tools, String toolName) {
        Config c = tools.getConfig("defaults");
        String override = "overrides.\"" + toolName + "\"";
        if (tools.hasPath(override)) {
            c = tools.getConfig(override).withFallback(c);
        }
        return new ResilienceSettings(
                c.getDuration("timeout"),
                c.getInt("retry.max-attempts"),
                c.getDuration("retry.initial-backoff"),
                c.getDouble("retry.multiplier"),
                c.getDuration("retry.max-backoff"),
                c.getDouble("retry.jitter"),
                c.getDuration("retry.max-retry-after"),
                (float) c.getDouble("circuit-breaker.failure-rate-threshold"),
                c.getInt("circuit-breaker.sliding-window-size"),
                c.getInt("circuit-breaker.minimum-calls"),
                c.getDuration("circuit-breaker.wait-in-open"),
                c.getInt("circuit-breaker.half-open-calls"),
                c.getInt("bulkhead.max-concurrent"),
                c.getDuration("bulkhead.max-wait"));
    }
}
