package dev.eventagent.engine.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP client under langchain4j's OpenAI model: java.net.http, like langchain4j's own, but a
 * refusal keeps the server's {@code Retry-After}, which langchain4j's exceptions drop. It throws
 * {@link RefusedException} (an {@link HttpException}, so langchain4j still maps it to its
 * exception types with this one as the cause). Streaming is delegated to langchain4j's client.
 */
final class RetryAfterHttpClient implements HttpClient {

    /** A non-2xx answer, with the server's Retry-After when it sent one. */
    static final class RefusedException extends HttpException {
        private static final long serialVersionUID = 1L;
        private final transient Duration retryAfter;

        RefusedException(int status, String body, Duration retryAfter) {
            super(status, body);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    private final java.net.http.HttpClient client;
    private final Duration readTimeout;
    private final HttpClient streaming;

    private RetryAfterHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.client = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.readTimeout = readTimeout;
        this.streaming = new JdkHttpClientBuilder().connectTimeout(connectTimeout).readTimeout(readTimeout).build();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(readTimeout);
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        String body = request.body();
        switch (request.method()) {
            case GET -> builder.GET();
            case DELETE -> builder.DELETE();
            default -> builder.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        }
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new dev.langchain4j.exception.TimeoutException(e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.url(), e);
        }
        Map<String, List<String>> headers = response.headers().map();
        if (response.statusCode() / 100 != 2) {
            throw new RefusedException(response.statusCode(), response.body(),
                    retryAfter(response.headers().firstValue("Retry-After")));
        }
        return SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(headers)
                .body(response.body()).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        streaming.execute(request, parser, listener);
    }

    /** Seconds ({@code Retry-After: 7}); an HTTP date is rare from these APIs and read as unknown. */
    private static Duration retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(header.get().trim()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Builds the client for langchain4j. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            if (timeout != null) {
                this.connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            if (timeout != null) {
                this.readTimeout = timeout;
            }
            return this;
        }

        @Override
        public HttpClient build() {
            return new RetryAfterHttpClient(connectTimeout, readTimeout);
        }
    }
}
