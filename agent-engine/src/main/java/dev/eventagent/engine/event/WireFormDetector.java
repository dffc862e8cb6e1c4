package dev.eventagent.engine.event;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EventSource;
import dev.eventagent.api.MalformedEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells which wire form a record is in and reads the source-level facts (source, event type,
 * producer id, stated time) from its headers and body. The checks run in this order; the first
 * that matches wins:
 *
 * <ol>
 *   <li>CloudEvents binary mode: headers {@code ce_type}, {@code ce_source}, {@code ce_id}
 *       ({@code ce-} prefix also accepted);</li>
 *   <li>CloudEvents structured mode: header {@code content-type: application/cloudevents+json},
 *       or a body with {@code specversion}, {@code type}, {@code source} and {@code id};</li>
 *   <li>a source's own webhook recognised by a header ({@link EventSource#recognize}: GitHub's
 *       {@code X-GitHub-Event});</li>
 *   <li>generic webhook: header {@code X-Event-Source} (+ optional {@code X-Event-Type},
 *       {@code X-Event-Id});</li>
 *   <li>the flat envelope: a body with string fields {@code source} and {@code event_type};</li>
 *   <li>a source's own webhook recognised by its body (Jira's {@code webhookEvent}, Alertmanager's
 *       {@code version} "4" with {@code alerts} and {@code groupKey}).</li>
 * </ol>
 */
final class WireFormDetector {

    static final String EVENT_SOURCE = "X-Event-Source";
    static final String EVENT_TYPE = "X-Event-Type";
    static final String EVENT_ID = "X-Event-Id";
    static final String CONTENT_TYPE = "content-type";
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private final Map<String, EventSource> sources;
    private final Collection<String> knownSources;

    /**
     * Creates a detector.
     *
     * @param sources the sources by name: their webhooks are recognised, and their names map
     *     CloudEvents types
     */
    WireFormDetector(Map<String, EventSource> sources) {
        this.sources = Map.copyOf(requireNonNull(sources, "sources is null"));
        this.knownSources = List.copyOf(new java.util.TreeSet<>(sources.keySet()));
    }

    /**
     * Detects the wire form.
     *
     * @param record the record, for its headers
     * @param body the parsed body
     * @return what was detected
     * @throws DecodeException UNKNOWN_SOURCE when nothing says where the event came from,
     *     WRONG_SHAPE when a form is recognised but incomplete
     */
    WireEnvelope detect(RawRecord record, JsonObjectView body) throws DecodeException {
        try {
            Optional<WireEnvelope> detected = binaryCloudEvent(record, body);
            if (detected.isEmpty()) {
                detected = structuredCloudEvent(record, body);
            }
            Map<String, String> headers = null;
            if (detected.isEmpty()) {
                headers = record.headers();
                detected = recognized(headers, body, true);
            }
            if (detected.isEmpty()) {
                detected = namedSource(record, headers, body);
            }
            if (detected.isEmpty()) {
                detected = envelope(body);
            }
            if (detected.isEmpty()) {
                detected = recognized(headers, body, false);
            }
            return detected.orElseThrow(() -> unknownSource(body));
        } catch (MalformedEventException e) {
            throw new DecodeException(DecodeException.Reason.WRONG_SHAPE, e.getMessage());
        }
    }

    /** A source's own webhook, recognised by a header or (after the envelope) by the body. */
    private Optional<WireEnvelope> recognized(Map<String, String> headers, JsonObjectView body, boolean byHeader) {
        for (EventSource source : sources.values()) {
            Optional<EventSource.Recognized> match = source.recognize(headers, body.fields())
                    .filter(recognized -> recognized.byHeader() == byHeader);
            if (match.isPresent()) {
                EventSource.Recognized found = match.get();
                return Optional.of(new WireEnvelope(WireForm.WEBHOOK, source.name(),
                        found.eventType().map(String::trim).orElse(null), found.deliveryId().orElse(null), null,
                        found.evidence(), body.fields()));
            }
        }
        return Optional.empty();
    }

    private Optional<WireEnvelope> binaryCloudEvent(RawRecord record, JsonObjectView body)
            throws DecodeException, MalformedEventException {
        Optional<String> type = ceHeader(record, "type");
        Optional<String> source = ceHeader(record, "source");
        Optional<String> id = ceHeader(record, "id");
        if (type.isEmpty() && source.isEmpty() && id.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (type.isEmpty()) {
            missing.add("ce_type");
        }
        if (source.isEmpty()) {
            missing.add("ce_source");
        }
        if (id.isEmpty()) {
            missing.add("ce_id");
        }
        if (!missing.isEmpty()) {
            throw new DecodeException(DecodeException.Reason.WRONG_SHAPE,
                    "CloudEvents binary mode needs the headers ce_type, ce_source and ce_id; "
                            + "missing " + String.join(", ", missing));
        }
        Optional<String> timeHeader = ceHeader(record, "time");
        Instant time = timeHeader.isPresent()
                ? JsonObjectView.parseInstant(timeHeader.get(), "header ce_time") : null;
        CloudEventTypeMapping.Mapping mapping = mapCloudEvent(type.get(), source.get(), "headers");
        return Optional.of(new WireEnvelope(WireForm.CLOUDEVENTS_BINARY, mapping.source(),
                mapping.eventType(), id.get(), time, "the CloudEvents headers ce_type/ce_source",
                body.fields()));
    }

    private Optional<WireEnvelope> structuredCloudEvent(RawRecord record, JsonObjectView body)
            throws DecodeException, MalformedEventException {
        boolean byHeader = record.header(CONTENT_TYPE)
                .map(v -> v.trim().toLowerCase(Locale.ROOT).startsWith(CLOUDEVENTS_JSON))
                .orElse(false);
        boolean byBody = body.has("specversion") && body.has("type") && body.has("source")
                && body.has("id");
        if (!byHeader && !byBody) {
            return Optional.empty();
        }
        String type = requiredString(body, "type", "a CloudEvents attribute");
        String source = requiredString(body, "source", "a CloudEvents attribute");
        String id = body.identifier("id").orElseThrow(
                () -> missing(body, "id", "a CloudEvents attribute"));
        requiredString(body, "specversion", "a CloudEvents attribute");
        if (body.has("data_base64")) {
            throw new DecodeException(DecodeException.Reason.WRONG_SHAPE, "wrong shape at "
                    + body.pathOf("data_base64") + ": binary CloudEvents data is not supported; "
                    + "send the data as a JSON object in 'data'");
        }
        Map<String, Object> data = body.object("data").map(JsonObjectView::fields).orElse(Map.of());
        Instant time = body.instant("time").orElse(null);
        CloudEventTypeMapping.Mapping mapping = mapCloudEvent(type, source, "attributes");
        return Optional.of(new WireEnvelope(WireForm.CLOUDEVENTS_STRUCTURED, mapping.source(),
                mapping.eventType(), id, time, "the CloudEvents attributes type/source", data));
    }

    /** A webhook whose X-Event-Source header names its source. */
    private Optional<WireEnvelope> namedSource(RawRecord record, Map<String, String> headers, JsonObjectView body) {
        Optional<String> namedSource = nonBlankHeader(record, EVENT_SOURCE);
        if (namedSource.isEmpty()) {
            return Optional.empty();
        }
        String source = namedSource.get().trim().toLowerCase(Locale.ROOT);
        Optional<EventSource.Recognized> recognized = Optional.ofNullable(sources.get(source))
                .flatMap(known -> known.recognize(headers, body.fields()));
        String type = nonBlankHeader(record, EVENT_TYPE).map(String::trim)
                .or(() -> inferType(body))
                .or(() -> recognized.flatMap(EventSource.Recognized::eventType).map(String::trim))
                .orElse(null);
        String producerId = nonBlankHeader(record, EVENT_ID)
                .or(() -> recognized.flatMap(EventSource.Recognized::deliveryId)).orElse(null);
        return Optional.of(new WireEnvelope(WireForm.WEBHOOK, source, type, producerId, null,
                "the X-Event-Source header", body.fields()));
    }

    private static Optional<WireEnvelope> envelope(JsonObjectView body) throws MalformedEventException {
        if (!body.has("source") || !body.has("event_type")) {
            return Optional.empty();
        }
        String source = requiredString(body, "source", "the envelope's source");
        String type = requiredString(body, "event_type", "the envelope's event type");
        Optional<String> id = body.identifier("id");
        if (id.isEmpty()) {
            id = body.identifier("event_id");
        }
        Instant time = body.instantOrEpochMillis("timestamp").orElse(null);
        return Optional.of(new WireEnvelope(WireForm.ENVELOPE, source.trim().toLowerCase(Locale.ROOT),
                type.trim(), id.orElse(null), time, "the envelope's source field", body.fields()));
    }

    /** The event type of a generic webhook without an X-Event-Type header, read from the body. */
    private static Optional<String> inferType(JsonObjectView body) {
        for (String field : List.of("event_type", "webhookEvent")) {
            if (body.raw(field) instanceof String s && !s.isBlank()) {
                return Optional.of(s.trim());
            }
        }
        return Optional.empty();
    }

    private CloudEventTypeMapping.Mapping mapCloudEvent(String type, String source, String where)
            throws DecodeException {
        return CloudEventTypeMapping.map(type, source, knownSources).orElseThrow(() ->
                new DecodeException(DecodeException.Reason.UNKNOWN_SOURCE, "CloudEvent "
                        + where + " type " + PayloadSnippet.quote(type, 80) + " and source "
                        + PayloadSnippet.quote(source, 80) + " name none of the known sources "
                        + knownSources + "; use a type such as com.github.push or a source "
                        + "URI that contains the source name"));
    }

    private static Optional<String> ceHeader(RawRecord record, String attribute) {
        return nonBlankHeader(record, "ce_" + attribute)
                .or(() -> nonBlankHeader(record, "ce-" + attribute));
    }

    private static Optional<String> nonBlankHeader(RawRecord record, String name) {
        return record.header(name).filter(v -> !v.isBlank());
    }

    private static String requiredString(JsonObjectView body, String name, String what)
            throws MalformedEventException {
        return body.string(name).orElseThrow(() -> missing(body, name, what));
    }

    private static MalformedEventException missing(JsonObjectView body, String name, String what) {
        return new MalformedEventException("wrong shape at "
                + body.pathOf(name) + ": expected " + what + ", found nothing");
    }

    private DecodeException unknownSource(JsonObjectView body) {
        StringBuilder fields = new StringBuilder();
        for (String name : body.fields().keySet()) {
            if (fields.length() > 120) {
                fields.append(", …");
                break;
            }
            fields.append(fields.length() == 0 ? "" : ", ").append(PayloadSnippet.cut(name, 30));
        }
        return new DecodeException(DecodeException.Reason.UNKNOWN_SOURCE,
                "cannot tell which system sent this event: no CloudEvents ce_type/ce_source/ce_id "
                        + "headers, no X-Event-Source header, the body has neither "
                        + "specversion+type+source+id (CloudEvents) nor source+event_type (envelope), "
                        + "and none of the sources " + knownSources + " recognises it as its webhook; "
                        + "its top-level fields are [" + fields + "]. Add an X-Event-Source header naming the source");
    }
}
