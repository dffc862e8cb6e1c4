package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical form of an incoming event, whatever its wire format.
 *
 * @param id stable identity: the producer's id (delivery id, CloudEvents id) or a hash of the
 *     content; redeliveries keep it
 * @param source the system it came from: {@code github}, {@code jira}, {@code alertmanager}, …
 * @param type the normalised type, e.g. {@code push}, {@code pull_request.closed},
 *     {@code issue_created}, {@code alert.firing}
 * @param key the ordering key: events with the same key are processed in order
 * @param time when it happened (or was received, when the payload does not say)
 * @param actorEmail the e-mail of the person who caused it, or {@code null}
 * @param project the project or repository it concerns, or {@code null}
 * @param attributes fields the normaliser extracted in a source-independent shape (for example
 *     {@code commits} of a push with {@code sha}, {@code message}, {@code author_email})
 * @param payload the original body, as parsed JSON
 * @since 0.1
 */
public record Event(
        String id,
        String source,
        String type,
        String key,
        Instant time,
        String actorEmail,
        String project,
        Map<String, Object> attributes,
        Map<String, Object> payload) {

    /** Validates and copies the fields. */
    public Event {
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        requireNonNull(type, "type is null");
        requireNonNull(key, "key is null");
        requireNonNull(time, "time is null");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(
                requireNonNull(attributes, "attributes is null")));
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(
                requireNonNull(payload, "payload is null")));
    }

    /**
     * The event class used by policy and routing: {@code source + "." + type}.
     *
     * @return e.g. {@code github.push}
     */
    public String eventClass() {
        return source + "." + type;
    }

    /**
     * The actor's e-mail.
     *
     * @return the e-mail, or empty
     */
    public Optional<String> actor() {
        return Optional.ofNullable(actorEmail);
    }
}
