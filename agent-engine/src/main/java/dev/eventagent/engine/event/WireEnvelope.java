package dev.eventagent.engine.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * What {@link WireFormDetector} learnt about a record before any source-specific reading.
 *
 * @param form how the event arrived
 * @param source the source name, lower case; may be one no normaliser knows
 * @param eventType the source's event type, or {@code null} when nothing says
 * @param producerId the producer's own id for the event, or {@code null}
 * @param time the time the envelope states (CloudEvents {@code time}, envelope
 *     {@code timestamp}), or {@code null}
 * @param origin where source and type were read from, for messages, e.g.
 *     {@code the X-GitHub-Event header}
 * @param data the body to normalise
 */
record WireEnvelope(
        WireForm form,
        String source,
        String eventType,
        String producerId,
        Instant time,
        String origin,
        Map<String, Object> data) {

    WireEnvelope {
        requireNonNull(form, "form is null");
        requireNonNull(source, "source is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(data, "data is null");
    }
}
