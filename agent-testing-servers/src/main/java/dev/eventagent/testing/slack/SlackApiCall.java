package dev.eventagent.testing.slack;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One request the {@link TestingSlackServer} received, whatever it answered.
 *
 * @param method the Web API method, e.g. {@code chat.postMessage}
 * @param params the arguments, from the form or the top level of a JSON body (non-string JSON
 *     values as JSON text)
 * @param token the bearer token sent, or {@code null}
 * @param contentType the request's content type, or {@code null}
 * @param status the HTTP status answered
 * @param error the {@code error} of an {@code ok: false} answer, or {@code null}
 * @param time when it arrived
 */
public record SlackApiCall(
        String method,
        Map<String, String> params,
        String token,
        String contentType,
        int status,
        String error,
        Instant time) {

    /** Validates and copies the fields. */
    public SlackApiCall {
        requireNonNull(method, "method is null");
        params = Map.copyOf(requireNonNull(params, "params is null"));
        requireNonNull(time, "time is null");
    }

    /**
     * Whether the server answered {@code 200} with {@code ok: true}.
     *
     * @return true for a successful call
     */
    public boolean succeeded() {
        return status == 200 && error == null;
    }
}
