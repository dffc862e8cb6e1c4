package dev.eventagent.testing.github;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One request the {@link TestingGitHubServer} received, whatever it answered.
 *
 * @param method the HTTP method
 * @param path the path, e.g. {@code /repos/acme/api/issues/7/comments}
 * @param query the raw query string, or {@code null}
 * @param body the request body as text (empty when none)
 * @param token the token of the {@code Authorization} header, or {@code null}
 * @param status the HTTP status answered
 * @param time when it arrived
 */
public record GitHubRequest(String method, String path, String query, String body, String token, int status,
        Instant time) {

    /** Validates the fields. */
    public GitHubRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(body, "body is null");
        requireNonNull(time, "time is null");
    }
}
