package dev.eventagent.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.eventagent.engine.resilience.ResilienceRegistries;
import dev.eventagent.testing.llm.Reply;
import dev.eventagent.testing.llm.ScriptedModelServer;
import dev.langchain4j.data.message.UserMessage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model endpoint's Resilience4j stack against a scripted OpenAI-compatible server (real langchain4j client). */
class ModelEndpointTest {

    private static final String OVERLOADED = "{\"error\":{\"message\":\"overloaded\"}}";

    private ScriptedModelServer server;
    private ResilienceRegistries resilience;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start() {
        server = ScriptedModelServer.start();
        resilience = new ResilienceRegistries();
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        resilience.close();
        server.close();
    }

    private ModelEndpoint endpoint(String settings) {
        String config = "agent.llm { base-url = \"" + server.baseUrl() + "\", api-key = \"sk-test-1234\", timeout = 5s\n"
                + "  retry { max-attempts = 3, initial-backoff = 20ms, max-backoff = 100ms } }\n" + settings;
        return ModelEndpoint.connect(LlmSettings.of(ConfigFactory.parseString(config)
                .withFallback(ConfigFactory.defaultReference()).resolve()), meters, resilience);
    }

    private static ModelEndpoint.Reply ask(ModelEndpoint endpoint, String eventId) {
        return endpoint.chat(eventId, List.of(UserMessage.from("hello")), List.of(), null);
    }

    @Test
    void theEndpointsFailuresAreRetriedWithEveryAttemptCounted() {
        server.when(r -> true).reply(Reply.error(503, OVERLOADED), Reply.error(502, OVERLOADED), Reply.text("hi"));
        ModelEndpoint endpoint = endpoint("");

        assertThat(ask(endpoint, "e1").text()).isEqualTo("hi");
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(meters.find("agent.llm.failures").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(2.0);
        assertThat(resilience.retries().retry(ModelEndpoint.NAME).getMetrics()
                .getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
        assertThat(endpoint.usage("e1").calls()).isEqualTo(1);
    }

    @Test
    void spentAttemptsMakeTheModelUnavailableSayingHowOften() {
        server.otherwise(Reply.error(503, OVERLOADED));
        ModelEndpoint endpoint = endpoint("");

        assertThatThrownBy(() -> ask(endpoint, "e1")).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("failed 3 time(s)").hasMessageContaining("agent.llm.retry.max-attempts = 3");
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void aRetryAfterIsWaitedForAtLeastItsLength() {
        server.when(r -> true).reply(Reply.rateLimited(Duration.ofSeconds(1)), Reply.text("hi"));
        ModelEndpoint endpoint = endpoint("");

        long start = System.nanoTime();
        assertThat(ask(endpoint, "e1").text()).isEqualTo("hi");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aRetryAfterIsHonouredOnlyUpToItsBound() {
        server.when(r -> true).reply(Reply.rateLimited(Duration.ofSeconds(30)), Reply.text("hi"));
        ModelEndpoint endpoint = endpoint("agent.llm.retry.max-retry-after = 300ms\n");

        long start = System.nanoTime();
        assertThat(ask(endpoint, "e1").text()).isEqualTo("hi");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aRefusedRequestIsNeverRetriedAndDoesNotCountAgainstTheEndpoint() {
        server.otherwise(Reply.error(401, "{\"error\":{\"message\":\"bad key\"}}"));
        ModelEndpoint endpoint = endpoint("");

        assertThatThrownBy(() -> ask(endpoint, "e1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("check agent.llm.base-url, model and api-key")
                .hasMessageNotContaining("sk-test-1234");
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(endpoint.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(meters.find("agent.llm.failures").counters()).isEmpty();
    }

    @Test
    void anOpenBreakerFailsFastWithoutARequestUntilItsWaitIsOver() {
        server.otherwise(Reply.error(503, OVERLOADED));
        ModelEndpoint endpoint = endpoint("agent.llm.retry.max-attempts = 1\n"
                + "agent.llm.circuit-breaker { sliding-window-size = 2, wait-in-open = 1h }\n");

        assertThatThrownBy(() -> ask(endpoint, "e1")).isInstanceOf(ModelUnavailableException.class);
        assertThat(endpoint.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> ask(endpoint, "e2")).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("circuit breaker is open").hasMessageContaining("3600 s");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void neverMoreThanMaxConcurrencyRequestsAreInFlight() throws Exception {
        server.otherwise(Reply.slow(Duration.ofMillis(200), Reply.text("hi")));
        ModelEndpoint endpoint = endpoint("agent.llm.max-concurrency = 2\n");
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<ModelEndpoint.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String eventId = "e" + i;
                replies.add(callers.submit(() -> ask(endpoint, eventId)));
            }
            for (Future<ModelEndpoint.Reply> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS).text()).isEqualTo("hi");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(server.requestCount()).isEqualTo(6);
        assertThat(server.maxConcurrent()).isEqualTo(2);
    }

    @Test
    void requestsBeyondTheRateLimitWaitForTheNextPeriod() throws Exception {
        server.otherwise(Reply.text("hi"));
        ModelEndpoint endpoint = endpoint("agent.llm.requests-per-minute = 2\n");
        ask(endpoint, "e1");
        ask(endpoint, "e2");
        RateLimiter limiter = resilience.rateLimiters().rateLimiter(ModelEndpoint.NAME);
        AtomicReference<Throwable> third = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                ask(endpoint, "e3");
            } catch (RuntimeException e) {
                third.set(e);
            }
        });
        waiting.start();

        await("the third request waits for a permit", () -> limiter.getMetrics().getNumberOfWaitingThreads() == 1);
        assertThat(server.requestCount()).isEqualTo(2);
        waiting.interrupt();
        waiting.join(10_000);
        assertThat(waiting.isAlive()).isFalse();
        assertThat(third.get()).isInstanceOf(ModelUnavailableException.class).hasMessageContaining("interrupted");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
