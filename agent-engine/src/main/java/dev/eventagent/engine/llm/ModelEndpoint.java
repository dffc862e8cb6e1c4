package dev.eventagent.engine.llm;

import dev.eventagent.engine.metrics.LatencyTimers;
import dev.eventagent.engine.resilience.Backoff;
import dev.eventagent.engine.resilience.BackoffRetry;
import dev.eventagent.engine.resilience.ResilienceRegistries;
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
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.exception.AcquirePermissionCancelledException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to the model: an OpenAI-compatible chat endpoint (langchain4j-open-ai) behind
 * token budgets per event and per hour and Resilience4j, outermost first:
 * <pre>
 *   Retry → CircuitBreaker → RateLimiter → Bulkhead → the request
 * </pre>
 * The retry is the only one (langchain4j's own is off): it retries the endpoint's failures (429,
 * 5xx, timeouts, unreachable) with the engine's backoff, waiting at least a 429's
 * {@code Retry-After} up to {@code retry.max-retry-after}; never a refusal of the request itself
 * (authentication, unknown model), an open breaker, or a request that waited too long for its
 * turn. The breaker counts only the endpoint's failures. The rate limiter admits
 * {@code requests-per-minute}, the bulkhead {@code max-concurrency} requests at once; a request
 * waits up to {@link #TURN_WAIT} for each. {@code <think>…</think>} is stripped from every reply.
 */
public final class ModelEndpoint {

    /** The name of the endpoint's retry, breaker, rate limiter and bulkhead (no tool name has a hyphen). */
    public static final String NAME = "llm-endpoint";

    /** How long a request waits for a rate-limit permit, and then for a concurrency slot. */
    static final Duration TURN_WAIT = Duration.ofMinutes(10);

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
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final Bulkhead slots;
    private final MeterRegistry meters;
    private final Map<String, long[]> perEvent = new ConcurrentHashMap<>();
    private final AtomicLong hourTokens = new AtomicLong();
    private final AtomicLong hourStart = new AtomicLong(System.currentTimeMillis());

    ModelEndpoint(ChatModel model, LlmSettings settings, MeterRegistry meters, ResilienceRegistries resilience) {
        this.model = model;
        this.settings = settings;
        this.meters = meters;
        this.retry = resilience.retry(NAME, BackoffRetry.config(settings.maxAttempts(),
                new Backoff(settings.initialBackoff(), 2.0, settings.maxBackoff(), 0.5), settings.maxRetryAfter(),
                ModelEndpoint::isEndpointFailure, ModelEndpoint::retryAfter));
        this.retry.getEventPublisher().onRetry(event -> LOG.warn(
                "Model request failed ({}); attempt {} of {}, next in {} ms",
                event.getLastThrowable() == null ? "unknown" : event.getLastThrowable().getClass().getSimpleName(),
                event.getNumberOfRetryAttempts(), settings.maxAttempts(), event.getWaitInterval().toMillis()));
        this.breaker = resilience.circuitBreaker(NAME, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(Math.max(1, settings.breakerWindow() / 2))
                .waitDurationInOpenState(settings.breakerWaitInOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .ignoreException(e -> !isEndpointFailure(e))
                .build());
        this.limiter = resilience.rateLimiter(NAME, RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, settings.requestsPerMinute()))
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(TURN_WAIT)
                .build());
        this.slots = resilience.bulkhead(NAME, BulkheadConfig.custom()
                .maxConcurrentCalls(Math.max(1, settings.maxConcurrency()))
                .maxWaitDuration(TURN_WAIT)
                .fairCallHandlingStrategyEnabled(true)
                .build());
    }

    /**
     * Connects to the configured endpoint.
     *
     * @param settings the settings
     * @param meters where token use goes
     * @param resilience where the endpoint's retry, breaker, rate limiter and bulkhead are kept
     * @return the endpoint
     */
    public static ModelEndpoint connect(LlmSettings settings, MeterRegistry meters, ResilienceRegistries resilience) {
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
        return new ModelEndpoint(builder.build(), settings, meters, resilience);
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
        AtomicInteger attempts = new AtomicInteger();
        Supplier<ChatResponse> attempt = () -> {
            attempts.incrementAndGet();
            long start = System.nanoTime();
            try {
                ChatResponse response = model.chat(built);
                LatencyTimers.modelRequest(meters, "ok").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return response;
            } catch (RuntimeException e) {
                boolean endpoint = isEndpointFailure(e);
                LatencyTimers.modelRequest(meters, endpoint ? "failed" : "refused")
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (endpoint) {
                    meters.counter("agent.llm.failures", "kind", e.getClass().getSimpleName()).increment();
                }
                throw e;
            }
        };
        Supplier<ChatResponse> guarded = CircuitBreaker.decorateSupplier(breaker,
                RateLimiter.decorateSupplier(limiter, Bulkhead.decorateSupplier(slots, attempt)));
        try {
            return account(eventId, Retry.decorateSupplier(retry, guarded).get());
        } catch (CallNotPermittedException e) {
            throw new ModelUnavailableException("the model endpoint's circuit breaker is open after repeated "
                    + "failures; it is tried again after " + settings.breakerWaitInOpen().toSeconds() + " s", e);
        } catch (RequestNotPermitted e) {
            throw new ModelUnavailableException("no model request was permitted within " + TURN_WAIT.toMinutes()
                    + " minutes under agent.llm.requests-per-minute = " + settings.requestsPerMinute(), e);
        } catch (BulkheadFullException e) {
            throw new ModelUnavailableException("all " + settings.maxConcurrency() + " model slots "
                    + "(agent.llm.max-concurrency) stayed busy for " + TURN_WAIT.toMinutes() + " minutes", e);
        } catch (AcquirePermissionCancelledException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("interrupted while waiting for a rate-limit permit or a model slot", e);
        } catch (AuthenticationException | InvalidRequestException | ModelNotFoundException e) {
            throw new IllegalStateException("the model endpoint " + settings.baseUrl() + " refused the request ("
                    + e.getClass().getSimpleName() + "): " + e.getMessage()
                    + " — check agent.llm.base-url, model and api-key", e);
        } catch (RuntimeException e) {
            throw new ModelUnavailableException("the model endpoint " + settings.baseUrl() + " failed "
                    + attempts.get() + " time(s) (agent.llm.retry.max-attempts = " + settings.maxAttempts() + "): "
                    + e.getMessage(), e);
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

    /**
     * Whether a failure is the endpoint's (retried, counted by the breaker): not a refusal of the
     * request itself, and not a request that was never sent because it waited too long for its turn.
     */
    private static boolean isEndpointFailure(Throwable e) {
        return !(e instanceof AuthenticationException || e instanceof InvalidRequestException
                || e instanceof ModelNotFoundException || e instanceof CallNotPermittedException
                || e instanceof RequestNotPermitted || e instanceof BulkheadFullException
                || e instanceof AcquirePermissionCancelledException || e instanceof ModelUnavailableException);
    }

    private static Optional<Duration> retryAfter(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryAfterHttpClient.RefusedException refused) {
                return refused.retryAfter();
            }
        }
        return Optional.empty();
    }

    /** The event's own token budget is spent: the planner stops planning this event. */
    public static final class BudgetSpentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetSpentException(String message) {
            super(message);
        }
    }
}
