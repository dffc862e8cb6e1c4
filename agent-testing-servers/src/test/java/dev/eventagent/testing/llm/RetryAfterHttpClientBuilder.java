package dev.eventagent.testing.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A demonstration, for the planner: langchain4j's own {@code JdkHttpClient} drops response headers
 * on errors, so {@code Retry-After} never reaches the {@code RateLimitException}. A custom
 * {@link HttpClientBuilder} passed to {@code OpenAiChatModel.builder().httpClientBuilder(…)} can
 * throw an {@link HttpException} subclass that keeps it: the exception mapper makes that
 * subclass the cause of the {@code RateLimitException}. Streaming is delegated unchanged.
 */
final class RetryAfterHttpClientBuilder implements HttpClientBuilder {

    /** An HTTP error that keeps the {@code Retry-After} header. */
    static final class RetryAfterHttpException extends HttpException {

        private static final long serialVersionUID = 1L;

        private final transient Optional<Duration> retryAfter;

        RetryAfterHttpException(int statusCode, String body, Optional<Duration> retryAfter) {
            super(statusCode, body);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        HttpClient streaming = JdkHttpClient.builder().connectTimeout(connectTimeout).readTimeout(readTimeout).build();
        return new HttpClient() {
            @Override
            public SuccessfulHttpResponse execute(HttpRequest request) {
                java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                        .timeout(readTimeout)
                        .method(request.method().name(), request.body() == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
                request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
                try {
                    java.net.http.HttpResponse<byte[]> response = jdk.send(builder.build(), BodyHandlers.ofByteArray());
                    if (response.statusCode() < 200 || response.statusCode() > 299) {
                        throw new RetryAfterHttpException(response.statusCode(),
                                new String(response.body(), StandardCharsets.UTF_8),
                                response.headers().firstValue("retry-after").map(s -> Duration.ofSeconds(Long.parseLong(s))));
                    }
                    return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                            .headers(response.headers().map()).body(response.body()).build();
                } catch (HttpTimeoutException e) {
                    throw new TimeoutException(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                streaming.execute(request, parser, listener);
            }
        };
    }
}
