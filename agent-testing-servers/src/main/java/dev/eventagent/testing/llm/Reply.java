package dev.eventagent.testing.llm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.List;

/**
 * What the {@link ScriptedModelServer} answers to one request. Build replies with the factory
 * methods ({@link #text}, {@link #toolCalls}, {@link #json}, {@link #error}, {@link #rateLimited},
 * {@link #slow}). Text and tool-call replies are sent as one JSON completion, or as Server-Sent
 * Events chunks when the request asked for {@code "stream": true}; error replies are always a
 * plain HTTP error, as OpenAI sends them.
 */
public sealed interface Reply {

    /**
     * An assistant message with text content.
     *
     * @param content the content, sent verbatim (may carry {@code <think>…</think>})
     * @param finishReason the {@code finish_reason}, normally {@code "stop"}
     */
    record Text(String content, String finishReason) implements Reply {

        /**
         * Validates the components.
         *
         * @param content the content
         * @param finishReason the finish reason
         */
        public Text {
            requireNonNull(content, "content is null");
            requireNonNull(finishReason, "finishReason is null");
        }

        /**
         * The completion tokens reported in {@code usage}.
         *
         * @return {@code ceil(content characters / 4)}
         */
        public int completionTokens() {
            return Tokens.estimate(content.length());
        }
    }

    /**
     * An assistant message proposing tool calls (several make parallel tool calls), optionally with
     * text content before them. Its {@code finish_reason} is {@code "tool_calls"}.
     *
     * @param content text content sent with the calls, or {@code null} for none
     * @param calls the calls, in order (their index in the message is their position here)
     */
    record ToolCalls(String content, List<ToolCallSpec> calls) implements Reply {

        /**
         * Validates and copies the components.
         *
         * @param content the content, or {@code null}
         * @param calls the calls, at least one
         */
        public ToolCalls {
            calls = List.copyOf(requireNonNull(calls, "calls is null"));
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("a tool-call reply needs at least one call");
            }
        }

        /**
         * The completion tokens reported in {@code usage}.
         *
         * @return {@code ceil(characters of content, call names and arguments / 4)}
         */
        public int completionTokens() {
            long chars = content == null ? 0 : content.length();
            for (ToolCallSpec call : calls) {
                chars += call.name().length() + call.arguments().length();
            }
            return Tokens.estimate(chars);
        }
    }

    /**
     * A plain HTTP error.
     *
     * @param status the HTTP status
     * @param body the response body, sent verbatim as {@code application/json}
     */
    record Error(int status, String body) implements Reply {

        /**
         * Validates the components.
         *
         * @param status the HTTP status, 400 to 599
         * @param body the body
         */
        public Error {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an error status is 400..599, got " + status);
            }
            requireNonNull(body, "body is null");
        }
    }

    /**
     * HTTP 429 with a {@code Retry-After} header (whole seconds, rounded up) and an OpenAI-style
     * error body whose message says "Please try again in {@code N}s.".
     *
     * @param retryAfter how long the caller should wait
     */
    record RateLimited(Duration retryAfter) implements Reply {

        /**
         * Validates the component.
         *
         * @param retryAfter the wait, not negative
         */
        public RateLimited {
            requireNonNull(retryAfter, "retryAfter is null");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
            }
        }

        /**
         * The {@code Retry-After} value.
         *
         * @return the wait in whole seconds, rounded up
         */
        public long retryAfterSeconds() {
            long seconds = retryAfter.getSeconds();
            return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
        }
    }

    /**
     * Another reply sent only after a delay (before any byte of the response), to exercise
     * client timeouts and concurrency limits.
     *
     * @param delay how long to wait before answering
     * @param then the reply sent after the delay
     */
    record Slow(Duration delay, Reply then) implements Reply {

        /**
         * Validates the components.
         *
         * @param delay the delay, not negative
         * @param then the reply after it
         */
        public Slow {
            requireNonNull(delay, "delay is null");
            requireNonNull(then, "then is null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay is negative: " + delay);
            }
        }
    }

    /**
     * A text reply.
     *
     * @param content the content, sent verbatim (may carry {@code <think>…</think>})
     * @return the reply, finishing with {@code "stop"}
     */
    static Reply text(String content) {
        return new Text(content, "stop");
    }

    /**
     * A text reply cut off by the token limit.
     *
     * @param content the partial content
     * @return the reply, finishing with {@code "length"}
     */
    static Reply truncated(String content) {
        return new Text(content, "length");
    }

    /**
     * A text reply whose content is a JSON document, as for structured classification.
     *
     * @param json the JSON document; must parse (use {@link #text} for malformed JSON on purpose)
     * @return the reply
     * @throws IllegalArgumentException if {@code json} does not parse
     */
    static Reply json(String json) {
        requireNonNull(json, "json is null");
        try {
            JsonSupport.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Reply.json needs a valid JSON document (use Reply.text for malformed content): "
                            + e.getOriginalMessage(), e);
        }
        return new Text(json, "stop");
    }

    /**
     * A reply with one or more tool calls in one assistant message (parallel tool calls).
     *
     * @param calls the calls, at least one
     * @return the reply
     */
    static Reply toolCalls(ToolCallSpec... calls) {
        return new ToolCalls(null, List.of(calls));
    }

    /**
     * A reply with text content followed by tool calls in the same message.
     *
     * @param content the content, e.g. a {@code <think>…</think>} block
     * @param calls the calls, at least one
     * @return the reply
     */
    static Reply toolCallsWithText(String content, ToolCallSpec... calls) {
        return new ToolCalls(requireNonNull(content, "content is null"), List.of(calls));
    }

    /**
     * A plain HTTP error.
     *
     * @param status the HTTP status, 400 to 599
     * @param body the body, sent verbatim
     * @return the reply
     */
    static Reply error(int status, String body) {
        return new Error(status, body);
    }

    /**
     * A plain HTTP error with an OpenAI-style body {@code {"error":{"message":…,"type":…}}}.
     *
     * @param status the HTTP status, 400 to 599
     * @param message the error message
     * @return the reply
     */
    static Reply errorMessage(int status, String message) {
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        return new Error(status, JsonSupport.errorBody(message, type, null));
    }

    /**
     * HTTP 429 with {@code Retry-After}.
     *
     * @param retryAfter how long the caller should wait
     * @return the reply
     */
    static Reply rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter);
    }

    /**
     * A reply sent after a delay.
     *
     * @param delay how long to wait before answering
     * @param then the reply sent afterwards
     * @return the reply
     */
    static Reply slow(Duration delay, Reply then) {
        return new Slow(delay, then);
    }
}
