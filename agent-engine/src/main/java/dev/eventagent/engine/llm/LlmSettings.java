package dev.eventagent.engine.llm;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The model endpoint's settings, from {@code agent.llm}.
 *
 * @param baseUrl the OpenAI-compatible endpoint
 * @param model the model name
 * @param apiKey the API key (a secret)
 * @param temperature sampling temperature
 * @param timeout one request's timeout
 * @param maxOutputTokens the most tokens a reply may have
 * @param thinking whether to let Qwen3-style models think (off: {@code chat_template_kwargs.enable_thinking = false})
 * @param maxConcurrency the most requests in flight at once
 * @param requestsPerMinute the request rate limit
 * @param maxAttempts attempts per request (one retry layer: langchain4j's own is off)
 * @param initialBackoff the first wait after a failure (at least the server's Retry-After)
 * @param maxBackoff the longest computed wait
 * @param maxRetryAfter the longest server-requested ({@code Retry-After}) wait honoured
 * @param failureRateThreshold percent of failed requests that opens the breaker
 * @param breakerWindow requests the breaker looks back on
 * @param breakerWaitInOpen how long it stays open
 * @param tokensPerEvent the token budget of one event
 * @param tokensPerHour the token budget of the whole service per hour
 */
public record LlmSettings(String baseUrl, String model, String apiKey, double temperature, Duration timeout,
        int maxOutputTokens, boolean thinking, int maxConcurrency, int requestsPerMinute, int maxAttempts,
        Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, float failureRateThreshold, int breakerWindow,
        Duration breakerWaitInOpen, long tokensPerEvent, long tokensPerHour) {

    /**
     * Reads the settings.
     *
     * @param config the whole config
     * @return the settings
     */
    public static LlmSettings of(Config config) {
        Config llm = config.getConfig("agent.llm");
        return new LlmSettings(llm.getString("base-url"), llm.getString("model"), llm.getString("api-key"),
                llm.getDouble("temperature"), llm.getDuration("timeout"), llm.getInt("max-output-tokens"),
                llm.getBoolean("thinking"), llm.getInt("max-concurrency"), llm.getInt("requests-per-minute"),
                llm.getInt("retry.max-attempts"), llm.getDuration("retry.initial-backoff"),
                llm.getDuration("retry.max-backoff"), llm.getDuration("retry.max-retry-after"), (float) llm.getDouble("circuit-breaker.failure-rate-threshold"),
                llm.getInt("circuit-breaker.sliding-window-size"), llm.getDuration("circuit-breaker.wait-in-open"),
                llm.getLong("budget.tokens-per-event"), llm.getLong("budget.tokens-per-hour"));
    }
}
