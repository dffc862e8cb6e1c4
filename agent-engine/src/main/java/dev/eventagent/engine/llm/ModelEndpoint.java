package dev.eventagent.engine.llm;

import dev.eventagent.engine.tool.Backoff;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to the model: an OpenAI-compatible chat endpoint (langchain4j-open-ai) behind a
 * concurrency cap, a rate limiter, one retry layer (langchain4j's own retries are off) that waits
 * at least a 429's {@code Retry-After}, a circuit breaker, and token budgets per event and per
 * hour. {@code <think>…</think>} is stripped from every reply.
 */
public final class ModelEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ModelEndpoint.class);
    private static final Pattern THINK = Pattern.compile("(?s)<think>.*?</think>\\s*");

    /**
     * What the model said, without its thinking.
     *
     * @param message the reply
     * @param inputTokens tokens of the request
     * @param outputTokens tokens of the reply
     */
    public record Reply(AiMessage message, long inputTokens, long outputTokens) {

        /**
         * The reply's text.
         *
         * @return the text, or empty
         */
        public String text() {
            return message.text() == null ? "" : message.text();
        }
    }

    /**
     * Token use of one event.
     *
     * @param calls model requests
     * @param inputTokens request tokens
     * @param outputTokens reply tokens
     */
    public record Usage(long calls, long inputTokens, long outputTokens) {
    }

    private final ChatModel model;
    private final LlmSettings settings;
    private final Semaphore slots;
    private final RateLimiter limiter;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    private final Map<String, long[]> perEvent = new ConcurrentHashMap<>();
    private final AtomicLong hourTokens = new AtomicLong();
    private final AtomicLong hourStart = new AtomicLong(System.currentTimeMillis());

    ModelEndpoint(ChatModel model, LlmSettings settings, MeterRegistry meters) {
        this.model = model;
        this.settings = settings;
        this.meters = meters;
        this.slots = new Semaphore(settings.maxConcurrency(), true);
        this.limiter = RateLimiter.of("llm", RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, settings.requestsPerMinute()))
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofMinutes(1))
                .build());
        this.breaker = CircuitBreaker.of("llm", CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(Math.max(1, settings.breakerWindow() / 2))
                .waitDurationInOpenState(settings.breakerWaitInOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    /**
     * Connects to the configured endpoint.
     *
     * @param settings the settings
     * @param meters where token use goes
     * @return the endpoint
     */
    public static ModelEndpoint connect(LlmSettings settings, MeterRegistry meters) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .httpClientBuilder(new RetryAfterHttpClient.Builder())
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey().isEmpty() ? "none" : settings.apiKey())
                .modelName(settings.model())
                .temperature(settings.temperature())
                .timeout(settings.timeout())
                .maxTokens(settings.maxOutputTokens())
                .maxRetries(0);
        if (!settings.thinking()) {
            builder.customParameters(Map.of("chat_template_kwargs", Map.of("enable_thinking", false)));
        }
        return new ModelEndpoint(builder.build(), settings, meters);
    }

    /**
     * The breaker, for health and metrics.
     *
     * @return the breaker
     */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /**
     * Asks the model.
     *
     * @param eventId the event the request serves, for its budget
     * @param messages the conversation
     * @param tools the tools offered (may be empty)
     * @param format a response format (JSON), or {@code null}
     * @return the reply
     * @throws ModelUnavailableException when the model cannot answer now
     * @throws IllegalStateException when the request itself is wrong (authentication, unknown model)
     */
    public Reply chat(String eventId, List<ChatMessage> messages, List<ToolSpecification> tools,
            ResponseFormat format) {
        checkBudgets(eventId);
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (!tools.isEmpty()) {
            request.toolSpecifications(tools);
        }
        if (format != null) {
            request.responseFormat(format);
        }
        ChatRequest built = request.build();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= Math.max(1, settings.maxAttempts()); attempt++) {
            if (!breaker.tryAcquirePermission()) {
                throw new ModelUnavailableException("the model endpoint's circuit breaker is open after repeated "
                        + "failures; it is tried again after " + settings.breakerWaitInOpen().toSeconds() + " s", last);
            }
            long start = System.nanoTime();
            try {
                ChatResponse response = send(built);
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return account(eventId, response);
            } catch (AuthenticationException | InvalidRequestException | ModelNotFoundException e) {
                breaker.releasePermission();
                throw new IllegalStateException("the model endpoint " + settings.baseUrl() + " refused the request ("
                        + e.getClass().getSimpleName() + "): " + e.getMessage()
                        + " — check agent.llm.base-url, model and api-key", e);
            } catch (RuntimeException e) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                last = e;
                meters.counter("agent.llm.failures", "kind", e.getClass().getSimpleName()).increment();
                if (attempt < settings.maxAttempts()) {
                    long wait = backoff(attempt, retryAfter(e));
                    LOG.warn("Model request failed ({}); attempt {} of {}, next in {} ms", e.getClass().getSimpleName(),
                            attempt, settings.maxAttempts(), wait);
                    sleep(wait);
                }
            }
        }
        throw new ModelUnavailableException("the model endpoint " + settings.baseUrl() + " failed "
                + settings.maxAttempts() + " times: " + (last == null ? "" : last.getMessage()), last);
    }

    private ChatResponse send(ChatRequest request) {
        limiter.acquirePermission();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("interrupted while waiting for a model slot", e);
        }
        try {
            return model.chat(request);
        } finally {
            slots.release();
        }
    }

    private Reply account(String eventId, ChatResponse response) {
        TokenUsage usage = response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        long[] counters = perEvent.computeIfAbsent(eventId, id -> new long[3]);
        synchronized (counters) {
            counters[0]++;
            counters[1] += in;
            counters[2] += out;
        }
        hourTokens.addAndGet(in + out);
        meters.counter("agent.llm.requests").increment();
        meters.counter("agent.llm.tokens", "kind", "input").increment(in);
        meters.counter("agent.llm.tokens", "kind", "output").increment(out);
        AiMessage message = response.aiMessage();
        if (message.text() != null && message.text().contains("<think>")) {
            String stripped = THINK.matcher(message.text()).replaceAll("").trim();
            message = message.hasToolExecutionRequests()
                    ? AiMessage.from(stripped, message.toolExecutionRequests())
                    : AiMessage.from(stripped);
        }
        return new Reply(message, in, out);
    }

    private void checkBudgets(String eventId) {
        long now = System.currentTimeMillis();
        long start = hourStart.get();
        if (now - start > Duration.ofHours(1).toMillis() && hourStart.compareAndSet(start, now)) {
            hourTokens.set(0);
        }
        if (hourTokens.get() >= settings.tokensPerHour()) {
            throw new ModelUnavailableException("the hourly token budget (agent.llm.budget.tokens-per-hour = "
                    + settings.tokensPerHour() + ") is spent", null);
        }
        Usage used = usage(eventId);
        if (used.inputTokens() + used.outputTokens() >= settings.tokensPerEvent()) {
            throw new BudgetSpentException("the event's token budget (agent.llm.budget.tokens-per-event = "
                    + settings.tokensPerEvent() + ") is spent after " + used.calls() + " model calls");
        }
    }

    /**
     * The token use of an event so far.
     *
     * @param eventId the event
     * @return the use
     */
    public Usage usage(String eventId) {
        long[] counters = perEvent.get(eventId);
        if (counters == null) {
            return new Usage(0, 0, 0);
        }
        synchronized (counters) {
            return new Usage(counters[0], counters[1], counters[2]);
        }
    }

    /**
     * Forgets an event's use, once it is audited.
     *
     * @param eventId the event
     * @return its use
     */
    public Usage release(String eventId) {
        Usage usage = usage(eventId);
        perEvent.remove(eventId);
        return usage;
    }

    private long backoff(int attempt, Optional<Duration> retryAfter) {
        long wait = new Backoff(settings.initialBackoff(), 2.0, settings.maxBackoff(), 0.5).millisAfter(attempt);
        return retryAfter.map(hint -> Math.max(hint.toMillis(), wait)).orElse(wait);
    }

    private static Optional<Duration> retryAfter(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryAfterHttpClient.RefusedException refused) {
                return refused.retryAfter();
            }
        }
        return Optional.empty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("interrupted while backing off", e);
        }
    }

    /** The event's own token budget is spent: the planner stops planning this event. */
    public static final class BudgetSpentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetSpentException(String message) {
            super(message);
        }
    }
}
