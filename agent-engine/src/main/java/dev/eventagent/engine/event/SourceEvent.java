package dev.eventagent.engine.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * What the decoder hands a {@link Normalizer}: the wire form and the source-level facts it
 * detected, and the body to normalise.
 *
 * @param form how the event arrived
 * @param source the source name, lower case, e.g. {@code github}
 * @param eventType the source's own event type as the wire said it, e.g. {@code push},
 *     {@code jira:issue_updated} or {@code pull_request.opened}
 * @param id the event id, already final (producer id prefixed with the source, or a content hash)
 * @param defaultTime the time to use when the payload does not say: the CloudEvents {@code time},
 *     the envelope's {@code timestamp}, or else the record timestamp
 * @param data the body to normalise (for CloudEvents the {@code data}), deeply unmodifiable
 */
public record SourceEvent(
        WireForm form,
        String source,
        String eventType,
        String id,
        Instant defaultTime,
        Map<String, Object> data) {

    /** Validates the fields. */
    public SourceEvent {
        requireNonNull(form, "form is null");
        requireNonNull(source, "source is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(id, "id is null");
        requireNonNull(defaultTime, "defaultTime is null");
        requireNonNull(data, "data is null");
    }
}
