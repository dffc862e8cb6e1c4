package dev.eventagent.testing.llm;

import static dev.eventagent.testing.llm.OpenAiClients.chatModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures as the real langchain4j 1.19.0 {@code OpenAiChatModel} surfaces them, and the
 * concurrency measurement. These tests pin the client's behaviour the LLM planner relies on.
 */
class ScriptedModelServerFailureTest {

    private final ScriptedModelServer server = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rateLimitSurfacesAsRateLimitExceptionWithRetryAfterOnlyInTheMessage() {
        server.when(r -> true).reply(Reply.rateLimited(Duration.ofSeconds(2)));
        ChatModel model = chatModel(server).build();

        Throwable thrown = catchThrowable(() -> model.chat("plan"));

        assertThat(thrown).isExactlyInstanceOf(RateLimitException.class).isInstanceOf(RetriableException.class);
        // the message is the raw response body: the only place the wait is readable
        assertThat(thrown.getMessage()).contains("rate_limit_exceeded").contains("Please try again in 2s.");
        // the cause is the HTTP-level exception with the status code, but without any header
        assertThat(thrown.getCause()).isExactlyInstanceOf(HttpException.class);
        assertThat(((HttpException) thrown.getCause()).statusCode()).isEqualTo(429);
        assertThat(server.requestCount()).as("maxRetries(0) sends exactly one request").isEqualTo(1);
    }

    @Test
    void retryAfterIsReachableOnlyThroughACustomHttpClientBuilder() {
        server.when(r -> true).reply(Reply.rateLimited(Duration.ofSeconds(7)));
        ChatModel model = chatModel(server).httpClientBuilder(new RetryAfterHttpClientBuilder()).build();

        Throwable thrown = catchThrowable(() -> model.chat("plan"));

        assertThat(thrown).isExactlyInstanceOf(RateLimitException.class);
        assertThat(thrown.getCause()).isInstanceOf(RetryAfterHttpClientBuilder.RetryAfterHttpException.class);
        assertThat(((RetryAfterHttpClientBuilder.RetryAfterHttpException) thrown.getCause()).retryAfter())
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void rateLimitIsRetriedByTheClientItselfUnlessMaxRetriesIsZero() {
        server.when(r -> true).reply(Reply.rateLimited(Duration.ofSeconds(1)));
        ChatModel model = chatModel(server).maxRetries(1).build();

        Throwable thrown = catchThrowable(() -> model.chat("plan"));

        assertThat(thrown).isExactlyInstanceOf(RateLimitException.class);
        assertThat(server.requestCount()).as("maxRetries(1) sends the request twice").isEqualTo(2);
    }

    @Test
    void serverErrorSurfacesAsInternalServerException() {
        server.when(r -> true).reply(Reply.errorMessage(500, "the model backend crashed"));
        ChatModel model = chatModel(server).build();

        Throwable thrown = catchThrowable(() -> model.chat("plan"));

        assertThat(thrown).isExactlyInstanceOf(InternalServerException.class).isInstanceOf(RetriableException.class);
        assertThat(thrown.getMessage()).contains("the model backend crashed");
        assertThat(((HttpException) thrown.getCause()).statusCode()).isEqualTo(500);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void serviceUnavailableAlsoSurfacesAsInternalServerException() {
        server.when(r -> true).reply(Reply.error(503, "upstream overloaded"));

        Throwable thrown = catchThrowable(() -> chatModel(server).build().chat("plan"));

        assertThat(thrown).isExactlyInstanceOf(InternalServerException.class).hasMessage("upstream overloaded");
    }

    @Test
    void unmatchedRequestFailsLoudlyAndIsNeverRetried() {
        server.when(r -> r.lastUserMessage().equals("something else")).reply(Reply.text("never"));
        ChatModel model = chatModel(server).maxRetries(2).build();

        Throwable thrown = catchThrowable(() -> model.chat("a push to main arrived"));

        assertThat(thrown).isExactlyInstanceOf(InvalidRequestException.class).isInstanceOf(NonRetriableException.class);
        assertThat(thrown.getMessage()).contains("no script matched").contains("a push to main arrived");
        assertThat(server.requestCount()).as("4xx other than 408/429 is not retried").isEqualTo(1);
    }

    @Test
    void throwingPredicateAnswers400NamingTheException() {
        server.when(r -> {
            throw new IllegalStateException("bad predicate");
        }).reply(Reply.text("never"));

        Throwable thrown = catchThrowable(() -> chatModel(server).build().chat("plan"));

        assertThat(thrown).isExactlyInstanceOf(InvalidRequestException.class).hasMessageContaining("bad predicate");
    }

    @Test
    void slowReplyTimesOutWithTheClientTimeout() {
        server.when(r -> true).reply(Reply.slow(Duration.ofSeconds(5), Reply.text("too late")));
        ChatModel model = chatModel(server).timeout(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> model.chat("plan"));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(thrown).isExactlyInstanceOf(TimeoutException.class).isInstanceOf(RetriableException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(elapsedMillis).isBetween(250L, 3_000L);
    }

    @Test
    void maxConcurrentCountsFourParallelCallersAgainstASlowScript() throws Exception {
        server.when(r -> true).reply(Reply.slow(Duration.ofMillis(800), Reply.text("ok")));
        ChatModel model = chatModel(server).build();
        int callers = 4;
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String event = "event " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return model.chat(event);
                }));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(server.maxConcurrent()).isEqualTo(4);
        assertThat(server.requestCount()).isEqualTo(4);
    }

    @Test
    void sequentialCallersNeverOverlap() {
        server.when(r -> true).reply(Reply.slow(Duration.ofMillis(20), Reply.text("ok")));
        ChatModel model = chatModel(server).build();

        for (int i = 0; i < 3; i++) {
            model.chat("event " + i);
        }

        assertThat(server.maxConcurrent()).isEqualTo(1);
    }
}
