package dev.eventagent.tools.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps Jira's answers and transport failures to the SPI's categories: 429 and 5xx, timeouts and
 * refused connections are transient (with {@code Retry-After} when Jira sent one); 401 and 403 are
 * permanent (credentials or permissions); 404 is permanent (not found or not visible); 400 is
 * invalid arguments, carrying Jira's {@code errorMessages} and {@code errors}.
 */
final class JiraFailures {

    /** The most characters of Jira's messages kept in an exception message. */
    private static final int MAX_DETAIL = 500;

    private final ObjectMapper mapper;

    JiraFailures(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The failure for an HTTP answer that is not 2xx.
     *
     * @param status the HTTP status
     * @param retryAfterHeader the {@code Retry-After} header, if any
     * @param body the response body
     * @param what what was being done, e.g. {@code "assigning PROJ-1"}
     * @param site the Jira base URL, for messages
     * @param now the current time, to read an HTTP-date {@code Retry-After}
     * @return the exception to throw
     */
    ToolException forStatus(int status, Optional<String> retryAfterHeader, String body, String what, String site,
            Instant now) {
        String detail = messages(body);
        String at = " (Jira at " + site + ", HTTP " + status + ")";
        if (status == 429 || status == 503) {
            Duration retryAfter = retryAfterHeader.flatMap(value -> retryAfter(value, now)).orElse(null);
            return new TransientToolException("Jira throttled " + what + at
                    + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + "s")
                    + detail, null, retryAfter);
        }
        if (status >= 500) {
            return new TransientToolException("Jira failed " + what + at + detail, null,
                    retryAfterHeader.flatMap(value -> retryAfter(value, now)).orElse(null));
        }
        if (status == 401) {
            return new PermanentToolException("Jira rejected the credentials while " + what + at
                    + ": check agent.plugins.jira.email and api-token (JIRA_EMAIL, JIRA_API_TOKEN) and auth-mode"
                    + detail, null);
        }
        if (status == 403) {
            return new PermanentToolException("Jira refused " + what + at
                    + ": the account lacks the permission (Browse, Assign, Add Comments or Transition Issues)"
                    + detail, null);
        }
        if (status == 404) {
            return new PermanentToolException("Jira found nothing while " + what + at
                    + ": the issue does not exist or the account cannot see it" + detail, null);
        }
        if (status == 400) {
            return new InvalidArgumentsException("Jira refused " + what + at + detail);
        }
        return new PermanentToolException("Jira answered " + what + " with an unexpected status" + at + detail, null);
    }

    /**
     * The failure for a request that got no answer.
     *
     * @param e the transport failure
     * @param what what was being done
     * @param site the Jira base URL
     * @return a transient exception
     */
    static TransientToolException forTransport(IOException e, String what, String site) {
        String reason;
        if (e instanceof HttpConnectTimeoutException) {
            reason = "connecting timed out";
        } else if (e instanceof HttpTimeoutException) {
            reason = "no answer in time";
        } else if (e instanceof ConnectException) {
            reason = "connection refused or unreachable";
        } else {
            reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new TransientToolException("Jira at " + site + " did not answer " + what + " (" + reason + ")", e);
    }

    /**
     * Reads a {@code Retry-After} value: delta seconds or an HTTP-date.
     *
     * @param value the header value
     * @param now the current time
     * @return the delay, or empty when unreadable
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(now, at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** Jira's errorMessages and errors, as {@code ": a; field: b"}, bounded. */
    private String messages(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        try {
            JsonNode node = mapper.readTree(body);
            node.path("errorMessages").forEach(message -> parts.add(message.asText()));
            node.path("errors").properties().forEach(error -> parts.add(error.getKey() + ": "
                    + error.getValue().asText()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
        String joined = String.join("; ", parts);
        if (joined.isEmpty()) {
            return "";
        }
        return ": " + (joined.length() > MAX_DETAIL ? joined.substring(0, MAX_DETAIL) + "…" : joined);
    }
}
