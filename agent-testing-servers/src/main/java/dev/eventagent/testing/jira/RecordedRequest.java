package dev.eventagent.testing.jira;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request the {@link TestingJiraServer} received, as answered.
 *
 * @param method the HTTP method, e.g. {@code PUT}
 * @param path the decoded path, e.g. {@code /rest/api/3/issue/PROJ-1/assignee}
 * @param query the decoded query parameters (the last value of a repeated name)
 * @param body the request body as text; empty when there was none
 * @param authorized whether the request carried the expected credentials (the header itself is
 *     not recorded)
 * @param status the status the server answered with
 * @param time when it arrived
 */
public record RecordedRequest(
        String method,
        String path,
        Map<String, String> query,
        String body,
        boolean authorized,
        int status,
        Instant time) {

    /** Validates and copies the fields. */
    public RecordedRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        query = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(query, "query is null")));
        requireNonNull(body, "body is null");
        requireNonNull(time, "time is null");
    }

    /**
     * A query parameter.
     *
     * @param name the parameter name
     * @return the decoded value, or empty
     */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /**
     * Whether this request is the given method on a path matching a regular expression.
     *
     * @param expectedMethod e.g. {@code POST}
     * @param pathRegex a regular expression the whole path must match
     * @return true when both match
     */
    public boolean is(String expectedMethod, String pathRegex) {
        return method.equalsIgnoreCase(expectedMethod) && path.matches(pathRegex);
    }

    /** @return whether the server answered with 2xx */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : " " + query) + " -> " + status;
    }
}
